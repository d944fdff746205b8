export const data = { pagination: { data: "pagesList", size: 1, alias: "p" }, pagesList: ["/tags/", "/archive/"], permalink: (d) => d.p, layout: "page.11ty.js" };
export const render = (d) => `<h1>${d.p}</h1>${d.collections.tagPages.filter((t) => !t.url.includes("/page/")).map((t) => `<a href="${t.url}">${t.key}</a>`).join("")}`;
