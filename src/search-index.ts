// The full-text search index: one Pagefind bundle per shard (src/search-records.ts), written
// into the staging folder so it is swapped in with the pages it describes. The search page loads
// the first bundle and merges the others.
//
// Records come from the model, not from the built pages, so the index can be written while
// Eleventy writes the pages, in Pagefind's own process on the other core. Each shard's bundle is
// kept in the cache under a hash of its records and Pagefind's version: a rebuild re-indexes only
// the shards whose articles changed.
//
// Every record goes into one index in the site's language, whatever its own `lang`: one search box
// finds everything, including Arabic parts, which Pagefind splits into words at spaces like any
// other text (it does not stem Arabic inside an English index; whole words and word starts match).
import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { linkTree } from "./hard-link.ts";
import { mapLimit } from "./map-limit.ts";
import type { Archive } from "./model.ts";
import { planShards, SEARCH_DIR, searchRecord, type SearchShard } from "./search-records.ts";

/** What makes records from articles: a change to it changes every record. */
const RECORDS_CODE = createHash("sha256").update(readFileSync(fileURLToPath(new URL("./search-records.ts", import.meta.url)))).digest("hex");

export interface SearchIndexResult {
  pages: number;
  shards: number;
  /** Shards taken from the cache rather than indexed again. */
  reused: number;
}

/** Pagefind's stock UI: never loaded by our search page, so not published. */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

// pagefind exports no package.json; its entry is lib/index.js.
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(path.join(fileURLToPath(import.meta.resolve("pagefind")), "..", "..", "package.json"), "utf8")) as { version: string }
).version;

export async function writeSearchIndex(siteDir: string, archive: Archive, cacheDir: string): Promise<SearchIndexResult> {
  const language = archive.site.lang.split("-")[0]!.toLowerCase();
  const shards = planShards(archive);
  const cache = path.join(cacheDir, "search");
  await mkdir(cache, { recursive: true });
  let reused = 0;
  try {
    // Two shards at a time: each index is fed one record after another (see indexShard), and the
    // waits of one leave Pagefind time for the other. More at once only costs memory.
    await mapLimit(shards, 2, async (shard) => {
      const cached = path.join(cache, shardKey(shard, language));
      if (await exists(cached)) reused += 1;
      else await indexShard(shard, language, cached);
      await linkTree(cached, path.join(siteDir, SEARCH_DIR, shard.name));
    });
  } finally {
    // Pagefind runs in a child process; closing it lets the command exit.
    await pagefind.close();
  }
  await prune(cache, new Set(shards.map((s) => shardKey(s, language))));
  return { pages: shards.reduce((n, s) => n + s.articles.length, 0), shards: shards.length, reused };
}

async function indexShard(shard: SearchShard, language: string, destination: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (index === undefined) throw new Error(`the search index could not be started: ${errors.join("; ")}`);
  // One after another: sent all at once, Pagefind may take them in any order, and its index files
  // then differ from build to build. Same input, same bytes costs ~25% more indexing time.
  const failed: string[] = [];
  for (const article of shard.articles) failed.push(...(await index.addCustomRecord({ ...searchRecord(article), language })).errors);
  if (failed.length > 0) throw new Error(`the search index could not take the articles: ${failed.slice(0, 3).join("; ")}`);
  // Written beside the cache entry and renamed into place, so a killed build never leaves half a bundle.
  const partial = `${destination}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: partial });
  if (written.errors.length > 0) throw new Error(`the search index could not be written: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  for (const name of await readdir(partial)) if (UNUSED.test(name)) await rm(path.join(partial, name));
  await rename(partial, destination);
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
