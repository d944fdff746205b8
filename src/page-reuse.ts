// Eleventy renders only the pages whose inputs changed; the others are hard-linked from the last
// good site into the new one. A page's inputs are its pagination item (an article with its
// neighbours and related links, or one page of a tag, month, source or author list), the site
// settings, and the code that renders it: any change to a template or to src/ renders everything.
//
// The manifest of keys lives in the cache; a missing cache, a missing output file, or a
// different output folder all mean "render it", so the worst a stale cache can cost is time.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { linkFiles } from "./hard-link.ts";

export class PageReuse {
  private readonly keys = new Map<string, string>();
  private readonly reused: string[] = [];

  constructor(
    private readonly previous: ReadonlyMap<string, string>,
    /** Files of the site being replaced, relative to it. */
    private readonly existing: ReadonlySet<string>,
    private readonly version: string,
  ) {}

  /** Eleventy's pagination `before`: keeps the items whose page must be rendered. */
  select<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
    return items.filter((item) => {
      const file = pageFile(pathOf(item));
      const key = pageKey(this.version, item);
      this.keys.set(file, key);
      const unchanged = this.previous.get(file) === key && this.existing.has(file);
      if (unchanged) this.reused.push(file);
      return !unchanged;
    });
  }

  get reusedCount(): number {
    return this.reused.length;
  }

  /** Links every unchanged page from the old site into the new one (same file system: a sibling folder). */
  async linkUnchanged(from: string, to: string): Promise<void> {
    await linkFiles(from, to, this.reused);
  }

  manifest(): Record<string, string> {
    return Object.fromEntries([...this.keys].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** "/articles/x/" → "articles/x/index.html"; "/404.html" → "404.html". */
export function pageFile(sitePath: string): string {
  const relative = sitePath.replace(/^\//, "");
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}

/**
 * Everything a page shows of its item. An article listed on a page (a tag's list, a month's) is
 * stood for by a digest of it without its body, which lists never show, made once per build; and
 * a group's full list of pages is not shown on any one of them, so it is left out too.
 */
export function pageKey(version: string, item: unknown): string {
  return createHash("sha256").update(version).update("\0").update(JSON.stringify(item, replacerFor(item))).digest("hex");
}

const listed = new WeakMap<object, string>();

function replacerFor(page: unknown) {
  return (key: string, value: unknown): unknown => {
    if (key === "pages") return undefined;
    if (value !== page && isArticle(value)) return listedDigest(value);
    return value;
  };
}

function listedDigest(article: { html: string }): string {
  let digest = listed.get(article);
  if (digest === undefined) {
    digest = createHash("sha1").update(JSON.stringify({ ...article, html: undefined }, replacerFor(article))).digest("base64");
    listed.set(article, digest);
  }
  return digest;
}

/** Articles are the only items with a rendered body. */
function isArticle(value: unknown): value is { html: string } {
  return typeof value === "object" && value !== null && typeof (value as { html?: unknown }).html === "string";
}

export async function loadPageReuse(manifestFile: string, out: string, version: string): Promise<PageReuse> {
  const previous = await readFile(manifestFile, "utf8").then(
    (text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>)),
    () => new Map<string, string>(),
  );
  const existing = await readdir(out, { recursive: true }).then(
    (files) => new Set(files.map((f) => f.split(path.sep).join("/"))),
    () => new Set<string>(),
  );
  return new PageReuse(previous, existing, version);
}

export async function savePageReuse(manifestFile: string, reuse: PageReuse): Promise<void> {
  await mkdir(path.dirname(manifestFile), { recursive: true });
  await writeFile(manifestFile, JSON.stringify(reuse.manifest()));
}

/** One manifest per output folder: `build` and `serve` write different sites. */
export function manifestFileFor(cacheDir: string, out: string): string {
  return path.join(cacheDir, "pages", `${createHash("sha256").update(out).digest("hex").slice(0, 16)}.json`);
}

/** A hash of the code that renders pages: templates, src/, the Eleventy config and Eleventy's version. */
export async function renderingCodeVersion(dirs: readonly string[], files: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  const all: string[] = [...files];
  for (const dir of dirs) {
    for (const f of (await readdir(dir, { recursive: true })).sort()) if (/\.(ts|js|json)$/.test(f)) all.push(path.join(dir, f));
  }
  for (const file of all) hash.update(file).update("\0").update(await readFile(file)).update("\0");
  return hash.digest("hex");
}
