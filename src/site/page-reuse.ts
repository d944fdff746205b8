// Eleventy renders only the pages whose inputs changed; the others are hard-linked from the last
// good site into the new one. A page's inputs are its pagination item (an article with its
// neighbours and related links, or one page of a tag, month, source or author list), the site
// settings, and the code that renders it: any change to a template or to src/ renders everything.
// The feeds are reused the same way (post-build.ts), keyed by every article they carry, body and all.
//
// The manifest of keys lives in the cache; a missing cache, a missing output file, or a
// different output folder all mean "make it again", so the worst a stale cache can cost is time.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { codeVersion } from "../cache/code-version.ts";
import { writeFileAtomic } from "../project.ts";
import type { Linker } from "../build/link-thread.ts";
import type { Body } from "../content/markdown/rendered.ts";

export class PageReuse {
  private readonly keys = new Map<string, string>();
  private readonly reused: string[] = [];
  private linked = 0;
  private readonly links: Promise<void>[] = [];
  /** Whether each pagination item's page is unchanged, decided once for all of a build's Eleventy runs. */
  private readonly decided = new WeakMap<object, boolean>();
  /** Each changed item's place among all changed items, in the order the first run met them. */
  private readonly changedIndex = new WeakMap<object, number>();
  private changedCount = 0;
  /** The slice of changed items the current run renders. */
  private run = { first: 0, size: Infinity };

  constructor(
    private readonly previous: PreviousPages,
    /** The site being replaced, which unchanged files are linked from. */
    private readonly from: string,
    private readonly version: string,
    private readonly linker: Linker,
  ) {}

  /**
   * Eleventy's pagination `before`: keeps the items whose page must be rendered, and of those only
   * the ones that fall in this run (see startRun).
   */
  select<T extends object>(items: readonly T[], pathOf: (item: T) => string): T[] {
    return items.filter((item) => {
      let same = this.decided.get(item);
      if (same === undefined) this.decided.set(item, (same = this.unchanged(pageFile(pathOf(item)), pageKey(this.version, item))));
      if (same) return false;
      let n = this.changedIndex.get(item);
      if (n === undefined) this.changedIndex.set(item, (n = this.changedCount++));
      return n >= this.run.first && n < this.run.first + this.run.size;
    });
  }

  /**
   * Eleventy keeps every page it renders in memory until its run ends (about 25 KB a page), so a
   * build renders its changed pages in runs of `size`: run `index` takes the index-th slice.
   */
  startRun(index: number, size: number): void {
    this.run = { first: index * size, size };
  }

  /** Changed pages met so far (every one, once the first run has started): all a build must render. */
  get changedPages(): number {
    return this.changedCount;
  }

  /**
   * Whether a file made from `inputs` alone (and the site settings and code) is the same as in the
   * last site. Every article in `inputs` counts whole, body included: a feed shows it so.
   */
  unchangedFile(file: string, inputs: object): boolean {
    return this.unchanged(file, fileKey(this.version, inputs));
  }

  /** Files taken from the last site so far, relative to it. */
  get reusedFiles(): readonly string[] {
    return this.reused;
  }

  /**
   * Starts linking the unchanged files not linked yet from the old site into the new one (same
   * file system: a sibling folder; serve links on a thread of its own); `allLinked` waits for them.
   */
  linkUnchanged(to: string): void {
    const linking = this.linker.link(this.from, to, this.reused.slice(this.linked));
    // Observed by allLinked; this only stops Node calling a failure unhandled before then.
    linking.catch(() => undefined);
    this.links.push(linking);
    this.linked = this.reused.length;
  }

  async allLinked(): Promise<void> {
    await Promise.all(this.links);
  }

  manifest(): Record<string, string> {
    return Object.fromEntries([...this.keys].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private unchanged(file: string, key: string): boolean {
    this.keys.set(file, key);
    const same = this.previous.keys.get(file) === key && !this.previous.missing.has(file);
    if (same) this.reused.push(file);
    return same;
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
 * a group's full list of pages is not shown on any one of them, so it is left out too. An article's
 * own page is keyed by its whole digest, which adds the body to the listed one: the rest of the
 * article is stringified once per build, not again for its page.
 */
export function pageKey(version: string, item: unknown): string {
  return keyOf(version, isArticle(item) ? wholeDigest(item) : JSON.stringify(item, standIns(item, listedDigest)));
}

/** The key of a file that shows each article in `inputs` whole, body included. */
function fileKey(version: string, inputs: object): string {
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

const listed = new WeakMap<object, string>();
const whole = new WeakMap<object, string>();

function listedDigest(article: Article): string {
  let digest = listed.get(article);
  if (digest === undefined) {
    // No replacer: an article holds no other article (its neighbours and related are links), and
    // a replacer, called for every value, made this a third of a warm build's page keys.
    digest = createHash("sha1").update(JSON.stringify({ ...article, body: undefined })).digest("base64");
    listed.set(article, digest);
  }
  return digest;
}

function wholeDigest(article: Article): string {
  let digest = whole.get(article);
  if (digest === undefined) {
    digest = createHash("sha1").update(listedDigest(article)).update("\0").update(article.body.digest).digest("base64");
    whole.set(article, digest);
  }
  return digest;
}

/** Articles are the only items with a rendered body. */
type Article = { body: Body };

function isArticle(value: unknown): value is Article {
  return typeof value === "object" && value !== null && typeof (value as { body?: Partial<Body> }).body?.digest === "string";
}

/** The last build's keys, and which of its files have gone from its site since (deleted by hand). */
export interface PreviousPages {
  keys: ReadonlyMap<string, string>;
  missing: ReadonlySet<string>;
}

/**
 * Reads the last build's keys and checks that its files are still in `out`: one stat per file,
 * 13,000 at 10,000 articles, which `serve`'s link thread makes while its build reads and renders.
 */
export async function previousPages(manifestFile: string, out: string, linker: Linker): Promise<PreviousPages> {
  const keys = await readFile(manifestFile, "utf8").then(
    (text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>)),
    () => new Map<string, string>(),
  );
  return { keys, missing: new Set(await linker.missing(out, [...keys.keys()])) };
}

/**
 * Forgets the keys before the site is swapped and saves the new ones after: a build killed in
 * between leaves no manifest, never one describing the other site's files.
 */
export async function forgetPageReuse(manifestFile: string): Promise<void> {
  await rm(manifestFile, { force: true });
}

export async function savePageReuse(manifestFile: string, reuse: PageReuse): Promise<void> {
  await mkdir(path.dirname(manifestFile), { recursive: true });
  await writeFileAtomic(manifestFile, JSON.stringify(reuse.manifest()));
}

/** One manifest per output folder: `build` and `serve` write different sites. */
export function manifestFileFor(cacheDir: string, out: string): string {
  return path.join(cacheDir, "pages", `${createHash("sha256").update(out).digest("hex").slice(0, 16)}.json`);
}

/** A hash of the code that renders pages: templates, src/, the Eleventy config and Eleventy's version. */
export async function renderingCodeVersion(dirs: readonly string[], files: readonly string[]): Promise<string> {
  const all: string[] = [...files];
  for (const dir of dirs) {
    for (const f of (await readdir(dir, { recursive: true })).sort()) if (/\.(ts|js|json)$/.test(f)) all.push(path.join(dir, f));
  }
  return codeVersion(all, ["@11ty/eleventy"]);
}
