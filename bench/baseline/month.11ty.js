import { list } from "./list.js";
export const data = { pagination: { data: "collections.monthPages", size: 1, alias: "p" }, permalink: (d) => d.p.url, layout: "page.11ty.js" };
export const render = (d) => `<h1>${d.p.key}</h1>${list(d.p.items)}`;
