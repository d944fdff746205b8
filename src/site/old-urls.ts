// Every old address of the archive, and the page each now leads to: the addresses articles had
// under the former scheme (former-patterns.ts), the ones they list themselves (Hugo's `aliases`,
// Jekyll's `redirect_from`, a path `permalink` or `url`), and redirect stubs (files that only say
// `redirect_to:`). Pure: the result is a checked list that redirects.ts writes and links.ts reads.
import type { ArchiveDate } from "../content/dates.ts";
import { formerUrlsOf, type AddressFacts, type FormerPattern } from "./former-patterns.ts";
import type { Problem } from "../content/problems.ts";

/** One old address and where it leads now. */
export interface Redirect {
  /** A site path, unprefixed and decoded: "/2019/10/01/withdrawal.html", "/blog/café/". */
  from: string;
  /** An unprefixed site path, maybe with a #fragment ("/articles/x/"), or an http(s) address. */
  to: string;
  /** The title of the page it leads to, for the link on the page at the old address; null when not an article. */
  title: string | null;
  /** The article or stub it comes from. */
  file: string;
}

export interface AddressedArticle extends AddressFacts {
  /** Its page on this site: "/articles/x/". */
  path: string;
  /** Its old addresses as its front-matter gives them (aliases, redirect_from, a path permalink or url). */
  aliases: readonly string[];
}

/**
 * An article as the loader gives it, with its page. The written slug is taken when the front-matter
 * schema gives it (see AddressFacts.writtenSlug).
 */
export function addressedArticle(
  file: string,
  path: string,
  meta: { title: string; slug: string; date: ArchiveDate | null; aliases: readonly string[]; categories: readonly string[]; writtenSlug?: string | null; formerSlug?: string },
): AddressedArticle {
  const facts = { file, path, title: meta.title, slug: meta.formerSlug ?? meta.slug, date: meta.date, categories: meta.categories, aliases: meta.aliases };
  return meta.writtenSlug === undefined ? facts : { ...facts, writtenSlug: meta.writtenSlug };
}

/** A file whose front-matter only redirects (Jekyll's redirect_to), as the loader hands it over. */
export interface RedirectStub {
  file: string;
  line?: number;
  /** Where it leads: a site path or an http(s) address. */
  to: string;
  /** Its own permalink and redirect_from paths. */
  from: readonly string[];
}

export interface RedirectPlan {
  patterns: readonly FormerPattern[];
  articles: readonly AddressedArticle[];
  stubs: readonly RedirectStub[];
  /**
   * Every page and file the site has besides redirects, as site paths ("/tags/x/", "/style.css",
   * "/feed.xml"): an old address may not take the place of one.
   */
  taken: Iterable<string>;
  /** The site's address and prefix: a stub's `to` on this site becomes a path. */
  site: { url: string; pathPrefix: string };
}

export interface PlannedRedirects {
  /** Sorted by `from`; at most one per output file. */
  redirects: Redirect[];
  errors: Problem[];
  warnings: Problem[];
}

/** How an old address was given: its own front-matter and stubs outrank the scheme's guesses. */
type Origin = "alias" | "stub" | "former";

interface Candidate {
  from: string;
  file: string;
  origin: Origin;
  /** The target before chains are followed. */
  to: string;
  title: string | null;
  line?: number;
}

export function planRedirects(plan: RedirectPlan): PlannedRedirects {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const takenFiles = new Map<string, string>();
  for (const p of [...plan.taken, ...plan.articles.map((a) => a.path)]) takenFiles.set(servedFile(p), p);
  const titles = new Map(plan.articles.map((a) => [a.path, a.title]));

  const candidates: Candidate[] = [];
  const add = (raw: string, base: Omit<Candidate, "from">, field: string) => {
    const checked = sitePath(raw);
    if (checked.ok) {
      candidates.push({ ...base, from: checked.path });
      return;
    }
    // An address the scheme made is the build's guess, not the archive's word: when it is no path,
    // it is skipped with a warning rather than refusing the archive.
    const problem = {
      kind: "redirect-invalid" as const,
      file: base.file,
      field,
      ...(base.line === undefined ? {} : { line: base.line }),
      message: `the old address "${raw}" ${checked.reason}`,
      fix: base.origin === "former" ? "change formerUrls in templates/_data/site.json, or give the article a slug" : `write it as a path on this site, such as "/2019/10/old-name/"`,
    };
    if (base.origin === "former" || !checked.unsafe) warnings.push(problem);
    else errors.push(problem);
  };

  for (const a of [...plan.articles].sort(byFile)) {
    for (const alias of a.aliases) add(alias, { file: a.file, origin: "alias", to: a.path, title: a.title }, "aliases");
    for (const url of formerUrlsOf(plan.patterns, a)) add(url, { file: a.file, origin: "former", to: a.path, title: a.title }, "formerUrls");
  }
  for (const stub of [...plan.stubs].sort(byFile)) {
    const target = stubTarget(stub.to, plan.site);
    const line = stub.line === undefined ? {} : { line: stub.line };
    if (!target.ok) {
      errors.push({ kind: "redirect-invalid", file: stub.file, field: "redirect_to", ...line, message: `"${stub.to}" ${target.reason}`, fix: "give the new page's path (/articles/<slug>/) or its full https:// address" });
      continue;
    }
    const base = { file: stub.file, to: target.to, title: null, ...line };
    for (const from of stub.from) add(from, { ...base, origin: "stub" }, "redirect_from");
    // A stub's own address under the scheme, as the old generator would have given it.
    const facts = { file: stub.file, title: "", slug: "", writtenSlug: null, date: dateFromName(stub.file), categories: [] };
    for (const url of formerUrlsOf(plan.patterns, facts)) add(url, { ...base, origin: "former" }, "formerUrls");
  }

  const winners = chooseWinners(candidates, takenFiles, warnings);
  const redirects = followChains(winners, takenFiles, titles, warnings);
  return { redirects: redirects.sort((a, b) => compare(a.from, b.from)), errors, warnings };
}

/**
 * One redirect per output file: an address the site already has a page or file at keeps it (the
 * scheme guessing the article's own page is no news; anything else is); of two old addresses
 * served from one file, or one served from inside the other's file, the first (the article's own
 * aliases and stubs before the scheme, then by file name) wins. Same target twice is not a conflict.
 */
function chooseWinners(candidates: readonly Candidate[], takenFiles: ReadonlyMap<string, string>, warnings: Problem[]): Candidate[] {
  const rank: Record<Origin, number> = { alias: 0, stub: 0, former: 1 };
  const ordered = candidates.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.origin] - rank[b.c.origin] || a.i - b.i).map((x) => x.c);
  const takenFolders = new Set<string>();
  for (const file of takenFiles.keys()) addFolders(takenFolders, file);
  const byFile = new Map<string, Candidate>();
  const folders = new Set<string>();
  for (const c of ordered) {
    const file = servedFile(c.from);
    const page = takenFiles.get(file);
    if (page !== undefined) {
      // The scheme or an alias naming the article's own page is no news.
      if (servedFile(splitFragment(c.to)[0]) !== file) warnings.push(conflict(c, page === c.from ? "is a page of this site" : `is served from the same file as ${page}, a page of this site`, "the old address shows that page"));
      continue;
    }
    const inside = enclosingFile(file, takenFiles);
    if (inside !== null || takenFolders.has(file)) {
      warnings.push(conflict(c, inside !== null ? `would have to be written inside ${takenFiles.get(inside)}, a file of this site` : "is a folder of this site's pages", "it is left out"));
      continue;
    }
    const same = byFile.get(file);
    if (same !== undefined) {
      if (same.to !== c.to) warnings.push(conflict(c, `is also an old address of ${same.file}`, `it leads to ${same.to}`));
      continue;
    }
    // A file cannot also be a folder: "/x.html" and "/x.html/y/" cannot both have a page.
    const outer = byFile.get(enclosingFile(file, byFile) ?? "") ?? (folders.has(file) ? [...byFile.values()].find((e) => servedFile(e.from).startsWith(`${file}/`)) : undefined);
    if (outer !== undefined) {
      warnings.push(conflict(c, `cannot have a page beside "${outer.from}", an old address of ${outer.file} (one would be a file inside the other)`, "it is left out"));
      continue;
    }
    byFile.set(file, c);
    addFolders(folders, file);
  }
  return [...byFile.values()];
}

/** A file of `files` that `file` would have to be written inside ("feed.xml" for "feed.xml/x/index.html"). */
function enclosingFile(file: string, files: ReadonlyMap<string, unknown>): string | null {
  for (let slash = file.indexOf("/"); slash !== -1; slash = file.indexOf("/", slash + 1)) {
    const folder = file.slice(0, slash);
    if (files.has(folder)) return folder;
  }
  return null;
}

/** Adds every folder `file` is in to `folders`: "a/b/index.html" → "a", "a/b". */
function addFolders(folders: Set<string>, file: string): Set<string> {
  for (let slash = file.indexOf("/"); slash !== -1; slash = file.indexOf("/", slash + 1)) folders.add(file.slice(0, slash));
  return folders;
}

function conflict(c: Candidate, what: string, outcome: string): Problem {
  const fix =
    c.origin === "former"
      ? "nothing to do if that is right; otherwise change formerUrls in templates/_data/site.json"
      : `remove "${c.from}" from ${c.origin === "alias" ? "the article's aliases" : "the stub's redirect_from"}`;
  return { kind: "redirect-invalid", file: c.file, field: c.origin === "former" ? "formerUrls" : c.origin === "alias" ? "aliases" : "redirect_from", ...(c.line === undefined ? {} : { line: c.line }), message: `the old address "${c.from}" ${what}, so it cannot redirect to ${c.to}: ${outcome}`, fix };
}

/**
 * Each redirect's final target: a stub may lead to another old address, which leads on. A target
 * that is not a page or file of the site is kept (it may be served beside the site) with a warning;
 * a loop is dropped.
 */
function followChains(winners: readonly Candidate[], takenFiles: ReadonlyMap<string, string>, titles: ReadonlyMap<string, string>, warnings: Problem[]): Redirect[] {
  const byFile = new Map(winners.map((c) => [servedFile(c.from), c]));
  const out: Redirect[] = [];
  for (const c of winners) {
    let to = c.to;
    // Made on the first step of a chain only: nearly every redirect leads straight to a page.
    let seen: Set<string> | null = null;
    let looped = false;
    for (;;) {
      if (isExternal(to)) break;
      const [path, fragment] = splitFragment(to);
      const file = servedFile(path);
      if (takenFiles.has(file)) break;
      seen ??= new Set([servedFile(c.from)]);
      const next = byFile.get(file);
      if (next === undefined) {
        warnings.push({ kind: "link-broken", file: c.file, field: "redirect_to", ...(c.line === undefined ? {} : { line: c.line }), message: `"${c.from}" redirects to ${to}, which is not a page of this site`, fix: "point redirect_to at the new page's path (/articles/<slug>/) or full address" });
        break;
      }
      if (seen.has(file)) {
        looped = true;
        break;
      }
      seen.add(file);
      to = fragment === null ? next.to : `${splitFragment(next.to)[0]}#${fragment}`;
    }
    if (looped) {
      warnings.push({ kind: "redirect-invalid", file: c.file, field: "redirect_to", ...(c.line === undefined ? {} : { line: c.line }), message: `"${c.from}" redirects in a circle back to itself`, fix: "point redirect_to at the page the old address should show" });
      continue;
    }
    out.push({ from: c.from, to, title: c.title ?? titles.get(splitFragment(to)[0]) ?? null, file: c.file });
  }
  return out;
}

/** A path that needs no work: "/", then parts of unreserved characters, none of them "." or "..". */
const PLAIN_PATH = /^\/(?:(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]+\/)*(?:(?!\.\.?$)[A-Za-z0-9._~-]+)?$/;

export type SitePathCheck = { ok: true; path: string } | { ok: false; reason: string; unsafe: boolean };

/**
 * An old address as the site path it names: decoded ("%C3%A9" → "é"), starting with "/", slashes
 * squeezed, a #fragment dropped (browsers never send it). Refused: anything that is not a path on
 * this site, `.` or `..` parts and backslashes or control characters (unsafe as file names), parts
 * too long for a file name, and a ?query, which a static host cannot tell apart.
 */
export function sitePath(raw: string): SitePathCheck {
  // Nearly every address is plain ASCII, already in its final form.
  if (raw.length <= 255 && PLAIN_PATH.test(raw)) return { ok: true, path: raw };
  const written = raw.trim().replace(/#.*$/s, "");
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(written)) return { ok: false, reason: "is not a path on this site", unsafe: true };
  if (written.includes("?")) return { ok: false, reason: "has a ?query, which static hosts do not tell apart: only its path can be redirected", unsafe: false };
  const parts: string[] = [];
  for (const part of written.split("/")) {
    const decoded = decode(part);
    if (/[\\/\p{Cc}]/u.test(decoded)) return { ok: false, reason: "holds a backslash, an encoded slash or a control character", unsafe: true };
    if (decoded === "." || decoded === "..") return { ok: false, reason: "climbs with . or ..", unsafe: true };
    if (Buffer.byteLength(decoded) > 255) return { ok: false, reason: "has a part too long to be a file name", unsafe: true };
    if (decoded !== "") parts.push(decoded);
  }
  const trailing = written.endsWith("/") && parts.length > 0 ? "/" : "";
  return { ok: true, path: `/${parts.join("/")}${trailing}` };
}

/** Extensions a static host does not serve as a page: an old address ending so gets no page of its own. */
const FILE_EXTENSION = /\.(?:html?|xhtml|shtml|php\d?|aspx?|jspx?|cfm|cgi|pl|xml|rss|atom|json|txt|pdf|css|js|svg|png|jpe?g|gif|webp|avif|ico|woff2?)$/i;

/**
 * The file a static host serves for a site path: "/a/b/" and "/a/b" → "a/b/index.html" (hosts
 * serve a folder's index.html for both), "/a/b.html" → "a/b.html", "/feed.xml" → "feed.xml".
 */
export function servedFile(sitePathText: string): string {
  const relative = sitePathText.replace(/^\/+/, "");
  if (relative === "" || relative.endsWith("/")) return `${relative}index.html`;
  return FILE_EXTENSION.test(relative) ? relative : `${relative}/index.html`;
}

/** Whether an old address can have a page of its own (a folder or an .html file), not only a server rule. */
export function hasRedirectPage(from: string): boolean {
  return /\.html?$/i.test(servedFile(from));
}

export function isExternal(to: string): boolean {
  return /^https?:\/\//i.test(to);
}

export function splitFragment(target: string): [string, string | null] {
  const at = target.indexOf("#");
  return at === -1 ? [target, null] : [target.slice(0, at), target.slice(at + 1)];
}

type StubTarget = { ok: true; to: string } | { ok: false; reason: string };

/** A stub's redirect_to: an address on this site becomes its path; another http(s) address stays. */
function stubTarget(raw: string, site: { url: string; pathPrefix: string }): StubTarget {
  let written = raw.trim();
  if (written.startsWith("//")) written = `https:${written}`;
  if (isExternal(written)) {
    let url: URL;
    try {
      url = new URL(written);
    } catch {
      return { ok: false, reason: "is not a valid address" };
    }
    const home = new URL(site.pathPrefix, site.url);
    if (url.origin !== home.origin || !url.pathname.startsWith(home.pathname)) return { ok: true, to: url.href };
    written = `/${url.pathname.slice(home.pathname.length)}${url.hash}`;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(written)) {
    return { ok: false, reason: "is neither a path on this site nor an http(s) address" };
  }
  const [path, fragment] = splitFragment(written);
  const checked = sitePath(path);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  return { ok: true, to: fragment === null || fragment === "" ? checked.path : `${checked.path}#${fragment}` };
}

/** A stub's date, for the scheme: Jekyll takes it from a `YYYY-MM-DD-` file name. */
function dateFromName(file: string): AddressFacts["date"] {
  const m = /(?:^|\/)(\d{4})-(\d{1,2})-(\d{1,2})-[^/]*$/.exec(file);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const real = new Date(Date.UTC(year, month - 1, day));
  return real.getUTCMonth() === month - 1 && real.getUTCDate() === day ? { precision: "day", year, month, day } : null;
}

function decode(part: string): string {
  if (!part.includes("%")) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function byFile(a: { file: string }, b: { file: string }): number {
  return compare(a.file, b.file);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
