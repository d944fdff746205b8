/**
 * Table-driven from tests/fixtures/bad/<case>/: each case's articles/ is broken in one or more ways,
 * and its expected.txt lists the lines the build must print on stderr ({out} stands for the output
 * folder). Every `error:` line printed must be listed there and every listed line printed: all
 * problems in one run, and no others. The build exits 1 and writes nothing: a site built before
 * stays byte-identical, and no staging folder (or anything else) is left beside it.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs, runBuild } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";

after(removeTempDirs);

const BAD = path.join(FIXTURES, "bad");
const CASES = (await readdir(BAD, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

async function expectedLines(name: string, out: string): Promise<string[]> {
  const text = await readFile(path.join(BAD, name, "expected.txt"), "utf8");
  return text
    .split("\n")
    .map((l) => l.trim().replaceAll("{out}", out))
    .filter((l) => l !== "");
}

/** What is in a project folder, leaving out the render cache (a cache, not output). */
async function entries(root: string): Promise<string[]> {
  return (await readdir(root)).filter((name) => name !== ".cache").sort();
}

/** A project holding the case's articles/ (and expected.txt): anything else found in it afterwards was written by the build. */
function badProject(name: string): Promise<string> {
  return projectFrom(name, path.join(BAD, name));
}

describe("bad input: exit 1, every problem reported, nothing written", () => {
  let goodSite: string;
  let goodHashes: Record<string, string>;
  before(async () => {
    goodSite = (await buildOk(await projectFrom("good", path.join(FIXTURES, "sites", "tag-case")))).out;
    goodHashes = await hashTree(goodSite);
  });

  test("the fixture set covers every bad input the issue names", () => {
    assert.deepEqual(CASES, [
      "duplicate-slugs",
      "impossible-date",
      "js-front-matter",
      "malformed-yaml",
      "missing-title",
      "pictures-of-refused-articles",
      "several-broken",
      "slug-escapes-output",
      "unknown-date-form",
    ]);
  });

  for (const name of CASES) {
    test(name, async () => {
      const root = await badProject(name);
      const out = path.join(root, "_site");
      await cp(goodSite, out, { recursive: true });
      const entriesBefore = await entries(root);
      const folderBefore = (await stat(out)).ino;

      const result = await runBuild(root, { out });

      assert.equal(result.code, 1, `exit code\n${result.stderr}`);
      const printed = result.stderr.split("\n").map((l) => l.trim());
      const expected = await expectedLines(name, out);
      for (const line of expected) assert.ok(printed.includes(line), `stderr lacks:\n  ${line}\n--- stderr:\n${result.stderr}`);
      assert.deepEqual(
        printed.filter((l) => l.startsWith("error:")),
        expected.filter((l) => l.startsWith("error:")),
        "the errors printed are exactly the expected ones",
      );
      assert.doesNotMatch(result.stdout, /Built/);

      assert.deepEqual(await hashTree(out), goodHashes, "the previous site changed");
      assert.equal((await stat(out)).ino, folderBefore, "the output folder was replaced");
      // No <out>.tmp-*, no <out>.old-*, and nothing the articles might have written (js-front-matter).
      assert.deepEqual(await entries(root), entriesBefore);
    });
  }

  test("with no previous site, a failed build creates no output folder at all", async () => {
    const root = await badProject("several-broken");
    const result = await runBuild(root);
    assert.equal(result.code, 1);
    assert.deepEqual(await entries(root), ["articles", "expected.txt"]);
  });

  test("a build that fails while writing pages (a project template throws) also leaves the old site and no staging folder", async () => {
    const root = await projectFrom("failing-template", path.join(FIXTURES, "sites", "failing-template"));
    const out = path.join(root, "_site");
    await cp(goodSite, out, { recursive: true });
    const entriesBefore = await entries(root);

    const result = await runBuild(root, { out });

    assert.equal(result.code, 1);
    assert.match(result.stderr, /this template fails on purpose/);
    assert.ok(result.stderr.includes(`The last good site in ${out}/ is as it was.`), result.stderr);
    assert.deepEqual(await hashTree(out), goodHashes, "the previous site changed");
    assert.deepEqual(await entries(root), entriesBefore);
  });
});
