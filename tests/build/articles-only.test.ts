/**
 * A project as a newcomer first makes one: a folder with only articles/ (tests/fixtures/sites/articles-only):
 * an article, one with a title and no text, and a draft.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { readPage } from "../helpers/site.ts";

after(removeTempDirs);

const FIXTURE = path.join(FIXTURES, "sites", "articles-only");

describe("a project with only articles/", () => {
  let out: string;
  let stdout: string;
  before(async () => {
    const root = await projectFrom("articles-only", FIXTURE);
    ({ out, stdout } = await buildOk(root));
  });

  test("the summary says how many drafts were left out, and how to publish one", async () => {
    assert.match(stdout, /^Built 2 articles into \d+ pages in [\d.]+ s: .*; 1 draft left out \(serve shows it; to publish it, remove its draft: true\)$/m);
    await assert.rejects(readPage(out, "/articles/draft/"));
  });

  test("an article with no text shows no reading time; one with text does", async () => {
    const meta = (page: string) => /<p class="meta"[^>]*>(.*?)<\/p>/.exec(page)?.[1] ?? "";
    assert.doesNotMatch(meta(await readPage(out, "/articles/title-only/")), /min read/);
    assert.match(meta(await readPage(out, "/articles/envoy/")), / · 1 min read$/);
  });
});
