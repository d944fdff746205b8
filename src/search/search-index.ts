// The full-text search index: one Pagefind bundle per shard (src/search/records.ts), written
// into the staging folder so it is swapped in with the pages it describes. The search page loads
// the first bundle and merges the others.
//
// Records come from the model, not from the built pages, so the index can be written while
// Eleventy writes the pages: an indexer process of our own (indexer.ts) feeds Pagefind's
// process, on the other core. Each shard's bundle is kept in the cache under a hash of its
// records, the record code and Pagefind's version: a rebuild re-indexes only the shards whose
// articles changed.
//
// Every record goes into one index in the site's language, whatever its own `lang`: one search box
// finds everything, including Arabic parts, which Pagefind splits into words at spaces like any
// other text (it does not stem Arabic inside an English index; whole words and word starts match).
import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, statfs } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { IndexJob } from "./index-jobs.ts";
import { codeVersion, versionOnce } from "../cache/code-version.ts";
import type { CacheFolder } from "../cache/store.ts";
import { exists, tempOwner } from "../project.ts";
import { linkTree } from "../build/hard-link.ts";
import type { Archive, Article } from "../content/model.ts";
import { unprefixed } from "../content/urls.ts";
import { htmlToText, planShards, SEARCH_DIR, searchRecord, type SearchShard } from "./records.ts";
import type { Linker } from "../build/link-thread.ts";
import { startProcess, WorkerStopped, type RemoteProcess } from "../util/worker-call.ts";

/** What makes records from articles (and Pagefind, which indexes them): a change to either changes every shard. */
const recordsVersion = versionOnce(() => codeVersion(["./records.ts", "../content/dates.ts"].map((f) => fileURLToPath(new URL(f, import.meta.url))), ["pagefind"]));
const INDEXER = new URL("./indexer.ts", import.meta.url).href;

export interface SearchIndexResult {
  pages: number;
  shards: number;
  /** Shards taken from the cache rather than indexed again. */
  reused: number;
  /**
   * Shards left to index after the site is swapped in (`refreshSearchIndex`), when the build was
   * given the site it replaces: meanwhile they are that site's bundles, a little out of date.
   */
  later: IndexJob[];
}

/** serve's later indexing: the site being replaced, and the body texts its builds remember. */
export interface SearchLater {
  previousSite: string;
  texts: BodyTexts;
}

/**
 * Writes the search index into the site being built. With `later` (serve), a changed shard that
 * the previous site has a bundle for gets that bundle now and is indexed after the swap, so an
 * edit does not wait for Pagefind; a shard the previous site lacks is indexed now, because the
 * search page loads every shard it lists.
 */
export async function writeSearchIndex(siteDir: string, archive: Archive, cache: CacheFolder, indexer: Indexer, linker: Linker, later?: SearchLater): Promise<SearchIndexResult> {
  const language = archive.site.lang.split("-")[0]!.toLowerCase();
  const shards = planShards(archive);
  await mkdir(cache.dir, { recursive: true });
  const version = await recordsVersion();
  const keys = new Map(shards.map((s) => [s.name, cache.path(shardKey(s, language, version))]));
  const into = (name: string) => linker.link(keys.get(name)!, shardDir(siteDir, name), null);
  // serve re-indexes a shard for an edit of one of its articles: the others' text is remembered.
  const bodyText = later?.texts.next();
  const previousSite = later?.previousSite;
  const cached: string[] = [];
  const now: (() => IndexJob)[] = [];
  const left: IndexJob[] = [];
  for (const shard of shards) {
    if (await exists(keys.get(shard.name)!)) {
      cached.push(shard.name);
      continue;
    }
    const job = () => ({ name: shard.name, language, records: shard.articles.map((a) => searchRecord(a, bodyText)), destination: keys.get(shard.name)! });
    const stale = previousSite === undefined ? null : shardDir(previousSite, shard.name);
    if (stale !== null && (await exists(stale))) {
      await linker.link(stale, shardDir(siteDir, shard.name), null);
      left.push(job());
    } else now.push(job);
  }
  // Pagefind starts first: linking the cached shards' files (11,000 at 10,000 articles, on the
  // link thread) is done while it indexes, not before.
  const indexed = indexer.index(now, into);
  try {
    await Promise.all(cached.map(into));
  } catch (error) {
    // The build has failed: the index is not wanted, and nothing may write into the folder it removes.
    indexer.stop();
    await indexed.catch(() => {});
    throw error;
  }
  await indexed;
  await cache.prune(new Set([...keys.values()].map((k) => path.basename(k))));
  return { pages: shards.reduce((n, s) => n + s.articles.length, 0), shards: shards.length, reused: shards.length - now.length - left.length, later: left };
}

/**
 * Indexes the shards a build left for later into the site it swapped in, replacing each stale
 * bundle as its fresh one is ready. Stopping the indexer (a newer build supersedes this one)
 * leaves the stale bundles, which that build replaces.
 */
export async function refreshSearchIndex(siteDir: string, jobs: IndexJob[], indexer: Indexer): Promise<void> {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const place = async (name: string) => {
    const target = shardDir(siteDir, name);
    const fresh = `${target}.new-${process.pid}`;
    const stale = `${target}.old-${process.pid}`;
    await rm(fresh, { recursive: true, force: true });
    linkTree(byName.get(name)!.destination, fresh);
    // Two renames: a search page loading meanwhile may miss this shard for that instant, never read half of it.
    const hadStale = await rename(target, stale).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
        return false;
      },
    );
    try {
      await rename(fresh, target);
    } catch (error) {
      if (hadStale) await rename(stale, target);
      await rm(fresh, { recursive: true, force: true });
      throw error;
    }
    await rm(stale, { recursive: true, force: true });
  };
  // A shard indexed meanwhile (by a build, or by a refresh stopped after it) is only placed.
  const todo: IndexJob[] = [];
  for (const job of jobs) {
    if (await exists(job.destination)) await place(job.name);
    else todo.push(job);
  }
  await indexer.index(todo.map((job) => () => job), place);
}

/** Body texts by body digest, made by the last build that remembered them and by this one (serve's build context keeps one). */
export class BodyTexts {
  #texts = new Map<string, string>();

  /** A body-text function for a build, which remembers what it makes until the next build. */
  next(): (a: Article) => string {
    const previous = this.#texts;
    const current = (this.#texts = new Map<string, string>());
    return (a) => {
      const text = current.get(a.body.digest) ?? previous.get(a.body.digest) ?? htmlToText(a.body.html(unprefixed));
      current.set(a.body.digest, text);
      return text;
    };
  }
}

function shardDir(siteDir: string, name: string): string {
  return path.join(siteDir, SEARCH_DIR, name);
}

type IndexerProcess = RemoteProcess<typeof import("./indexer.ts")>;

/**
 * The indexer process (src/search/indexer.ts). `start` starts it ahead of need, so its start-up
 * (slower while the build keeps the other core busy) overlaps the build's reading of the
 * articles; one that gets no work is stopped with the build.
 */
export class Indexer {
  #process: IndexerProcess | null = null;

  start(): IndexerProcess {
    // Two shards at a time: each index is fed one record after another, and the waits of one
    // leave Pagefind time for the other. More at once only costs memory.
    return (this.#process ??= startProcess(INDEXER, { name: "the indexer", concurrency: 2 }));
  }

  /**
   * Indexes the jobs, calling `indexed` as each shard's bundle is ready. Each job is made (its
   * records: every body as text) only when the one before it has been sent, and sent on its own:
   * Pagefind starts on the first shard while the others are made, and the pages go on being
   * written between two shards (made all first, a cold build's records held Pagefind back, and
   * Eleventy waited as long). Figures: docs/ARCHITECTURE.md, measurements.
   */
  async index(jobs: readonly (() => IndexJob)[], indexed: (name: string) => Promise<void>): Promise<void> {
    if (jobs.length === 0) return;
    const indexer = this.start();
    // A shard that cannot be placed in the site (a full disk) stops the indexer: the build has failed.
    let placing: { error: unknown } | null = null;
    let failed: Error | null = null;
    const place = (name: string) =>
      indexed(name).catch((error: unknown) => {
        placing ??= { error };
        void indexer.close();
      });
    const stopped = (error: Error) => {
      failed ??= error;
      void indexer.close();
    };
    const done: Promise<void>[] = [];
    const sent: IndexJob[] = [];
    for (const make of jobs) {
      if (indexer.stopped) break;
      const job = make();
      done.push(indexer.call("indexShard", job).then(() => place(job.name), stopped));
      sent.push({ ...job, records: [] });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await indexer.end();
    await Promise.all(done);
    if (placing !== null) throw (placing as { error: unknown }).error;
    if (failed !== null || sent.length < jobs.length) throw await indexerFailure(sent, indexer.pid, failed, indexer.stderr());
  }

  /** Ends the process, if one runs: the build is over, or has failed and its index is not wanted. */
  stop(): void {
    void this.#process?.close();
  }
}

/**
 * Why the indexer stopped. Pagefind panics when the disk fills instead of reporting ENOSPC, so a
 * full disk is checked for here and reported as the write error it is.
 */
async function indexerFailure(jobs: IndexJob[], pid: number | undefined, failed: Error | null, stderr: string): Promise<Error> {
  const cache = jobs.length === 0 ? null : path.dirname(jobs[0]!.destination);
  // What the indexer was writing when it stopped (indexer.ts writes through writeAtomic's temporary names).
  if (cache !== null) for (const name of await readdir(cache).catch(() => [] as string[])) if (pid !== undefined && tempOwner(name) === pid) await rm(path.join(cache, name), { recursive: true, force: true });
  const disk = cache === null ? null : await statfs(cache).catch(() => null);
  if (disk !== null && disk.bavail * disk.bsize < 1024 * 1024) {
    return Object.assign(new Error(`no space left on the disk holding ${cache}`), { code: "ENOSPC", path: cache });
  }
  // An error the indexer threw says what went wrong; a process that stopped may have said it on stderr.
  const said = failed !== null && !(failed instanceof WorkerStopped) ? failed.message : stderr.trim().split("\n").slice(-3).join(" / ");
  return new Error(`the search index could not be made: ${said === "" ? (failed?.message ?? "the indexer stopped") : said}`);
}

/**
 * A shard's bundle is reused while Pagefind, the record code and every input of its records are
 * the same; hashing the inputs rather than the records spares an unchanged build making them.
 */
function shardKey(shard: SearchShard, language: string, version: string): string {
  const hash = createHash("sha256").update(`${version}\0${language}\0${shard.name}\0`);
  for (const a of shard.articles) {
    hash.update(JSON.stringify([a.path, a.title, a.date, a.lang, a.source, a.tags.map((t) => t.name)])).update(a.body.digest);
  }
  return hash.digest("hex");
}
