// The page shell every page kind shares: head, skip link, landmarks, navigation.
import { FEED_PATH, JSON_FEED_PATH } from "../../src/site/feeds.ts";
import { html, type SafeHtml } from "../../src/util/html.ts";
import { textDirection } from "../../src/content/lang.ts";
import type { Article } from "../../src/content/model.ts";
import type { SiteConfig } from "../../src/site-config.ts";
import { pageMetadata, type PageFacts } from "../../src/site/structured-data.ts";
import { absoluteUrl, type Link } from "../../src/content/urls.ts";
import { langAttributes, truncate } from "./parts.ts";

/** What a page tells the shell about itself: its facts for metadata, plus feeds of its own. */
export interface PageMeta extends PageFacts {
  /** Feeds of this page's own, beside the site's, e.g. a tag's feed on the tag's pages. */
  feeds?: { title: string; path: string }[];
}

const NAV = [
  { path: "/", label: "Latest" },
  { path: "/archive/", label: "Archive" },
  { path: "/tags/", label: "Tags" },
  { path: "/search/", label: "Search" },
];

/** Longer titles are cut short in search results and tabs (html-validate's long-title). */
const MAX_TITLE = 70;

/** The page's own title and the site's; the page's alone when both do not fit; shortened if that does not. */
function documentTitle(site: SiteConfig, meta: PageMeta): string {
  if (meta.path === "/") return truncate(site.title, MAX_TITLE - 1);
  const full = `${meta.title} · ${site.title}`;
  return full.length <= MAX_TITLE ? full : truncate(meta.title, MAX_TITLE - 1);
}

export function layout(site: SiteConfig, link: Link, meta: PageMeta, content: SafeHtml): string {
  const lang = meta.lang ?? site.lang;
  // On a page in another language than the site's (an article in Arabic), the site's own words
  // around it keep the site's language and direction.
  const chrome = langAttributes(site.lang, lang);
  return html`<!DOCTYPE html>
<html lang="${lang}"${textDirection(lang) === "rtl" ? html` dir="rtl"` : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle(site, meta)}</title>
<meta name="description" content="${meta.description}">
${meta.canonical === false ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${absoluteUrl(site, meta.path)}">`}
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${link("/style.css")}">
<link rel="icon" href="${link("/favicon.svg")}" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="${site.title}" href="${link(FEED_PATH)}">
<link rel="alternate" type="application/feed+json" title="${site.title}" href="${link(JSON_FEED_PATH)}">
${(meta.feeds ?? []).map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${link(f.path)}">\n`)}${pageMetadata(site, meta)}
</head>
<body>
<a class="skip-link" href="#main"${chrome}>Skip to content</a>
<header class="site-header"${chrome}>
<div class="wrap">
<a class="site-title" href="${link("/")}">${site.title}</a>
<nav aria-label="Site">
<ul>
${NAV.map((item) => html`<li><a href="${link(item.path)}"${item.path === meta.path ? html` aria-current="page"` : ""}>${item.label}</a></li>`)}
</ul>
</nav>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${content}
</main>
<footer class="site-footer"${chrome}>
<div class="wrap">
<p>${site.description}</p>
<p>Follow: <a href="${link(FEED_PATH)}">Atom feed</a> · <a href="${link(JSON_FEED_PATH)}">JSON feed</a></p>
</div>
</footer>
</body>
</html>
`.value;
}
