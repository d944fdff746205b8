/**
 * `check` runs build's own stages (src/build/pipeline.ts), so it reports every problem `build` reports —
 * the same kind, file, line and words — and adds only its editor's advice (typos, tags, future
 * dates). And it writes nothing: no site, no cache, no published-urls.txt.
 *
 * tests/fixtures/commands/check-pictures: a missing lead and body picture, a /static/ site path
 * from a .mdown article with TOML front-matter, a page bundle, an SVG and a GIF from an .mkd
 * article with JSON front-matter, a README.md that is not an article, and a published URL the
 * site no longer has. Every picture fixture (tests/fixtures/pictures) is checked and built too.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { appendFile, lstat, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblem, type Problem, type ProblemKind } from "../../src/content/problems.ts";
import { FIXTURES, projectFrom, removeTempDirs, runCli } from "../helpers/project.ts";

after(removeTempDirs);

const FIXTURE = path.join(FIXTURES, "commands", "check-pictures");
const PICTURES = path.join(FIXTURES, "pictures");

interface Report {
  ok: boolean;
  articles: number;
  errors: Problem[];
  warnings: Problem[];
}

/** What check says that build does not: advice for an editor, not problems of the site. */
const ADVICE = new Set<ProblemKind>(["field-typo", "tag-variants", "date-future", "tags-missing"]);

/** Each problem as the CLI prints it with --verbose: its line and its fix. */
function printed(output: string): string[] {
  return (output.match(/^(?:error|warning): .*\n {4}fix: .*$/gm) ?? []).sort();
}

async function checkAndBuild(root: string): Promise<{ report: Report; checkCode: number; build: Awaited<ReturnType<typeof runCli>> }> {
  const check = await runCli(["check", "--json"], { cwd: root });
  const report = JSON.parse(check.stdout) as Report;
  const build = await runCli(["build", "--verbose"], { cwd: root });
  return { report, checkCode: check.code, build };
}

/** Build's problems and check's (its advice aside) must be the same, word for word. */
function assertSameProblems(report: Report, buildOutput: string): void {
  const fromCheck = [...report.errors.map((p) => formatProblem(p, "error")), ...report.warnings.filter((p) => !ADVICE.has(p.kind)).map((p) => formatProblem(p, "warning"))].sort();
  assert.ok(fromCheck.length > 0, "the fixture has problems to compare");
  assert.deepEqual(fromCheck, printed(buildOutput));
}

/** Every file and folder under root, with its size and modification time. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const entries = (await readdir(root, { recursive: true })).sort();
  return Object.fromEntries(await Promise.all(entries.map(async (e) => [e, await lstat(path.join(root, e)).then((s) => `${s.size} ${s.mtimeMs}`)] as const)));
}

describe("check runs the build's pipeline", () => {
  test("a missing picture is reported by check as by build: same kind, file, line and words", async () => {
    const root = await projectFrom("check-pictures", FIXTURE);
    const { report, checkCode, build } = await checkAndBuild(root);
    assert.equal(checkCode, 0);
    assert.equal(build.code, 0, build.stderr);
    const at = (p: Problem) => `${p.kind} ${p.file}:${p.line ?? "-"} ${p.field}`;
    assert.deepEqual(report.warnings.filter((p) => p.kind === "picture-missing").map(at), [
      "picture-missing articles/2024-03-01-missing-picture.md:5 image.src",
      "picture-missing articles/2024-03-01-missing-picture.md:10 body",
    ]);
    assert.match(build.stderr, /^warning: articles\/2024-03-01-missing-picture\.md:10: body: the picture "photos\/trucks\.jpg" is missing/m);
    assertSameProblems(report, build.stderr);
    // The page shows the missing picture's alt text, and no picture in its place.
    const page = await readFile(path.join(root, "_site", "articles", "missing-picture", "index.html"), "utf8");
    const body = page.slice(page.indexOf("<article"), page.indexOf("</article>"));
    assert.match(body, /Trucks leaving the base/);
    assert.doesNotMatch(body, /<img/);
  });

  test("front-matter lines are found in TOML and JSON, and .mdown and .mkd files are counted; README.md is not", async () => {
    const root = await projectFrom("check-formats", FIXTURE);
    const result = await runCli(["check", "--json"], { cwd: root });
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.articles, 4);
    assert.deepEqual(
      report.warnings.filter((p) => p.kind === "field-typo").map((p) => `${p.file}:${p.line} ${p.field}`),
      ["articles/2024-03-02-site-path.mdown:5 sumary", "articles/2024-03-04-drawing.mkd:5 tittle"],
    );
    const human = await runCli(["check"], { cwd: root });
    assert.match(human.stdout, /^Checked 4 articles: 0 errors, 6 warnings\.$/m);
    assert.match(human.stdout, /^warnings: pictures that cannot be found \(picture-missing\): 2 warnings in 1 file$/m);
  });

  test("--strict: the missing picture is an error in check as in build", async () => {
    const root = await projectFrom("check-pictures-strict", FIXTURE);
    const check = await runCli(["check", "--strict", "--json"], { cwd: root });
    assert.equal(check.code, 1);
    const report = JSON.parse(check.stdout) as Report;
    assert.ok(report.errors.some((p) => p.kind === "picture-missing" && p.line === 10));
    const build = await runCli(["build", "--strict"], { cwd: root });
    assert.equal(build.code, 1);
    assert.match(build.stderr, /^error: articles\/2024-03-01-missing-picture\.md:10: body: the picture "photos\/trucks\.jpg" is missing/m);
  });

  for (const name of readdirSync(PICTURES).sort()) {
    test(`picture fixture ${name}: check finds what build finds`, async () => {
      const root = await projectFrom(`check-parity-${name}`, path.join(PICTURES, name));
      const { report, checkCode, build } = await checkAndBuild(root);
      assert.equal(checkCode, build.code, `check exits ${checkCode}, build ${build.code}`);
      if (report.errors.length + report.warnings.filter((p) => !ADVICE.has(p.kind)).length > 0) assertSameProblems(report, build.stderr);
      else assert.deepEqual(printed(build.stderr), []);
    });
  }
});

describe("check writes nothing", () => {
  test("in a project never built: no _site, no .cache, every file as it was", async () => {
    const root = await projectFrom("check-writes-nothing", FIXTURE);
    const before = await snapshot(root);
    assert.equal((await runCli(["check"], { cwd: root })).code, 0);
    assert.deepEqual(await snapshot(root), before);
  });

  test("after a build and an edit: the caches, the site and published-urls.txt stay exactly as they were", async () => {
    const root = await projectFrom("check-after-build", FIXTURE);
    assert.equal((await runCli(["build"], { cwd: root })).code, 0);
    // What a build would now render, encode and publish anew.
    await appendFile(path.join(root, "articles", "2024-03-03-bundle", "index.md"), "\nA paragraph added since the build.\n");
    await writeFile(
      path.join(root, "articles", "2024-03-05-new.md"),
      '---\ntitle: "Written since the build"\ndate: "2024-03-05"\ntags: [Pictures]\n---\n\n![The chart, lent from another article](/images/chart.png)\n',
    );
    const before = await snapshot(root);
    assert.ok(Object.keys(before).some((f) => f.startsWith(path.join(".cache", "news-archive", "images"))), "the build filled the picture cache");
    const check = await runCli(["check", "--json"], { cwd: root });
    assert.equal(check.code, 0, check.stdout);
    assert.equal((JSON.parse(check.stdout) as Report).articles, 5);
    assert.deepEqual(await snapshot(root), before);
  });
});
