// The search page's behaviour. The page works without this file (it explains that search needs
// JavaScript and links to the tag and date indexes); this script loads Pagefind's index, shows
// the form and lists the matching articles newest first, with their date and source.
const form = document.querySelector("[data-search]");
const nojs = document.querySelector("[data-search-nojs]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const BATCH = 20;

const fields = { q: form.elements.namedItem("q"), tag: form.elements.namedItem("tag"), year: form.elements.namedItem("year") };
// The form shows at once (what a bookmarked search asked for filled in) while the index loads;
// whatever is typed meanwhile is searched as soon as it has.
const params = new URLSearchParams(location.search);
for (const [name, field] of Object.entries(fields)) field.value = params.get(name) ?? "";
nojs.hidden = true;
form.hidden = false;

let pagefind;
try {
  // The index is split into shards by years (src/search/records.ts): the first is loaded and the
  // others merged into it, so one search covers them all.
  const [first, ...others] = form.dataset.bundles.split(" ");
  pagefind = await import(new URL(`${first}pagefind.js`, location.href).href);
  // Result URLs are site paths; the prefix makes them work when the site lives under /project/.
  await pagefind.options({ baseUrl: form.dataset.base });
  await Promise.all(others.map((bundle) => pagefind.mergeIndex(bundle, { baseUrl: form.dataset.base })));
} catch {
  form.hidden = true;
  nojs.hidden = false;
  status.textContent = "The search index could not be loaded.";
}

if (pagefind !== undefined) {
  let results = [];
  let shown = 0;
  // Each search supersedes the one before: a slow answer to an old query is dropped.
  let generation = 0;
  let typing;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  fields.q.addEventListener("input", () => {
    clearTimeout(typing);
    if (fields.q.value.trim() !== "") pagefind.preload(fields.q.value.trim());
    typing = setTimeout(run, 250);
  });
  fields.tag.addEventListener("change", run);
  fields.year.addEventListener("change", run);
  more.querySelector("button").addEventListener("click", () => showMore(generation));

  async function run() {
    clearTimeout(typing);
    const current = ++generation;
    const query = fields.q.value.trim();
    const filters = {};
    if (fields.tag.value !== "") filters.tag = fields.tag.value;
    if (fields.year.value !== "") filters.year = fields.year.value;
    remember(query, filters);
    if (query === "" && Object.keys(filters).length === 0) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    let search;
    try {
      search = await pagefind.search(query === "" ? null : query, { filters, sort: { date: "desc" } });
    } catch {
      if (current === generation) status.textContent = "The search index could not be read. Browse by tag or by year and month instead.";
      return;
    }
    if (current !== generation) return;
    results = search.results;
    shown = 0;
    list.replaceChildren();
    status.textContent = describe(results.length, query, filters);
    await showMore(current);
  }

  async function showMore(current) {
    const batch = await Promise.all(results.slice(shown, shown + BATCH).map((r) => r.data()));
    if (current !== generation) return;
    list.append(...batch.map(item));
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  function remember(query, filters) {
    const state = new URLSearchParams({ ...(query === "" ? {} : { q: query }), ...filters });
    const search = state.toString();
    history.replaceState(null, "", search === "" ? location.pathname : `${location.pathname}?${search}`);
  }

  run();
}

function describe(count, query, filters) {
  const what = [
    query === "" ? "" : ` matching “${query}”`,
    filters.tag === undefined ? "" : ` tagged ${filters.tag}`,
    filters.year === undefined ? "" : ` from ${filters.year}`,
  ].join("");
  if (count === 0) return `No articles${what}. Try fewer or shorter words, or another tag or year.`;
  return `${count} ${count === 1 ? "article" : "articles"}${what}, newest first.`;
}

/** One result, built from text nodes only: titles and sources are raw article values. */
function item(data) {
  const li = element("li", "article-item");
  const lang = data.filters?.lang?.[0];
  // The page is in the site's language; a result in another is marked, and set in its own direction.
  if (lang && lang !== document.documentElement.lang) Object.assign(li, { lang, dir: "auto" });
  const heading = element("h2", "article-item-title");
  const link = element("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = element("p", "meta");
  // An undated article has no datetime: its "Undated" is plain text.
  const time = element(data.meta.datetime ? "time" : "span");
  if (data.meta.datetime) time.dateTime = data.meta.datetime;
  time.textContent = data.meta.date ?? "";
  meta.append(time);
  const source = data.filters?.source?.[0];
  if (source) meta.append(" · ", Object.assign(element("span"), { textContent: source }));
  const excerpt = element("p", "summary");
  excerpt.append(...withEllipses(highlighted(data.excerpt), data.content ?? ""));
  li.append(heading, meta, excerpt);
  return li;
}

/** Pagefind's excerpt is escaped text with <mark> around the matches: keep those marks and nothing else. */
function highlighted(excerpt) {
  const parsed = document.createElement("template");
  parsed.innerHTML = excerpt;
  return [...parsed.content.childNodes].map((node) =>
    node.nodeName === "MARK" ? Object.assign(element("mark"), { textContent: node.textContent }) : document.createTextNode(node.textContent ?? ""),
  );
}

/**
 * Pagefind's excerpt is a window of words from the article's text: "…" marks where it cuts the
 * text, at the start, the end or both, so a reader does not take a fragment for a whole sentence.
 */
function withEllipses(nodes, content) {
  const squeeze = (text) => text.replace(/\s+/g, " ").trim();
  const shown = squeeze(nodes.map((n) => n.textContent).join(""));
  const whole = squeeze(content);
  if (shown === "") return nodes;
  return [...(whole.startsWith(shown) ? [] : ["… "]), ...nodes, ...(whole.endsWith(shown) ? [] : [" …"])];
}

function element(name, className) {
  const el = document.createElement(name);
  if (className !== undefined) el.className = className;
  return el;
}
