import { list } from "./list.js";
export const data = { permalink: "/", layout: "page.11ty.js" };
export const render = (d) => list(d.collections.articles.slice(0, 20));
