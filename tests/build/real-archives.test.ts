/**
 * Samples of real public archives kept in other generators (tests/fixtures/archives/<name>/: Jekyll,
 * Hugo with TOML and with YAML, Eleventy, Zola, a Next.js blog of 1,000 posts), copied in unmodified
 * as a user would copy them, and built with the real CLI. Each builds without an error into the
 * articles, pages, skipped files, warnings by kind and redirects its expected.json names; `check`
 * reports the same warnings; every page passes html-validate and every internal link resolves, but
 * the few its expected.json lists, each with the reason beside it: a sample is a handful of posts,
 * which link to posts left out of it and to the old site's pages that were not posts.
 * Where each sample comes from and under which licence: its LICENCE-NOTE.md.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { validateSite } from "../helpers/html-validity.ts";
import { checkLinks } from "../helpers/links.ts";
import { buildOk, FIXTURES, projectFrom, removeTempDirs, runCli } from "../helpers/project.ts";
import { listFiles } from "../helpers/site.ts";

after(removeTempDirs);

interface Expected {
  /** The slug of every article built, as /articles/<slug>/. */
  articles: string[];
  /** HTML files in the built site. */
  pages: number;
  /** Files in articles/ that are not articles and are skipped with a warning. */
  skipped: string[];
  /** Warnings per kind, as the build's grouped report and `check --json` count them. */
  warnings: Record<string, number>;
  /**
   * Links the sample cannot resolve, as "page → link", each with why: a post not in the sample, a
   * page of the old site that was not a post. Every other link must lead to a built file.
   */
  brokenLinks: Record<string, string>;
  /** The `_redirects` lines: each old address and its new page. */
  redirects: string[];
}

interface CheckJson {
  ok: boolean;
  errors: { kind: string }[];
  warnings: { kind: string; file: string }[];
}

const ARCHIVES = path.join(FIXTURES, "archives");

/** Advice only `check` gives (an editor's concerns, not the build's): no tags, tags spelled two ways, a likely typo, a future date. */
const CHECK_ONLY = new Set(["tags-missing", "tag-variants", "field-typo", "date-future"]);

/** `warnings: <heading> (<kind>): N warnings in M files` lines of the build's report, as { kind: N }. */
function warningsByKind(report: string): Record<string, number> {
  return Object.fromEntries([...report.matchAll(/^warnings: .* \(([a-z-]+)\): (\d+) warnings? in /gm)].map((m) => [m[1]!, Number(m[2])]));
}

function countKinds(problems: { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind } of problems) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

for (const name of (await readdir(ARCHIVES)).sort()) {
  describe(`the real archive sample "${name}"`, () => {
    const fixture = path.join(ARCHIVES, name);
    let expected: Expected;
    let out: string;
    let report: string;
    let check: CheckJson;

    before(async () => {
      expected = JSON.parse(await readFile(path.join(fixture, "expected.json"), "utf8")) as Expected;
      const root = await projectFrom(`archive-${name}`, fixture);
      const build = await buildOk(root);
      out = build.out;
      report = build.stdout + build.stderr;
      check = JSON.parse((await runCli(["check", "--json"], { cwd: root })).stdout) as CheckJson;
    });

    test("builds every article, and only those", async () => {
      const built = (await readdir(path.join(out, "articles"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
      assert.deepEqual(built.sort(), [...expected.articles].sort());
      assert.equal((await listFiles(out)).filter((f) => f.endsWith(".html")).length, expected.pages);
    });

    test("skips the files that are not articles, each with a line saying so", () => {
      const skipped = check.warnings.filter((w) => w.kind === "not-an-article").map((w) => w.file);
      assert.deepEqual(skipped.sort(), expected.skipped.map((f) => `articles/${f}`).sort());
    });

    test("warns by kind as expected, and check finds what build finds", () => {
      assert.deepEqual(warningsByKind(report), expected.warnings);
      assert.deepEqual(check.errors, []);
      const kinds = countKinds(check.warnings.filter((w) => !CHECK_ONLY.has(w.kind)));
      assert.deepEqual(kinds, expected.warnings, "check --json counts other warnings than the build");
    });

    test("every old address (aliases, redirect_from, redirect stubs) redirects to its article", async () => {
      const lines = (await readFile(path.join(out, "_redirects"), "utf8")).split("\n").filter((l) => l.startsWith("/"));
      assert.deepEqual(lines.sort(), [...expected.redirects].sort());
    });

    test("every page passes html-validate", async () => {
      const { problems } = await validateSite(out);
      assert.deepEqual(problems, []);
    });

    test("every internal link and picture resolves to a built file, but those the sample left out", async () => {
      const links = await checkLinks(out, { prefix: "/", siteUrl: "https://example.org" });
      const broken = links.broken.map((b) => b.replace(/: (no file|no id=|outside the path prefix).*$/, ""));
      assert.deepEqual(broken.sort(), Object.keys(expected.brokenLinks).sort());
    });
  });
}
