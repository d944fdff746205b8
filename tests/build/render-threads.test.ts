/**
 * Rendering on several threads (a cold build of 200 articles or more) must write exactly the site
 * one thread writes, with every article, warning and excerpt in its place.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateArchive } from "../../bench/generate.ts";
import { buildOk, removeTempDirs, runBuild, tempDir } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";

after(removeTempDirs);

/** A cold build of a fresh 250-article project (its own caches), with the build's stats file read back. */
async function coldBuild(label: string, env: Record<string, string>) {
  const root = await tempDir(label);
  await generateArchive(root, 250);
  const statsFile = path.join(root, "stats.json");
  const { out, stdout } = await buildOk(root, { env: { ...env, NEWS_ARCHIVE_STATS: statsFile } });
  const stats = JSON.parse(await readFile(statsFile, "utf8")) as { pages: number; details: Record<string, string> };
  return { out, stdout, ...stats };
}

test("three render threads and one write byte-identical sites", async () => {
  const sites: Record<string, string>[] = [];
  for (const threads of ["3", "1"]) {
    const { out, stdout, details } = await coldBuild(`threads-${threads}`, { NEWS_ARCHIVE_THREADS: threads });
    assert.match(stdout, /Built 250 articles/);
    assert.equal(details.render, threads === "1" ? "250 articles (250 rendered)" : `250 articles (250 rendered on ${threads} threads)`);
    sites.push(await hashTree(out));
  }
  assert.ok(Object.keys(sites[0]!).length > 250);
  assert.deepEqual(sites[0], sites[1]);
});

test("an article's problem found on a render thread is reported with every other problem", async () => {
  const root = await tempDir("threads-problem");
  await generateArchive(root, 250);
  await writeFile(path.join(root, "articles", "deep.md"), `---\ntitle: "Deep"\ndate: "2021-03-01"\n---\n\n${"> ".repeat(1500)}deep\n`);
  await writeFile(path.join(root, "articles", "impossible.md"), `---\ntitle: "Impossible"\ndate: "2021-02-30"\n---\n\nNo such day.\n`);
  const result = await runBuild(root, { env: { NEWS_ARCHIVE_THREADS: "3" } });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^error: articles\/deep\.md: body: is nested too deeply to render/m);
  assert.match(result.stderr, /^error: articles\/impossible\.md(:\d+)?: date: /m);
  assert.match(result.stderr, /2 problems in 2 articles\. Nothing was built/);
});

test("pages rendered in several Eleventy runs are the pages one run renders", async () => {
  // 250 articles make about 460 pages: in runs of 100, five runs.
  const sites: Record<string, string>[] = [];
  for (const perRun of ["100", "100000"]) {
    const { out, pages, details } = await coldBuild(`runs-${perRun}`, { NEWS_ARCHIVE_PAGES_PER_RUN: perRun });
    assert.ok(pages > 400, `${pages} pages`);
    assert.match(details.eleventy!, perRun === "100" ? new RegExp(`in ${Math.ceil(pages / 100)} Eleventy runs$`) : /unchanged$/);
    sites.push(await hashTree(out));
  }
  assert.deepEqual(sites[0], sites[1]);
});
