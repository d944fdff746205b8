/**
 * `news-archive check` on tests/fixtures/commands/check: two broken articles and four valid ones
 * that each carry something worth a warning. Every problem must be reported in one run, with file,
 * line, field and fix, and the exit code must say whether the build would accept the archive.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { FIXTURES, projectFrom, removeTempDirs, REPO, runCli, tempDir } from "../helpers/project.ts";
import type { Problem } from "../../src/content/problems.ts";

const FIXTURE = path.join(FIXTURES, "commands", "check");

after(removeTempDirs);

interface Report {
  ok: boolean;
  articles: number;
  errors: Problem[];
  warnings: Problem[];
}

const brief = (p: Problem) => `${p.file}:${p.line ?? "-"} ${p.field}`;

describe("check", () => {
  test("reports every error and warning at once, with file, line, field and fix; exit 1", async () => {
    const root = await projectFrom("check", FIXTURE);
    const result = await runCli(["check", "--verbose"], { cwd: root });
    assert.equal(result.code, 1);
    const expectLine = (kind: string, where: string, field: string, message: RegExp) => {
      const re = new RegExp(`^${kind}: ${where.replace(/[.]/g, "\\.")}: ${field}: ${message.source}.*\\n {4}fix: \\S`, "m");
      assert.match(result.stdout, re);
    };
    expectLine("error", "articles/impossible-date.md:3", "date", /"2020-02-30" is not a real date/);
    expectLine("error", "articles/no-title.md", "title", /is missing or empty/);
    expectLine("warning", "articles/raw-html.md:9", "body", /raw HTML "<script>" is removed with its content: articles cannot run scripts/);
    expectLine("warning", "articles/typos.md:4", "tag", /"tag" is not a field this archive knows.*did you mean "tags"\?/);
    expectLine("warning", "articles/typos.md:5", "sumary", /.*did you mean "summary"\?/);
    expectLine("warning", "articles/future.md:3", "date", /2999-01-01 is in the future/);
    expectLine("warning", "articles/future.md", "tags", /the article has no tags/);
    // One article each: the tie goes to the spelling the site shows (the first in code-point order).
    expectLine("warning", "articles/typos.md:7", "tags", /tag "deir ezzor" looks like "Deir ez-Zor", which 1 article uses \(articles\/clean\.md\)/);
    assert.doesNotMatch(result.stdout, /^warning: articles\/clean\.md:4: tags:/m, "the spelling to follow is not told to change");
    assert.match(result.stdout, /^Checked 6 articles: 2 errors, 6 warnings\. The build refuses the archive until the errors in 2 files are fixed\.$/m);
    assert.ok(!/subtitle/.test(result.stdout), "a field far from every known one is not called a typo");
  });

  test("without --verbose, warnings are grouped: one heading per kind with its count, the first few in full", async () => {
    const root = await projectFrom("check-grouped", FIXTURE);
    const result = await runCli(["check"], { cwd: root });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^warnings: fields that look like typos \(field-typo\): 2 warnings in 1 file\n {2}warning: articles\/typos\.md:4: tag: /m);
    assert.match(result.stdout, /^warnings: tags written two ways \(tag-variants\): 1 warning in 1 file$/m);
    assert.match(result.stdout, /^error: articles\/impossible-date\.md:3: date: /m, "errors are listed one by one");
  });

  test("a tag written two ways: only the articles that write it otherwise than most are told, and to what", async () => {
    // tests/fixtures/commands/tag-variants: Syria in five articles, syria in one, SYRIA in one.
    const fixture = path.join(FIXTURES, "commands", "tag-variants");
    const root = await projectFrom("check-tag-variants", fixture);
    const report = JSON.parse((await runCli(["check", "--json"], { cwd: root })).stdout) as Report;
    const expected = JSON.parse(await readFile(path.join(fixture, "expected.json"), "utf8")) as Problem[];
    assert.deepEqual(
      report.warnings.filter((p) => p.kind === "tag-variants"),
      expected,
    );
  });

  test("--strict makes every warning an error, in check and in build; the last site stays", async () => {
    const root = await projectFrom("check-strict", FIXTURE);
    await rm(path.join(root, "articles", "impossible-date.md"));
    await rm(path.join(root, "articles", "no-title.md"));
    const strict = await runCli(["check", "--strict", "--json"], { cwd: root });
    assert.equal(strict.code, 1);
    const report = JSON.parse(strict.stdout) as Report;
    assert.equal(report.warnings.length, 0);
    assert.deepEqual(new Set(report.errors.map((p) => p.kind)), new Set(["tag-variants", "date-future", "tags-missing", "html-unsafe-removed", "field-typo"]));
    const out = path.join(root, "_site");
    assert.equal((await runCli(["build", "--out", out], { cwd: root })).code, 0);
    const before = await readdir(out);
    const build = await runCli(["build", "--strict", "--out", out], { cwd: root });
    assert.equal(build.code, 1);
    assert.match(build.stderr, /^error: articles\/raw-html\.md:9: body: raw HTML/m);
    assert.match(build.stderr, /Nothing was built; .*_site\/ is as it was\./);
    assert.deepEqual(await readdir(out), before);
  });

  test("--json gives the same report for machines", async () => {
    const root = await projectFrom("check-json", FIXTURE);
    const result = await runCli(["check", "--json"], { cwd: root });
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.ok, false);
    assert.equal(report.articles, 6);
    assert.deepEqual(report.errors.map(brief), ["articles/impossible-date.md:3 date", "articles/no-title.md:- title"]);
    assert.deepEqual(report.warnings.map(brief).sort(), [
      "articles/future.md:- tags",
      "articles/future.md:3 date",
      "articles/raw-html.md:9 body",
      "articles/typos.md:4 tag",
      "articles/typos.md:5 sumary",
      "articles/typos.md:7 tags",
    ]);
    for (const p of [...report.errors, ...report.warnings]) assert.ok(p.fix.length > 0 && p.message.length > 0 && p.kind.length > 0, brief(p));
  });

  test("with the errors fixed, warnings alone exit 0 — and the build agrees", async () => {
    const root = await projectFrom("check-warnings", FIXTURE);
    await rm(path.join(root, "articles", "impossible-date.md"));
    await rm(path.join(root, "articles", "no-title.md"));
    const result = await runCli(["check"], { cwd: root });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Checked 4 articles: 0 errors, 6 warnings\.$/m);
    const build = await runCli(["build", "--out", path.join(root, "_site")], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
  });

  test("the five real articles check clean; a project without articles/ is an error", async () => {
    const root = await tempDir("check-real");
    await cp(path.join(REPO, "articles"), path.join(root, "articles"), { recursive: true });
    assert.equal((await readdir(path.join(root, "articles"))).length, 5);
    const clean = await runCli(["check", "--root", root], { cwd: REPO });
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /^Checked 5 articles: 0 errors, 0 warnings\.$/m);
    const empty = await tempDir("check-empty");
    const missing = await runCli(["check"], { cwd: empty });
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /error: articles: file: the articles folder does not exist/);
  });
});
