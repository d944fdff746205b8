// The URL scheme (DESIGN.md), in one place. Paths here are site-relative and unprefixed; a `Link`
// adds the path prefix for links, Eleventy writes the unprefixed path as the output file.

export const articlePath = (slug: string) => `/articles/${slug}/`;
export const tagPath = (slug: string) => `/tags/${slug}/`;
export const sourcePath = (slug: string) => `/sources/${slug}/`;
export const authorPath = (slug: string) => `/authors/${slug}/`;
export const yearPath = (year: number) => `/archive/${year}/`;
export const monthPath = (year: number, month: number) => `/archive/${year}/${String(month).padStart(2, "0")}/`;
export const undatedPath = "/archive/undated/";
export const pagePath = (base: string, page: number) => (page === 1 ? base : `${base}page/${page}/`);

/**
 * What a page links to a site path with: "/articles/x/" → "/project/articles/x/". Every link to the
 * site is made by one, so the path prefix is applied here and nowhere else: rendered bodies and the
 * model hold unprefixed paths, and a new prefix renders no body again.
 */
export type Link = (sitePath: string) => string;

/** The links of a site served under `pathPrefix` ("/" or "/project/"). */
export function linkTo(pathPrefix: string): Link {
  const base = pathPrefix.replace(/\/$/, "");
  return (sitePath) => base + sitePath;
}

/** Links as they are within the site, for what only reads a body's text (search). */
export const unprefixed: Link = linkTo("/");

/** An absolute URL, for canonical links, feeds and sitemaps. The prefix decides the path, `url` the origin. */
export function absoluteUrl(site: { url: string; pathPrefix: string }, sitePath: string): string {
  return new URL(linkTo(site.pathPrefix)(sitePath), site.url).href;
}

/** What may stand unencoded in a URL path (RFC 3986 pchar and "/"). */
const PATH_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;

/**
 * A decoded site path as it is written in an address: every character a URL path cannot hold
 * (spaces, `%`, `#`, `?`, quotes) percent-encoded. Letters of other scripts stay as they are for
 * links in pages (browsers encode them), and are encoded too for server files (`ascii`), which
 * compare the bytes of the request. `also` lists characters to encode besides.
 */
export function encodePath(sitePath: string, options: { ascii?: boolean; also?: string } = {}): string {
  let out = "";
  for (const c of sitePath) {
    const plain = PATH_CHARACTER.test(c) ? !(options.also ?? "").includes(c) : options.ascii !== true && c.codePointAt(0)! > 0x7f && !/[\p{Cc}\p{Z}]/u.test(c);
    out += plain ? c : encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}
