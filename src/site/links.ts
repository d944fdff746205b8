// Links inside article bodies, resolved once the whole site is known. Archives link to each other
// every way their generators allowed: a markdown file's path (GitHub and Hugo), Jekyll's
// `{% post_url %}` and `{% link %}`, Hugo's `ref`/`relref`, the old site's addresses, relative
// paths written for the old site's URLs. Each becomes the address of the page it means on this
// site; a link to nothing here is left as written, with a warning naming its file and line.
import path from "node:path";
import { ARTICLE_EXTENSION } from "../content/article-files.ts";
import { isExternal, servedFile, splitFragment, type Redirect } from "./old-urls.ts";
import type { Problem } from "../content/problems.ts";
import { findFragment, placedBody, placeLinks, type Body } from "../content/markdown/rendered.ts";
import { encodePath, type Link } from "../content/urls.ts";

/**
 * What a body link points at. `href`: a relative or site-absolute address as the page would hold
 * it (percent-encoded, with its `?query` and `#fragment`). `ref`: another generator's link tag —
 * Jekyll's `{% post_url %}` / `{% link %}`, Hugo's `ref` / `relref` — naming a file, not an address.
 */
export type LinkTarget =
  | { kind: "href"; href: string }
  | { kind: "ref"; via: "post_url" | "link" | "ref" | "relref"; ref: string; fragment: string | null };

/** A link the renderer found in a body and left a placeholder for (see content/markdown/rendered.ts's placeLinks). */
export interface BodyLink {
  target: LinkTarget;
  line?: number;
}

export interface LinkedArticle {
  /** Project-relative: "articles/2019/x.md". */
  file: string;
  /** Its page: "/articles/x/". */
  path: string;
  /** Every element id in its body, for #fragment links to it. */
  ids: readonly string[];
}

export interface LinkSite {
  articles: readonly LinkedArticle[];
  /** Every page and file the site has besides redirects, as site paths: the model's pages, public/'s files. */
  pages: Iterable<string>;
  /** Files of page bundles that their articles link to but the site does not publish, each with why (bundle-files.ts). */
  refused?: ReadonlyMap<string, string>;
  redirects: readonly Redirect[];
  /** The old site's address (SiteConfig.formerSite): where a link to a page this site lacks still leads. */
  formerSite: string | null;
}

/**
 * Where a body link leads: a page or file of this site (its unprefixed, decoded path, and the
 * `?query#fragment` after it), or an address used as it is (another site's, or a link left as written).
 */
export type BodyHref = { sitePath: string; after: string } | { as: string };

/** The href a page holds for a body link, the path prefix added by `link`. Not HTML-escaped. */
export function hrefOf(target: BodyHref, link: Link): string {
  return "as" in target ? target.as : encodePath(link(target.sitePath)) + target.after;
}

export interface ResolvedLinks {
  /** Where each link leads, in order: what its placeholder becomes. */
  hrefs: BodyHref[];
  warnings: Problem[];
}

/** Where a link leads on this site, and the article there, if it is one. */
interface Found {
  /** An unprefixed site path, or an http(s) address (a stub leading off the site). */
  to: string;
  article: LinkedArticle | null;
}

type RefMatch = { ok: true; article: LinkedArticle } | { ok: false; reason: string };

/** The resolver for one site, its lookups built once; call it with each article's links. */
export function linkResolver(site: LinkSite): (file: string, links: readonly BodyLink[]) => ResolvedLinks {
  const byPath = new Map(site.articles.map((a) => [a.path, a]));
  const byFile = new Map(site.articles.map((a) => [a.file, a]));
  const pages = new Map<string, string>();
  for (const p of site.pages) pages.set(servedFile(p), p);
  for (const a of site.articles) pages.set(servedFile(a.path), a.path);
  const redirects = new Map(site.redirects.map((r) => [servedFile(r.from), r]));
  // A body written for the old site has relative links that its old addresses explain.
  const formerAddresses = new Map<string, string[]>();
  for (const r of site.redirects) {
    const article = byFile.get(r.file);
    if (article !== undefined && splitFragment(r.to)[0] === article.path) formerAddresses.set(r.file, [...(formerAddresses.get(r.file) ?? []), r.from]);
  }
  const refs = refIndex(site.articles);

  const lookup = (sitePathText: string): Found | null => {
    const file = servedFile(sitePathText);
    const page = pages.get(file);
    if (page !== undefined) return { to: page, article: byPath.get(page) ?? null };
    const redirect = redirects.get(file);
    if (redirect !== undefined) return { to: redirect.to, article: byPath.get(splitFragment(redirect.to)[0]) ?? null };
    return null;
  };

  return (file, links) => {
    const own = byFile.get(file);
    const bases = [...(formerAddresses.get(file) ?? []), own?.path ?? "/"];
    const hrefs: BodyHref[] = [];
    const asWritten = (href: string) => hrefs.push({ as: href });
    const warnings: Problem[] = [];
    for (const link of links) {
      const { target } = link;
      const written = describe(target);
      const broken = (reason: string, fix: string) => {
        warnings.push({ kind: "link-broken", file, field: "body", ...(link.line === undefined ? {} : { line: link.line }), message: `the link to ${written} ${reason}`, fix });
      };
      if (target.kind === "href" && (isExternal(target.href) || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(target.href))) {
        asWritten(target.href);
        continue;
      }
      const { pathPart, query, fragment } = target.kind === "href" ? splitHref(target.href) : { pathPart: target.ref, query: "", fragment: target.fragment };
      let found: Found | null = null;
      if (target.kind === "ref" || ARTICLE_EXTENSION.test(decode(pathPart))) {
        const match = findByFile(target.kind === "ref" ? target.via : "file", decode(pathPart), file, byFile, refs);
        if (match.ok) found = { to: match.article.path, article: match.article };
        else if (target.kind === "ref" && (target.via === "ref" || target.via === "relref") && site.formerSite !== null && !target.ref.startsWith(".")) {
          // A Hugo page this archive did not bring (a topic, a guide): where Hugo published it on the old site.
          asWritten(`${site.formerSite}${encodePath(hugoPagePath(target.ref))}${target.fragment === null ? "" : `#${target.fragment}`}`);
          continue;
        } else {
          broken(match.reason, "link to an article's file as it is under articles/ (other.md, ../2019/other.md), or to its address (/articles/<slug>/)");
          asWritten(target.kind === "href" ? target.href : `${target.ref}${target.fragment === null ? "" : `#${target.fragment}`}`);
          continue;
        }
      } else {
        const candidates = pathPart.startsWith("/") ? [decode(pathPart)] : bases.map((base) => resolveRelative(base, pathPart));
        for (const candidate of candidates) {
          found = lookup(candidate);
          if (found !== null) break;
        }
        const refusal = found === null ? candidates.map((c) => site.refused?.get(c)).find((r) => r !== undefined) : undefined;
        if (refusal !== undefined) {
          broken(`is a file in the article's folder that is not published: ${refusal}`, "link to a copy the site can publish (a PNG or PDF of it), or remove the link");
          asWritten(target.href);
          continue;
        }
        // A page of the old site that was not brought here (its docs, its about page) is still
        // there: an absolute path, or a relative one read from the article's old address.
        const onOldSite = pathPart.startsWith("/") || formerAddresses.has(file) ? candidates[0]! : null;
        if (found === null && site.formerSite !== null && onOldSite !== null) {
          asWritten(`${site.formerSite}${encodePath(onOldSite)}${query}${fragment === null ? "" : `#${fragment}`}`);
          continue;
        }
        if (found === null) {
          broken("is not a page of this site", "point it at an article's address (/articles/<slug>/), a file under public/, or add the old address to the aliases of the article it meant; or set formerSite to the old site's address, for links to its pages that this archive does not hold");
          asWritten(target.href);
          continue;
        }
      }
      const [toPath, toFragment] = isExternal(found.to) ? [found.to, null] : splitFragment(found.to);
      let finalFragment = fragment ?? toFragment;
      if (fragment !== null && fragment !== "" && found.article !== null) {
        // The heading meant, when the old site's generator spelled its id another way.
        const id = findFragment(decode(fragment), found.article.ids);
        if (id === null) broken(`points at #${fragment}, which ${found.article.path} does not have`, `use one of its ids (${found.article.ids.slice(0, 5).join(", ") || "it has none"}${found.article.ids.length > 5 ? ", …" : ""}), or drop the #${fragment}`);
        else if (id !== decode(fragment)) finalFragment = id;
      }
      const after = `${query}${finalFragment === null ? "" : `#${finalFragment}`}`;
      hrefs.push(isExternal(toPath) ? { as: `${toPath}${after}` } : { sitePath: toPath, after });
    }
    return { hrefs, warnings };
  };
}

/** An article's body as rendered, and the links it holds placeholders for. */
export interface LinkedBody {
  file: string;
  body: Body;
  links: readonly BodyLink[];
}

/** Each article with its body's links in place, in order; a body without links stays as it is. */
export function linkBodies<A extends LinkedBody>(site: LinkSite, articles: readonly A[]): { articles: A[]; warnings: Problem[]; links: number } {
  const resolve = linkResolver(site);
  const warnings: Problem[] = [];
  let links = 0;
  const linked = articles.map((article) => {
    if (article.links.length === 0) return article;
    links += article.links.length;
    const { hrefs, warnings: broken } = resolve(article.file, article.links);
    warnings.push(...broken);
    const hrefAt = (n: number, link: Link) => {
      const to = hrefs[n];
      return to === undefined ? "" : hrefOf(to, link);
    };
    const body = placedBody(article.body, hrefs, (html, link) => placeLinks(html, (n) => hrefAt(n, link)));
    return { ...article, body };
  });
  return { articles: linked, warnings, links };
}

/** Where Hugo publishes a content file by default: "/topics/mobile.md", "topics/mobile/_index.md" → "/topics/mobile/". */
function hugoPagePath(ref: string): string {
  const page = ref.replace(/^\/+/, "").replace(ARTICLE_EXTENSION, "").replace(/(?:^|\/)_?index$/i, "").replace(/\/+$/, "");
  return page === "" ? "/" : `/${page.toLowerCase()}/`;
}

/** How the link was written, for messages. */
function describe(target: LinkTarget): string {
  if (target.kind === "href") return `"${target.href}"`;
  const ref = `${target.ref}${target.fragment === null ? "" : `#${target.fragment}`}`;
  if (target.via === "post_url") return `{% post_url ${ref} %}`;
  if (target.via === "link") return `{% link ${ref} %}`;
  return `{{< ${target.via} "${ref}" >}}`;
}

function splitHref(href: string): { pathPart: string; query: string; fragment: string | null } {
  const [beforeFragment, fragment] = splitFragment(href);
  const q = beforeFragment.indexOf("?");
  return q === -1 ? { pathPart: beforeFragment, query: "", fragment } : { pathPart: beforeFragment.slice(0, q), query: beforeFragment.slice(q), fragment };
}

/** A relative path as the browser resolved it on the page at `base`, decoded. */
function resolveRelative(base: string, relative: string): string {
  const url = new URL(relative, new URL(encodePath(base, { ascii: true }), "https://site.invalid"));
  return url.pathname.split("/").map(decode).join("/");
}

/** Each article under the key a reference to its file can name, by the key's last part. */
interface RefEntry {
  /** The file under articles/ without extension, a page bundle's "/index" dropped: "2019/2019-10-01-x". */
  key: string;
  article: LinkedArticle;
}

function refIndex(articles: readonly LinkedArticle[]): Map<string, RefEntry[]> {
  const index = new Map<string, RefEntry[]>();
  for (const article of articles) {
    const key = refKey(article.file.replace(/^articles\//, ""));
    const last = key.slice(key.lastIndexOf("/") + 1);
    index.set(last, [...(index.get(last) ?? []), { key, article }]);
  }
  return index;
}

/** A reference to a content file as a key: no leading "/" or "./", no markdown extension, no trailing "/index". */
function refKey(ref: string): string {
  return ref
    .replace(/\\/g, "/")
    .replace(/^(?:\.?\/)+/, "")
    .replace(ARTICLE_EXTENSION, "")
    .replace(/\/+$/, "")
    .replace(/(?:^|\/)_?index$/, "");
}

/**
 * The article a file reference names. A relative path is tried from the linking article's folder
 * first (as GitHub, Hugo's relref and a markdown editor read it); then, since archives are copied
 * in with their folders rearranged (Jekyll's `_posts/`, Hugo's `content/posts/`), the article
 * whose path ends with the reference's last parts, as many as are needed to name one.
 */
function findByFile(via: string, ref: string, from: string, byFile: ReadonlyMap<string, LinkedArticle>, refs: ReadonlyMap<string, RefEntry[]>): RefMatch {
  if (via !== "post_url" && via !== "link" && !ref.startsWith("/")) {
    const beside = path.posix.normalize(path.posix.join(path.posix.dirname(from), ref));
    const article = byFile.get(beside) ?? byFile.get(`${beside.replace(/\/$/, "")}/index.md`);
    if (article !== undefined) return { ok: true, article };
  }
  const parts = refKey(ref)
    .split("/")
    .filter((p) => p !== "" && p !== "." && p !== "..");
  if (parts.length === 0) return { ok: false, reason: "names no file" };
  const entries = refs.get(parts[parts.length - 1]!) ?? [];
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join("/");
    const exact = entries.filter((e) => e.key === tail);
    const matches = exact.length > 0 ? exact : entries.filter((e) => e.key.endsWith(`/${tail}`));
    if (matches.length === 1) return { ok: true, article: matches[0]!.article };
    if (matches.length > 1) return { ok: false, reason: `could mean any of ${matches.map((m) => m.article.file).join(", ")}` };
  }
  return { ok: false, reason: "is not an article of this archive" };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
