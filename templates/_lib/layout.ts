// The page shell every page kind shares: head, skip link, landmarks, navigation.
import { html, type SafeHtml } from "../../src/html.ts";
import type { SiteConfig } from "../../src/site-config.ts";
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
}

const NAV = [
  { path: "/", label: "Latest" },
  { path: "/archive/", label: "Archive" },
  { path: "/tags/", label: "Tags" },
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
</div>
</footer>
</body>
</html>
`.value;
}
