export const data = { pagination: { data: "collections.years", size: 1, alias: "year" }, permalink: (d) => `/archive/${d.year}/`, layout: "page.11ty.js" };
export const render = (d) => `<h1>${d.year}</h1>`;
