// Eleventy renders only the pages whose inputs changed; the others are hard-linked from the last
// good site into the new one. Whether a page changed is decided by its key (page-keys.ts): any
// change to a template or to src/ renders everything, as does one to the site's settings. The
// feeds and the pages at old addresses are reused the same way (post-build.ts, redirects.ts).
// Each page made again is counted under why, for `build --explain`.
//
// The manifest of keys lives in the cache; a missing cache, a missing output file, or a
// different output folder all mean "make it again", so the worst a stale cache can cost is time.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Linker } from "../build/link-thread.ts";
import { plural } from "../content/problems.ts";
import { writeFileAtomic } from "../project.ts";
import { fileKey, ownDigest, pageFile, pageKey, type RenderingCode } from "./page-keys.ts";

/** What every page is made with: the code that renders it, the site's settings, and the articles (for saying what changed). */
export interface PageInputs {
  code: RenderingCode;
  site: object;
  articles: readonly { file: string; body: { digest: string } }[];
}

/** Why a page is made again rather than reused. */
type Cause = "first" | "code" | "site" | "missing" | "content";

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
  private readonly version: string;
  /** What changed for every page at once, if anything did. */
  private readonly everything: Cause | null;
  /** How many pages and how many feeds were made again for each cause. */
  private readonly causes = new Map<Cause, { pages: number; feeds: number }>();
  private readonly articles: Record<string, string>;

  constructor(
    private readonly previous: PreviousPages,
    /** The site being replaced, which unchanged files are linked from. */
    private readonly from: string,
    private readonly inputs: PageInputs,
    private readonly linker: Linker,
  ) {
    this.version = `${inputs.code.version}\0${JSON.stringify(inputs.site)}`;
    this.articles = Object.fromEntries(inputs.articles.map((a) => [a.file, ownDigest(a)]));
    const before = previous.record;
    this.everything =
      before === null ? "first" : JSON.stringify(before.code) !== JSON.stringify(inputs.code.parts) ? "code" : JSON.stringify(before.site) !== JSON.stringify(inputs.site) ? "site" : null;
  }

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
   * Eleventy keeps every page it renders in memory until its run ends, so a build renders its
   * changed pages in runs of `size`: run `index` takes the index-th slice.
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

  manifest(): Manifest {
    return {
      pages: Object.fromEntries([...this.keys].sort(([a], [b]) => (a < b ? -1 : 1))),
      code: this.inputs.code.parts,
      site: this.inputs.site,
      articles: this.articles,
    };
  }

  /**
   * Why the files made again were not reused, one line per reason with how many: "92 pages: 1
   * article added (articles/x.md)". `everyBuild`: the pages that are never reused (the home page,
   * the indexes), which Eleventy makes on every build.
   */
  explain(everyBuild: number): string[] {
    const before = this.previous.record;
    const reasons = [...this.causes].map(([cause, n]) => {
      const made = [...(n.pages === 0 ? [] : [count(n.pages, "page")]), ...(n.feeds === 0 ? [] : [count(n.feeds, "feed")])].join(" and ");
      return `${made}: ${describe(cause, before, this.inputs, this.articles)}`;
    });
    return [...reasons, ...(everyBuild === 0 ? [] : [`${count(everyBuild, "page")}: made on every build (the home page, the indexes, search, 404)`])];
  }

  private unchanged(file: string, key: string): boolean {
    this.keys.set(file, key);
    const same = this.previous.keys.get(file) === key && !this.previous.missing.has(file);
    if (same) this.reused.push(file);
    else {
      const cause = this.everything ?? (this.previous.missing.has(file) ? "missing" : "content");
      const made = this.causes.get(cause) ?? { pages: 0, feeds: 0 };
      if (file.endsWith(".html")) made.pages += 1;
      else made.feeds += 1;
      this.causes.set(cause, made);
    }
    return same;
  }
}

function describe(cause: Cause, before: Manifest | null, now: PageInputs, articles: Readonly<Record<string, string>>): string {
  switch (cause) {
    case "first":
      return "no record of an earlier build into this folder";
    case "code":
      return `${names(changedKeys(before?.code ?? {}, now.code.parts))} changed`;
    case "site":
      return `the site's settings changed (${changedKeys(before?.site ?? {}, now.site).join(", ")})`;
    case "missing":
      return "gone from the last site";
    case "content":
      return articleChanges(before?.articles ?? {}, articles) ?? "what they show changed";
  }
}

/** "1 article added (articles/x.md), 2 edited (…)"; null when every article is as it was. */
function articleChanges(before: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>): string | null {
  const added = Object.keys(now).filter((f) => !Object.hasOwn(before, f));
  const removed = Object.keys(before).filter((f) => !Object.hasOwn(now, f));
  const edited = Object.keys(now).filter((f) => Object.hasOwn(before, f) && before[f] !== now[f]);
  const parts = [
    ...(added.length === 0 ? [] : [`${added.length} added (${names(added)})`]),
    ...(edited.length === 0 ? [] : [`${edited.length} edited (${names(edited)})`]),
    ...(removed.length === 0 ? [] : [`${removed.length} removed (${names(removed)})`]),
  ];
  const total = added.length + edited.length + removed.length;
  if (total === 0) return null;
  return total === 1 ? `1 article ${parts.join("").replace(/^1 /, "")}` : `${count(total, "article")} changed: ${parts.join(", ")}`;
}

/** The keys whose values differ, or that only one side has. */
function changedKeys(before: object, now: object): string[] {
  const a = before as Record<string, unknown>;
  const b = now as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/** A few names, then how many more. */
function names(list: readonly string[]): string {
  const shown = list.slice(0, 3).join(", ");
  return list.length <= 3 ? shown : `${shown} and ${list.length - 3} more`;
}

function count(n: number, one: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : `${one}s`}`;
}

/** What a build leaves for the next: each file's key, and what they were made with, to say what changed. */
export interface Manifest {
  pages: Record<string, string>;
  code: Record<string, string>;
  site: object;
  /** Each article's file → a digest of its own content. */
  articles: Record<string, string>;
}

/** The last build's manifest (null when there is none), and which of its files have gone from its site since (deleted by hand). */
export interface PreviousPages {
  keys: ReadonlyMap<string, string>;
  missing: ReadonlySet<string>;
  record: Manifest | null;
}

function isManifest(value: unknown): value is Manifest {
  const m = value as Partial<Manifest> | null;
  return typeof m?.pages === "object" && typeof m.code === "object" && typeof m.site === "object" && typeof m.articles === "object";
}

/**
 * Reads the last build's keys and checks that its files are still in `out`: one stat per file,
 * 13,000 at 10,000 articles, which `serve`'s link thread makes while its build reads and renders.
 */
export async function previousPages(manifestFile: string, out: string, linker: Linker): Promise<PreviousPages> {
  const record = await readFile(manifestFile, "utf8")
    .then((text) => JSON.parse(text) as unknown)
    .then((parsed) => (isManifest(parsed) ? parsed : null))
    .catch(() => null);
  const keys = new Map(Object.entries(record?.pages ?? {}));
  return { keys, missing: new Set(await linker.missing(out, [...keys.keys()])), record };
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
