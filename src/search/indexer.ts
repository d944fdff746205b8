// The search indexer's own process: the build hands it the shards to index and it feeds Pagefind.
// Why a process and not the build itself: when Pagefind's process dies part-way (it panics when
// the disk fills), its Node API never answers. Here that leaves nothing to wait for, so this
// process ends without having reported the shard, where the build would have waited for ever; and
// Pagefind's panic, written to this process's stderr, is for the build to read, not the reader.
//
// Protocol: the build writes the jobs to stdin one at a time, each a v8-serialized IndexJob after
// its length (see frame); this prints each shard's name on stdout once its bundle is in place.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { jobsFrom, type IndexJob } from "./index-jobs.ts";
import { writeAtomic } from "../project.ts";

/** Pagefind's stock UI: never loaded by our search page, so not published. */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

async function indexShard(job: IndexJob): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: job.language });
  if (index === undefined) throw new Error(`the search index could not be started: ${errors.join("; ")}`);
  // One after another: sent all at once, Pagefind may take them in any order, and its index files
  // then differ from build to build. Same input, same bytes costs ~25% more indexing time.
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

async function main(): Promise<void> {
  const jobs = jobsFrom(process.stdin);
  // Two shards at a time: each index is fed one record after another, and the waits of one
  // leave Pagefind time for the other. More at once only costs memory.
  const lane = async (): Promise<void> => {
    for (let next = await jobs.next(); next.done !== true; next = await jobs.next()) {
      await indexShard(next.value);
      process.stdout.write(`${next.value.name}\n`);
    }
  };
  try {
    await Promise.all([lane(), lane()]);
  } finally {
    await pagefind.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
