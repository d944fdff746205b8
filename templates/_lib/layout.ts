// The page shell every page kind shares: head, skip link, landmarks, navigation.
import { FEED_PATH, JSON_FEED_PATH } from "../../src/feeds.ts";
import { html, type SafeHtml } from "../../src/html.ts";
import type { Article } from "../../src/model.ts";
import type { SiteConfig } from "../../src/site-config.ts";
import { pageMetadata, type PageFacts } from "../../src/structured-data.ts";
import { absoluteUrl, href } from "../../src/urls.ts";

export interface PageMeta {
  /** The page's own title; the site title is appended. */
  title: string;
  description: string;
  /** Unprefixed site path of this page, e.g. "/tags/syria/". */
  path: string;
  lang?: string;
  /** Pages that should not be indexed or have no canonical address (the 404 page). */
  canonical?: boolean;
  /** The article this page shows: OpenGraph article:* tags and NewsArticle JSON-LD. */
  article?: Article;
  webPageType?: PageFacts["webPageType"];
  /** Feeds of this page's own, beside the site's, e.g. a tag's feed on the tag's pages. */
  feeds?: { title: string; path: string }[];
}

const NAV = [
  { path: "/", label: "Latest" },
  { path: "/archive/", label: "Archive" },
  { path: "/tags/", label: "Tags" },
  { path: "/search/", label: "Search" },
];

export function layout(site: SiteConfig, meta: PageMeta, content: SafeHtml): string {
  const link = (p: string) => href(site.pathPrefix, p);
  const fullTitle = meta.path === "/" ? site.title : `${meta.title} · ${site.title}`;
  return html`<!doctype html>
<html lang="${meta.lang ?? site.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
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
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
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
<footer class="site-footer">
<div class="wrap">
<p>${site.description}</p>
<p>Follow: <a href="${link(FEED_PATH)}">Atom feed</a> · <a href="${link(JSON_FEED_PATH)}">JSON feed</a></p>
</div>
</footer>
</body>
</html>
`.value;
}
