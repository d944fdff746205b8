import { html, trusted } from "../src/html.ts";
import type { Archive, Article } from "../src/model.ts";
import { href } from "../src/urls.ts";
import { layout } from "./_lib/layout.ts";
import { time, truncate } from "./_lib/parts.ts";

export const data = {
  pagination: { data: "archive.articles", size: 1, alias: "article" },
  permalink: (d: { article: Article }) => d.article.path,
};

export function render({ archive, article: a }: { archive: Archive; article: Article }): string {
  const link = (p: string) => href(archive.site.pathPrefix, p);
  const byline = a.authors.length === 0 ? "" : html`<p class="byline">By ${a.authors.join(", ")}</p>`;
  const content = html`<article class="article">
<header class="article-header">
<h1>${a.title}</h1>
${byline}
<p class="meta">${time(a.date)}${a.source === null ? "" : html` · <span class="source">${a.source}</span>`} · ${a.readingMinutes} min read${a.draft ? html` · <strong class="draft">Draft</strong>` : ""}</p>
${a.updated === null ? "" : html`<p class="meta">Updated ${time(a.updated)}</p>`}
</header>
<div class="article-body">
${trusted(a.html)}
</div>
<footer class="article-footer">
${a.url === null ? "" : html`<p>Original: <a href="${a.url}" rel="nofollow noopener">${a.url}</a></p>`}
${a.tags.length === 0 ? "" : html`<h2 class="visually-hidden">Tags</h2>
<ul class="tag-list" role="list">${a.tags.map((t) => html`<li><a href="${link(t.path)}" rel="tag">${t.name}</a></li>`)}</ul>`}
</footer>
</article>
<nav class="older-newer" aria-label="Older and newer articles">
${a.older === null ? "" : html`<a rel="prev" href="${link(a.older.path)}"><span>Older</span> ${a.older.title}</a>`}
${a.newer === null ? "" : html`<a rel="next" href="${link(a.newer.path)}"><span>Newer</span> ${a.newer.title}</a>`}
</nav>`;
  return layout(archive.site, { title: a.title, description: truncate(a.summary, 200), path: a.path, lang: a.lang }, content);
}
