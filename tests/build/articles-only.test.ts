/**
 * A project as a newcomer first makes one: a folder with only articles/ (tests/fixtures/sites/articles-only):
 * an article, one with a title and no text, and a draft.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { buildOk, FIXTURES, projectFrom, removeTempDirs, runCli } from "../helpers/project.ts";
import { readPage } from "../helpers/site.ts";

after(removeTempDirs);

const FIXTURE = path.join(FIXTURES, "sites", "articles-only");

describe("a project with only articles/", () => {
  let out: string;
  let stdout: string;
  let stderr: string;
  let root: string;
  before(async () => {
    root = await projectFrom("articles-only", FIXTURE);
    ({ out, stdout, stderr } = await buildOk(root));
  });

  test("build and check say, once, that the site takes the demo's title and address, and how to set them", async () => {
    const note = await readFile(path.join(FIXTURE, "expected-note.txt"), "utf8");
    assert.equal(stderr.split(note).length - 1, 1, `the note is not printed once:\n${stderr}`);
    const check = await runCli(["check", "--json"], { cwd: root });
    assert.equal(check.stderr.split(note).length - 1, 1, `check does not print the note once:\n${check.stderr}`);
    assert.equal(JSON.parse(check.stdout).ok, true, "check --json stays JSON");
    assert.match(await readPage(out, "/"), /<link rel="canonical" href="https:\/\/example\.org\/">/);
  });

  test("a project with its own site.json gets no note", async () => {
    const own = await projectFrom("articles-and-settings", FIXTURE);
    await mkdir(path.join(own, "templates", "_data"), { recursive: true });
    await writeFile(path.join(own, "templates", "_data", "site.json"), JSON.stringify({ title: "My archive", url: "https://archive.example.org" }));
    const built = await buildOk(own);
    assert.doesNotMatch(built.stderr, /note:/);
    assert.match(await readPage(built.out, "/"), /<title>My archive<\/title>/);
  });

  test("the summary says how many drafts were left out, and what marks a draft", async () => {
    assert.match(stdout, /^Built 2 articles into \d+ pages in [\d.]+ s: .*; 1 draft left out \(serve shows it; draft: true, published: false or a _drafts\/ folder marks a draft\)$/m);
    await assert.rejects(readPage(out, "/articles/draft/"));
  });

  test("an article with no text shows no reading time; one with text does", async () => {
    // The meta line as read: its text, without the markup around each part.
    const meta = (page: string) => (/<p class="meta"[^>]*>(.*?)<\/p>/.exec(page)?.[1] ?? "").replace(/<[^>]+>/g, "");
    assert.doesNotMatch(meta(await readPage(out, "/articles/title-only/")), /min read/);
    assert.match(meta(await readPage(out, "/articles/envoy/")), / · 1 min read$/);
  });
});
