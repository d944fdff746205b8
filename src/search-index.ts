// The full-text search index: one Pagefind bundle per shard (src/search-records.ts), written
// into the staging folder so it is swapped in with the pages it describes. The search page loads
// the first bundle and merges the others.
//
// Records come from the model, not from the built pages, so the index can be written while
// Eleventy writes the pages, by an indexer process of its own (search-indexer.ts) driving
// Pagefind's, on the other core. Each shard's bundle is
// kept in the cache under a hash of its records and Pagefind's version: a rebuild re-indexes only
// the shards whose articles changed.
//
// Every record goes into one index in the site's language, whatever its own `lang`: one search box
// finds everything, including Arabic parts, which Pagefind splits into words at spaces like any
// other text (it does not stem Arabic inside an English index; whole words and word starts match).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, rm, stat, statfs } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { serialize } from "node:v8";
import { linkTree } from "./hard-link.ts";
import type { Archive } from "./model.ts";
import { planShards, SEARCH_DIR, searchRecord, type SearchShard } from "./search-records.ts";
import type { IndexJob } from "./search-indexer.ts";

/** What makes records from articles: a change to it changes every record. */
const RECORDS_CODE = createHash("sha256").update(readFileSync(fileURLToPath(new URL("./search-records.ts", import.meta.url)))).digest("hex");
const INDEXER = fileURLToPath(new URL("./search-indexer.ts", import.meta.url));

export interface SearchIndexResult {
  pages: number;
  shards: number;
  /** Shards taken from the cache rather than indexed again. */
  reused: number;
}

// pagefind exports no package.json; its entry is lib/index.js.
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(path.join(fileURLToPath(import.meta.resolve("pagefind")), "..", "..", "package.json"), "utf8")) as { version: string }
).version;

export async function writeSearchIndex(siteDir: string, archive: Archive, cacheDir: string): Promise<SearchIndexResult> {
  const language = archive.site.lang.split("-")[0]!.toLowerCase();
  const shards = planShards(archive);
  const cache = path.join(cacheDir, "search");
  await mkdir(cache, { recursive: true });
  const keys = new Map(shards.map((s) => [s.name, path.join(cache, shardKey(s, language))]));
  const into = (name: string) => linkTree(keys.get(name)!, path.join(siteDir, SEARCH_DIR, name));
  const jobs: IndexJob[] = [];
  for (const shard of shards) {
    if (await exists(keys.get(shard.name)!)) await into(shard.name);
    else jobs.push({ name: shard.name, language, records: shard.articles.map(searchRecord), destination: keys.get(shard.name)! });
  }
  if (jobs.length > 0) await runIndexer(jobs, into);
  await prune(cache, new Set([...keys.values()].map((k) => path.basename(k))));
  return { pages: shards.reduce((n, s) => n + s.articles.length, 0), shards: shards.length, reused: shards.length - jobs.length };
}

/** Runs src/search-indexer.ts over the jobs, calling `indexed` as each shard's bundle is ready. */
function runIndexer(jobs: IndexJob[], indexed: (name: string) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), INDEXER], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    let failed: { error: unknown } | null = null;
    const done: Promise<void>[] = [];
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on("line", (name) => {
      // A shard that cannot be placed in the site (a full disk) stops the indexer: the build has failed.
      const placed = indexed(name).catch((error: unknown) => {
        failed ??= { error };
        child.kill();
      });
      done.push(placed);
    });
    // A write to an indexer that already stopped fails; its exit says why.
    child.stdin.on("error", () => undefined);
    child.on("error", reject);
    child.on("close", (code) => {
      Promise.all(done)
        .then(async () => {
          if (failed !== null) return reject(failed.error);
          if (code === 0 && done.length === jobs.length) return resolve();
          reject(await indexerFailure(jobs, child.pid, code, stderr));
        })
        .catch(reject);
    });
    child.stdin.end(serialize(jobs));
  });
}

/**
 * Why the indexer stopped. Pagefind panics when the disk fills instead of reporting ENOSPC, so a
 * full disk is checked for here and reported as the write error it is.
 */
async function indexerFailure(jobs: IndexJob[], pid: number | undefined, code: number | null, stderr: string): Promise<Error> {
  for (const job of jobs) await rm(`${job.destination}.partial-${pid}`, { recursive: true, force: true });
  const cache = path.dirname(jobs[0]!.destination);
  const disk = await statfs(cache).catch(() => null);
  if (disk !== null && disk.bavail * disk.bsize < 1024 * 1024) {
    return Object.assign(new Error(`no space left on the disk holding ${cache}`), { code: "ENOSPC", path: cache });
  }
  const said = stderr.trim().split("\n").slice(-3).join(" / ");
  return new Error(`the search index could not be made: ${said === "" ? `the indexer stopped (exit code ${code})` : said}`);
}

/**
 * A shard's bundle is reused while Pagefind, the record code and every input of its records are
 * the same; hashing the inputs rather than the records spares an unchanged build making them.
 */
function shardKey(shard: SearchShard, language: string): string {
  const hash = createHash("sha256").update(`${PAGEFIND_VERSION}\0${RECORDS_CODE}\0${language}\0${shard.name}\0`);
  for (const a of shard.articles) {
    hash.update(JSON.stringify([a.path, a.title, a.date, a.lang, a.source, a.tags.map((t) => t.name)])).update(a.html);
  }
  return hash.digest("hex");
}

async function prune(cache: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(cache)) if (!keep.has(name)) await rm(path.join(cache, name), { recursive: true, force: true });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
