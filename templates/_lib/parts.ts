// Pieces several page kinds show: a date, an article in a list, a pager.
import { displayDate, isoDate, UNDATED, type ArchiveDate } from "../../src/content/dates.ts";
import { html, type SafeHtml } from "../../src/util/html.ts";
import { textDirection } from "../../src/content/lang.ts";
import type { Article, ListPage } from "../../src/content/model.ts";
import { pictureHtml, THUMBNAIL_SIZES } from "../../src/content/images/picture.ts";
import type { Link } from "../../src/content/urls.ts";

/** ` lang="…"`, and ` dir="…"` when the direction changes, for text in another language than around it. */
export function langAttributes(lang: string, around: string): SafeHtml {
  if (lang === around) return html``;
  const dir = textDirection(lang);
  return html` lang="${lang}"${dir === textDirection(around) ? "" : html` dir="${dir}"`}`;
}

export function time(date: ArchiveDate | null): SafeHtml {
  if (date === null) return html`<span class="undated">${UNDATED}</span>`;
  return html`<time datetime="${isoDate(date)}">${displayDate(date)}</time>`;
}

/** `heading` is the level of each title: h3 where the list sits under a page section's h2. */
export function articleList(link: Link, articles: readonly Article[], siteLang: string, heading: "h2" | "h3" = "h2"): SafeHtml {
  return html`<ol class="article-list">
${articles.map((a) => {
  const thumb = thumbnail(link, a);
  return html`<li class="article-item${thumb === "" ? "" : " has-thumbnail"}"${langAttributes(a.lang, siteLang)}>
<${heading} class="article-item-title"><a href="${link(a.path)}">${a.title}</a></${heading}>
<p class="meta">${time(a.date)}${a.sourceRef === null ? "" : html` · <a class="source" href="${link(a.sourceRef.path)}">${a.sourceRef.name}</a>`}${a.draft ? html` · <strong class="draft">Draft</strong>` : ""}</p>
<p class="summary">${truncate(a.summary, 260)}</p>
${thumb}
</li>`;
})}
</ol>`;
}

/**
 * The lead picture, small, beside an article in a list. Its alt text is empty: the title beside it
 * is the link and says what the article is; the picture's own description belongs to the article.
 * Remote pictures are left out: lists would load them from other sites, at full size.
 */
function thumbnail(link: Link, a: Article): SafeHtml | "" {
  if (a.image === null || a.image.file.kind !== "picture") return "";
  return html`<div class="article-item-thumbnail">${pictureHtml(link, a.image.file, { alt: "", sizes: THUMBNAIL_SIZES, loading: "lazy" })}</div>`;
}

/** Newer pages come first, as the lists are newest first. */
export function pager(link: Link, page: ListPage): SafeHtml {
  if (page.total === 1) return html``;
  return html`<nav class="pager" aria-label="Pages">
${page.previous === null ? "" : html`<a rel="prev" href="${link(page.previous)}">← Newer</a>`}
<span>Page ${page.number} of ${page.total}</span>
${page.next === null ? "" : html`<a rel="next" href="${link(page.next)}">Older →</a>`}
</nav>`;
}

/**
 * The links under a tag's or source's lede, in metadata type so the lede stays one short sentence.
 * The feed's visible name is short enough not to wrap on a phone; a screen reader hears whose it is.
 */
export function listLinks(link: Link, name: string, feedPath: string | undefined, more: SafeHtml | ""): SafeHtml {
  const feed = feedPath === undefined ? "" : html`<a class="feed-link" href="${link(feedPath)}">Atom feed<span class="visually-hidden"> for ${name}</span></a>`;
  return html`<p class="meta list-links">${feed}${feed === "" || more === "" ? "" : " · "}${more}</p>`;
}

/** "Page 2 of 5" for titles of every page after the first, so each page has its own title. */
export function pageSuffix(page: ListPage): string {
  return page.number === 1 ? "" : ` (page ${page.number} of ${page.total})`;
}

export function truncate(text: string, max: number): string {
  // By code point: cutting UTF-16 units could split an emoji in half.
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join("");
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(/[\s,;:.]+$/, "")}…`;
}
