import { html, trusted } from "../src/util/html.ts";
import type { Archive, Article } from "../src/content/model.ts";
import { ARTICLE_SIZES, pictureHtml } from "../src/content/images/picture.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { langAttributes, time, truncate } from "./_lib/parts.ts";
import { onePagePer } from "./_lib/paginate.ts";

export const data = onePagePer<Article>("archive.articles", "article", (a) => a.path);

export function render({ archive, article: a, link }: { archive: Archive; article: Article; link: Link }): string {
  // The site's own words on the page of an article in another language keep the site's language.
  const chrome = langAttributes(archive.site.lang, a.lang);
  const own = (lang: string) => langAttributes(lang, archive.site.lang);
  // An author with the source's name (a wire story signed by its agency) is already named by the source link.
  const authors = a.authorRefs.filter((r) => r.name !== a.sourceRef?.name);
  const byline =
    authors.length === 0
      ? ""
      : html`<p class="byline">By ${authors.map((r, i) => html`${i === 0 ? "" : ", "}<a href="${link(r.path)}" rel="author">${r.name}</a>`)}</p>`;
  const lead = a.image;
  const figure =
    lead === null
      ? ""
      : html`<figure class="lead-image">
${pictureHtml(link, lead.file, { alt: lead.alt, sizes: ARTICLE_SIZES, loading: "eager" })}
${lead.caption === null && lead.credit === null ? "" : html`<figcaption>${lead.caption ?? ""}${lead.credit === null ? "" : html` <span class="credit"><span class="visually-hidden">Credit: </span>${lead.credit}</span>`}</figcaption>`}
</figure>`;
  const content = html`<article class="article" lang="${a.lang}">
<header class="article-header">
<h1>${a.title}</h1>
${byline}
<p class="meta"${chrome}>${time(a.date)}${a.sourceRef === null ? "" : html` · <a class="source" href="${link(a.sourceRef.path)}">${a.sourceRef.name}</a>`}${a.readingMinutes === null ? "" : html` · <span class="reading-time">${a.readingMinutes} min read</span>`}${a.draft ? html` · <strong class="draft">Draft</strong>` : ""}</p>
${a.updated === null ? "" : html`<p class="meta"${chrome}>Updated ${time(a.updated)}</p>`}
</header>
${figure}
<div class="article-body">
${trusted(a.body.html(link))}
</div>
<footer class="article-footer"${chrome}>
${a.url === null ? "" : html`<p>Original: <a href="${a.url}" rel="nofollow noopener">${a.url}</a></p>`}
${a.tags.length === 0 ? "" : html`<h2 class="visually-hidden">Tags</h2>
<ul class="tag-list">${a.tags.map((t) => html`<li><a href="${link(t.path)}" rel="tag">${t.name}</a></li>`)}</ul>`}
</footer>
</article>
${a.related.length === 0 ? "" : html`<aside class="related" aria-labelledby="related-title"${chrome}>
<h2 id="related-title">Related articles</h2>
<ul class="related-list">
${a.related.map((r) => html`<li${own(r.lang)}><a href="${link(r.path)}">${r.title}</a> <span class="meta">${time(r.date)}</span></li>`)}
</ul>
</aside>`}
<nav class="older-newer" aria-label="Older and newer articles"${chrome}>
${a.older === null ? "" : html`<a rel="prev" href="${link(a.older.path)}"${own(a.older.lang)}><span${langAttributes(archive.site.lang, a.older.lang)}>Older</span> ${a.older.title}</a>`}
${a.newer === null ? "" : html`<a rel="next" href="${link(a.newer.path)}"${own(a.newer.lang)}><span${langAttributes(archive.site.lang, a.newer.lang)}>Newer</span> ${a.newer.title}</a>`}
</nav>`;
  return layout(archive.site, link, { title: a.title, description: truncate(a.summary, 200), path: a.path, lang: a.lang, article: a }, content);
}
