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
  before(async () => {
    const root = await projectFrom("articles-only", FIXTURE);
    ({ out } = await buildOk(root));
  });

  test("an article with no text shows no reading time; one with text does", async () => {
    const meta = (page: string) => /<p class="meta"[^>]*>(.*?)<\/p>/.exec(page)?.[1] ?? "";
    assert.doesNotMatch(meta(await readPage(out, "/articles/title-only/")), /min read/);
    assert.match(meta(await readPage(out, "/articles/envoy/")), / · 1 min read$/);
  });
});
