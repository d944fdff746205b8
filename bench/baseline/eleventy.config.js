// The benchmark's baseline: plain Eleventy 3.1.7 with its built-in markdown (markdown-it) building
// the same corpus into the same page set (articles, home, tags, paginated tag pages, archive,
// years, paginated months), with plain JavaScript templates. No search index, no feeds.
const PAGE_SIZE = 20;

function chunks(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length === 0 ? [[]] : out;
}

function pages(groups, base) {
  return groups.flatMap(([key, items]) =>
    chunks(items, PAGE_SIZE).map((chunk, i) => ({ key, items: chunk, url: `${base}${key}/${i === 0 ? "" : `page/${i + 1}/`}` })),
  );
}

export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "page.11ty.js");
  eleventyConfig.addCollection("articles", (api) =>
    api.getFilteredByGlob("**/articles/*.md").sort((a, b) => b.date - a.date),
  );
  eleventyConfig.addCollection("tagPages", (api) => {
    const byTag = new Map();
    for (const a of api.getFilteredByGlob("**/articles/*.md").sort((x, y) => y.date - x.date)) {
      for (const t of a.data.tags ?? []) {
        if (!byTag.has(t)) byTag.set(t, []);
        byTag.get(t).push(a);
      }
    }
    return pages([...byTag].map(([t, items]) => [eleventyConfig.getFilter("slugify")(t), items]), "/tags/");
  });
  eleventyConfig.addCollection("monthPages", (api) => {
    const byMonth = new Map();
    for (const a of api.getFilteredByGlob("**/articles/*.md").sort((x, y) => y.date - x.date)) {
      const key = a.date.toISOString().slice(0, 7).replace("-", "/");
      if (!byMonth.has(key)) byMonth.set(key, []);
      byMonth.get(key).push(a);
    }
    return pages([...byMonth], "/archive/");
  });
  eleventyConfig.addCollection("years", (api) => {
    const years = new Set(api.getFilteredByGlob("**/articles/*.md").map((a) => a.date.getUTCFullYear()));
    return [...years].sort();
  });
  return { dir: { input: ".", includes: "_includes", output: "_site" }, markdownTemplateEngine: false };
}
