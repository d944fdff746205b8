// Old addresses written into the site three ways, so they work wherever it is served: a small page
// at each old address (any static host: GitHub Pages, S3, a USB stick), `_redirects` (Netlify and
// Cloudflare Pages answer with a real 301), and an nginx `map` include. Each is a pure function of
// the redirects and the site settings; writeRedirects only puts them in the site.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { html } from "../util/html.ts";
import { textDirection } from "../content/lang.ts";
import { mapLimit } from "../util/map-limit.ts";
import { hasRedirectPage, isExternal, servedFile, splitFragment, type Redirect } from "./old-urls.ts";
import type { PageReuse } from "./page-plan.ts";
import type { SiteConfig } from "../site-config.ts";
import { NGINX_MAP_PATH, REDIRECTS_PATH } from "./site-paths.ts";
import { absoluteUrl, encodePath, linkTo } from "../content/urls.ts";

/** The variable the nginx include sets; the README's server block returns it. */
export const NGINX_VARIABLE = "$news_archive_redirect";

/** html-validate's long-title limit, which every page of the site keeps. */
const MAX_TITLE = 70;

type Site = Pick<SiteConfig, "url" | "pathPrefix" | "lang">;

/** Where a redirect leads, as a link in a page: the path prefix added, characters a URL cannot hold encoded. */
export function targetHref(site: Pick<SiteConfig, "pathPrefix">, to: string, options: { ascii?: boolean; also?: string } = {}): string {
  if (isExternal(to)) return new URL(to).href;
  const [sitePath, fragment] = splitFragment(to);
  return encodePath(linkTo(site.pathPrefix)(sitePath), options) + (fragment === null ? "" : `#${encodePath(fragment, options)}`);
}

/**
 * The page at an old address: an immediate meta refresh (search engines read it as a permanent
 * redirect), a canonical link to the new page, `noindex`, and a visible link for a reader whose
 * browser does not follow the refresh.
 */
export function redirectPage(site: Site, redirect: Redirect): string {
  const target = targetHref(site, redirect.to);
  const canonical = isExternal(redirect.to) ? target : absoluteUrl(site, splitFragment(redirect.to)[0]);
  const name = redirect.title ?? target;
  return html`<!DOCTYPE html>
<html lang="${site.lang}"${textDirection(site.lang) === "rtl" ? html` dir="rtl"` : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shorten(`Moved: ${name}`, MAX_TITLE)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${canonical}">
<meta http-equiv="refresh" content="0; url=${target}">
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>It is now at <a href="${target}">${name}</a>.</p>
</main>
</body>
</html>
`.value;
}

/**
 * `_redirects`, one `from to 301` line per old address, which Netlify and Cloudflare Pages both
 * read. Paths are percent-encoded, as both require. On Netlify the page at an old address is served
 * instead (a file there outranks a rule not marked `301!`, a mark Cloudflare refuses): the page
 * redirects too, so both hosts need nothing more. `before` is a `_redirects` the project's public/
 * brings, whose rules come first.
 */
export function redirectsFile(site: Pick<SiteConfig, "pathPrefix">, redirects: readonly Redirect[], before = ""): string {
  const lines = redirects.map((r) => `${targetHref(site, r.from, { ascii: true })} ${targetHref(site, r.to, { ascii: true })} 301`);
  const own = ["# Old addresses of this archive, written by news-archive build (Netlify, Cloudflare Pages).", ...lines, ""].join("\n");
  return before === "" ? own : `${before.replace(/\n*$/, "\n\n")}${own}`;
}

/**
 * An nginx `map` from each old address to its new one, for the `http {}` block; the README shows
 * the one-line `server {}` rule that uses it. nginx compares the decoded request path, so the
 * keys are decoded; the values become Location headers, so they are encoded (and `$`, which
 * nginx would read as a variable).
 */
export function nginxMap(site: Pick<SiteConfig, "pathPrefix">, redirects: readonly Redirect[]): string {
  const quote = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  const link = linkTo(site.pathPrefix);
  const entries = redirects.map((r) => `    ${quote(link(r.from))} ${quote(targetHref(site, r.to, { ascii: true, also: "$" }))};`);
  const longest = Math.max(0, ...redirects.map((r) => Buffer.byteLength(link(r.from))));
  return [
    "# Old addresses of this archive, written by news-archive build. In nginx's http {} block:",
    `#     include ${NGINX_MAP_PATH.slice(1)};   (with the path of the built site)`,
    "# and in the server {} block:",
    `#     if (${NGINX_VARIABLE}) { return 301 ${NGINX_VARIABLE}; }`,
    ...hashAdvice(redirects.length, longest),
    `map $uri ${NGINX_VARIABLE} {`,
    ...entries,
    "}",
    "",
  ].join("\n");
}

/**
 * nginx refuses a map whose keys do not fit its hash ("could not build map_hash"); the sizes that
 * fit these keys, for the http {} block. A bucket holds a key, two bytes and a pointer, aligned,
 * and ends with a pointer; nginx rounds it to the processor's cache line.
 */
function hashAdvice(count: number, longestKey: number): string[] {
  const bucket = Math.ceil((Math.ceil((longestKey + 2 + 8) / 8) * 8 + 8) / 64) * 64;
  const size = 2 ** Math.ceil(Math.log2(Math.max(count, 1)));
  if (bucket <= 64 && size <= 2048) return [];
  return [
    "# If nginx says it could not build map_hash, add to the http {} block:",
    `#     map_hash_bucket_size ${Math.max(bucket, 64)};`,
    `#     map_hash_max_size ${Math.max(size, 2048)};`,
  ];
}

/**
 * The pages at the old addresses (an unchanged one is linked from the last site like any
 * unchanged page), `_redirects` and the nginx map. Old addresses ending in another extension
 * (`.php`, `.aspx`) get no page, which no static host would serve as one: only the two server files.
 */
export async function writeRedirects(siteDir: string, site: Site, redirects: readonly Redirect[], reuse: PageReuse): Promise<{ pages: number; reused: number }> {
  const pages = redirects.filter((r) => hasRedirectPage(r.from));
  const changed = pages.filter((r) => !reuse.unchangedFile(servedFile(r.from), r));
  reuse.linkUnchanged(siteDir);
  await mapLimit(changed, 8, (r) => writeSiteFile(siteDir, servedFile(r.from), redirectPage(site, r)));
  // A _redirects of the project's own (copied from public/) keeps its rules, ahead of these. It may be
  // a hard link to the project's file: it is replaced, never written through.
  const own = path.join(siteDir, REDIRECTS_PATH.slice(1));
  const before = await readFile(own, "utf8").catch(() => "");
  await rm(own, { force: true });
  await writeSiteFile(siteDir, REDIRECTS_PATH.slice(1), redirectsFile(site, redirects, before));
  await writeSiteFile(siteDir, NGINX_MAP_PATH.slice(1), nginxMap(site, redirects));
  return { pages: pages.length, reused: pages.length - changed.length };
}

async function writeSiteFile(siteDir: string, relative: string, text: string): Promise<void> {
  const file = path.join(siteDir, ...relative.split("/"));
  // Old addresses are checked to be plain paths (old-urls.ts); this holds whoever made the list.
  if (!file.startsWith(path.join(siteDir, path.sep))) throw new Error(`refusing to write ${relative}: it is outside the site`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** By code point, so an emoji is never cut in half. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
