import { isoDate, sortKey } from "../src/dates.ts";
import { html, trusted } from "../src/html.ts";
import type { Archive, Article } from "../src/model.ts";
import { href } from "../src/urls.ts";
import { layout } from "./_lib/layout.ts";
import { time, truncate } from "./_lib/parts.ts";

// The data-pagefind-* attributes decide what search sees: the title and body are indexed as text.
// Tags, year, source and language are filters (shown with results, never matched as words); the
// date is result metadata (Pagefind also matches metadata as words: "2019" finds 2019's articles),
// and the sort key puts results newest first.

export const data = {
  pagination: { data: "archive.articles", size: 1, alias: "article" },
  permalink: (d: { article: Article }) => d.article.path,
};

export function render({ archive, article: a }: { archive: Archive; article: Article }): string {
  const link = (p: string) => href(archive.site.pathPrefix, p);
  const byline = a.authors.length === 0 ? "" : html`<p class="byline" data-pagefind-ignore>By ${a.authors.join(", ")}</p>`;
  const content = html`<article class="article" lang="${a.lang}" data-pagefind-body data-pagefind-filter="lang[lang], year:${a.date.year}" data-pagefind-sort="date:${sortKey(a.date)}">
<header class="article-header">
<h1>${a.title}</h1>
${byline}
<p class="meta" data-pagefind-ignore><span data-pagefind-meta="date, datetime[data-datetime]" data-datetime="${isoDate(a.date)}">${time(a.date)}</span>${a.source === null ? "" : html` · <span class="source" data-pagefind-filter="source">${a.source}</span>`} · ${a.readingMinutes} min read${a.draft ? html` · <strong class="draft">Draft</strong>` : ""}</p>
${a.updated === null ? "" : html`<p class="meta" data-pagefind-ignore>Updated ${time(a.updated)}</p>`}
</header>
<div class="article-body">
${trusted(a.html)}
</div>
<footer class="article-footer" data-pagefind-ignore>
${a.url === null ? "" : html`<p>Original: <a href="${a.url}" rel="nofollow noopener">${a.url}</a></p>`}
${a.tags.length === 0 ? "" : html`<h2 class="visually-hidden">Tags</h2>
<ul class="tag-list" role="list">${a.tags.map((t) => html`<li><a href="${link(t.path)}" rel="tag" data-pagefind-filter="tag">${t.name}</a></li>`)}</ul>`}
</footer>
</article>
${a.related.length === 0 ? "" : html`<aside class="related" aria-labelledby="related-title">
<h2 id="related-title">Related articles</h2>
<ul class="related-list" role="list">
${a.related.map((r) => html`<li${r.lang === a.lang ? "" : html` lang="${r.lang}"`}><a href="${link(r.path)}">${r.title}</a> <span class="meta">${time(r.date)}</span></li>`)}
</ul>
</aside>`}
<nav class="older-newer" aria-label="Older and newer articles">
${a.older === null ? "" : html`<a rel="prev" href="${link(a.older.path)}"><span>Older</span> ${a.older.title}</a>`}
${a.newer === null ? "" : html`<a rel="next" href="${link(a.newer.path)}"><span>Newer</span> ${a.newer.title}</a>`}
</nav>`;
  return layout(archive.site, { title: a.title, description: truncate(a.summary, 200), path: a.path, lang: a.lang, article: a }, content);
}
