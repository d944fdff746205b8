// Builds run in a thread whose heap may grow to three quarters of the machine's memory, or to what
// NODE_OPTIONS=--max-old-space-size says. A build that runs out of it says so in one line, exit 1,
// and keeps the last good site, with no staging folder left behind.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs, runBuild } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";

after(removeTempDirs);

test("a build out of memory says so in one line and keeps the last good site", async () => {
  const root = await projectFrom("memory", path.join(FIXTURES, "sites", "pages"));
  const { out } = await buildOk(root);
  const previous = await hashTree(out);
  await writeFile(path.join(root, "articles", "new.md"), '---\ntitle: "New"\ndate: "2024-02-01"\n---\n\nNew article.\n');

  // 24 MB is enough for the command itself, not for a build (Eleventy alone needs more).
  const result = await runBuild(root, { env: { NODE_OPTIONS: "--max-old-space-size=24", NEWS_ARCHIVE_THREADS: "1" } });
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stderr, /^news-archive: out of memory: a build may use up to \d+ MB on this machine\. .*NODE_OPTIONS=--max-old-space-size=<MB>\nThe last good site in .* is as it was\.\n$/);
  assert.deepEqual(await hashTree(out), previous);
  assert.deepEqual((await readdir(root)).filter((f) => f.startsWith("_site")), ["_site"], "a staging folder was left behind");
});
