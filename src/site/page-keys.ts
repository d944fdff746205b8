// What a page is made from, as a key: its pagination item (an article with its neighbours and
// related links, or one page of a tag, month, source or author list), the site settings, and the
// code that renders it. Two builds give a page the same key only when it would come out the same,
// so page-plan.ts reuses the last site's file for it.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { codeVersion } from "../cache/code-version.ts";
import type { Body } from "../content/markdown/rendered.ts";

/** "/articles/x/" → "articles/x/index.html"; "/404.html" → "404.html". */
export function pageFile(sitePath: string): string {
  const relative = sitePath.replace(/^\//, "");
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}

/**
 * Everything a page shows of its item. An article listed on a page (a tag's list, a month's) is
 * stood for by a digest of it without its body, which lists never show, made once per build; and
 * a group's full list of pages is not shown on any one of them, so it is left out too. An article's
 * own page is keyed by its whole digest, which adds the body to the listed one: the rest of the
 * article is stringified once per build, not again for its page.
 */
export function pageKey(version: string, item: unknown): string {
  return keyOf(version, isArticle(item) ? wholeDigest(item) : JSON.stringify(item, standIns(item, listedDigest)));
}

/** The key of a file that shows each article in `inputs` whole, body included. */
export function fileKey(version: string, inputs: object): string {
  return keyOf(version, JSON.stringify(inputs, standIns(inputs, wholeDigest)));
}

function keyOf(version: string, text: string): string {
  return createHash("sha256").update(version).update("\0").update(text).digest("hex");
}

/** A JSON replacer that leaves out groups' lists of pages and stands for each article in `root` by `digest`. */
function standIns(root: unknown, digest: (article: Article) => string) {
  return (key: string, value: unknown): unknown => {
    if (key === "pages") return undefined;
    if (value !== root && isArticle(value)) return digest(value);
    return value;
  };
}

const listed = new WeakMap<object, { listed: string; own: string }>();
const whole = new WeakMap<object, string>();

/**
 * What a list shows of an article (all of it but its body), and what tells an edited article from
 * one whose neighbours changed (all of it but what other articles put on its page: its neighbours
 * and related links), from one stringification of it per build.
 */
function digests(article: Article): { listed: string; own: string } {
  let digest = listed.get(article);
  if (digest === undefined) {
    // No replacer: an article holds no other article (its neighbours and related are links), and
    // a replacer, called for every value, made this a third of a warm build's page keys.
    const own = JSON.stringify({ ...article, body: undefined, older: undefined, newer: undefined, related: undefined });
    const around = JSON.stringify([article.older, article.newer, article.related]);
    digest = {
      listed: createHash("sha1").update(own).update("\0").update(around).digest("base64"),
      own: createHash("sha1").update(own).update("\0").update(article.body.digest).digest("base64"),
    };
    listed.set(article, digest);
  }
  return digest;
}

function listedDigest(article: Article): string {
  return digests(article).listed;
}

function wholeDigest(article: Article): string {
  let digest = whole.get(article);
  if (digest === undefined) {
    digest = createHash("sha1").update(listedDigest(article)).update("\0").update(article.body.digest).digest("base64");
    whole.set(article, digest);
  }
  return digest;
}

/** An article's own content, body included, without its neighbours and related links: what `build --explain` compares. */
export function ownDigest(article: Article): string {
  return digests(article).own;
}

/** Articles are the only items with a rendered body; the rest of one is keyed as it is. */
type Article = { body: Pick<Body, "digest">; older?: unknown; newer?: unknown; related?: unknown };

function isArticle(value: unknown): value is Article {
  return typeof value === "object" && value !== null && typeof (value as { body?: Partial<Body> }).body?.digest === "string";
}

/** The code that renders pages: one fingerprint for the keys, and one per file, to say which changed. */
export interface RenderingCode {
  version: string;
  /** "templates/article.11ty.ts", "src/site/feeds.ts", ".eleventy.ts", "@11ty/eleventy" → a hash of it. */
  parts: Record<string, string>;
}

/** Templates, src/, the Eleventy config and Eleventy's version; each file named from the folder given. */
export async function renderingCode(dirs: readonly string[], files: readonly string[]): Promise<RenderingCode> {
  const all: { name: string; file: string }[] = files.map((file) => ({ name: path.basename(file), file }));
  for (const dir of dirs) {
    for (const f of (await readdir(dir, { recursive: true })).sort()) {
      if (/\.(ts|js|json)$/.test(f)) all.push({ name: `${path.basename(dir)}/${f.split(path.sep).join("/")}`, file: path.join(dir, f) });
    }
  }
  const parts: Record<string, string> = {};
  for (const { name, file } of all) parts[name] = createHash("sha1").update(await readFile(file)).digest("base64");
  parts["@11ty/eleventy"] = await codeVersion([], ["@11ty/eleventy"]);
  return { version: createHash("sha256").update(JSON.stringify(parts)).digest("hex"), parts };
}
