// The search indexer's own process: the build calls indexShard there for each shard, and it feeds
// Pagefind. Why a process and not the build itself: when Pagefind's process dies part-way (it
// panics when the disk fills), its Node API never answers. Here that leaves nothing to wait for,
// so this process ends without having answered (see Remote.end in util/worker-call.ts), where the
// build would have waited for ever; and Pagefind's panic, written to this process's stderr, is for
// the build to read, not the reader. Pagefind's own process is kept running only while it has work,
// so this one ends by itself once the build has sent its last shard and the shards are written.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import type { IndexJob } from "./index-jobs.ts";
import { writeAtomic } from "../project.ts";

/** Pagefind's stock UI: never loaded by our search page, so not published. */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

/** Writes the shard's bundle into its folder in the cache. */
export async function indexShard(job: IndexJob): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: job.language });
  if (index === undefined) throw new Error(`the search index could not be started: ${errors.join("; ")}`);
  // One after another: sent all at once, Pagefind may take them in any order, and its index files
  // then differ from build to build. Same input, same bytes is worth the longer indexing.
  const failed: string[] = [];
  for (const record of job.records) failed.push(...(await index.addCustomRecord({ ...record, language: job.language })).errors);
  if (failed.length > 0) throw new Error(`the search index could not take the articles: ${failed.slice(0, 3).join("; ")}`);
  // Another build (serve beside build) may put the same bundle in place first: same key, same bundle.
  await writeAtomic(
    job.destination,
    async (partial) => {
      const written = await index.writeFiles({ outputPath: partial });
      if (written.errors.length > 0) throw new Error(`the search index could not be written: ${written.errors.join("; ")}`);
      await index.deleteIndex();
      for (const name of await readdir(partial)) if (UNUSED.test(name)) await rm(path.join(partial, name));
    },
    { keyed: true },
  );
}
