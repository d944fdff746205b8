// Reading a built site the way a browser or a web server would: URLs to files, links, ids.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Every file under `dir`, as sorted "/"-separated relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** Relative path → sha256 of the bytes, for "byte-identical" comparisons. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    hashes[file] = createHash("sha256").update(await readFile(path.join(dir, file))).digest("hex");
  }
  return hashes;
}

/** The file a static host serves for a site path: "/x/" → "x/index.html", "/404.html" → "404.html". */
export function fileFor(sitePath: string): string {
  const clean = decodeURIComponent(sitePath).replace(/^\/+/, "");
  return clean === "" || clean.endsWith("/") ? `${clean}index.html` : clean;
}

export function readPage(out: string, sitePath: string): Promise<string> {
  return readFile(path.join(out, fileFor(sitePath)), "utf8");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") return String.fromCodePoint(ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Every href and src value in a page, entity-decoded. The templates always quote with ". */
/**
 * Opening tags with their attributes. Only these are read for links and ids: an article's text may
 * show `src="…"` as words (a shortcode of another generator left as text), which is not a link.
 */
const TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;

function attributesIn(page: string, name: string): string[] {
  const attribute = new RegExp(`\\s(?:${name})="([^"]*)"`, "g");
  return [...page.matchAll(TAG)].flatMap((tag) => [...tag[0].matchAll(attribute)].map((m) => decodeEntities(m[1]!)));
}

export function linksIn(page: string): string[] {
  return attributesIn(page, "href|src");
}

export function idsIn(page: string): Set<string> {
  return new Set(attributesIn(page, "id"));
}

/** The inner HTML of the first element matching `open` (a regex source for the opening tag) up to `</tag>`. */
export function innerOf(page: string, tag: string, attributes = ""): string | undefined {
  const m = new RegExp(`<${tag}${attributes}[^>]*>([\\s\\S]*?)</${tag}>`).exec(page);
  return m?.[1];
}

/** Markup to the text a reader sees: tags removed, entities decoded, spaces collapsed. */
export function textOf(markup: string): string {
  return decodeEntities(markup.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
}

export interface Anchor {
  href: string;
  attributes: Record<string, string>;
  /** What the reader sees as the link. */
  text: string;
}

/** Every <a> in `markup`, in document order. */
export function anchorsIn(markup: string): Anchor[] {
  return [...markup.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => {
    const attributes: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attributes[a[1]!] = decodeEntities(a[2] ?? "");
    return { href: attributes.href ?? "", attributes, text: textOf(m[2]!) };
  });
}

/** The <main> element's content: what a page is about, without the shared header and footer. */
export function mainOf(page: string): string {
  return innerOf(page, "main") ?? "";
}

/** The articles a list page shows, in order: the text of each first link to an article in <main>. */
export function listedArticles(page: string): string[] {
  const seen = new Set<string>();
  const titles: string[] = [];
  for (const a of anchorsIn(mainOf(page))) {
    if (!/\/articles\/[^/]+\/$/.test(a.href) || seen.has(a.href)) continue;
    seen.add(a.href);
    titles.push(a.text);
  }
  return titles;
}

/** The <li> items of `markup` as reader text, for "name … count" checks that survive markup changes. */
export function itemTexts(markup: string): string[] {
  return [...markup.matchAll(/<li[\s>][\s\S]*?<\/li>/g)].map((m) => textOf(m[0]));
}
