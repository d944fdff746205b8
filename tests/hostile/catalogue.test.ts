/**
 * The hostile-input catalogue. Each tests/fixtures/hostile/<case>/ holds the article file(s) of one
 * hostile or broken input and expected.json, the exact outcome the real build must produce:
 *
 *   about     what the case proves
 *   build     "shared": built in one project with every other shared case of the same exit code
 *             (so the failing ones also prove that all problems are reported at once);
 *             "alone": built in a project of its own (slow, or failing after the articles load)
 *   knownBug  a product bug the case finds that is not fixed yet: its build's checks and its own
 *             test still run, and report as TODO instead of failing the suite
 *   exit      0 or 1
 *   errors / warnings   {file, line?, field, message}: the exact problems printed, each with a fix
 *   links     symlinks to create, path → target (git keeps no links that point out of the repo)
 *   fifos     named pipes to create (git cannot hold them)
 *   generate  files too big to keep in git: head, then paragraphs (with a heading after every
 *             `headingEvery` of them) up to `bytes`, then tail
 *   payload   the articles carry code that, if run, writes PWNED-* files and prints PWNED
 *   pages     article file → the page it must get
 *   shows     reader-visible text: {page, in: "h1"|"title"|"source"|"p.byline"|
 *             "meta[name=description]", text}, {page, link: href, text}, {page, articles: [titles]}
 *   html      {page, has}: exact source a page must contain (e.g. how it is escaped)
 *   missing   site paths that must not exist
 *   nowhere   strings no built page, feed or sitemap may contain
 *
 * A case folder may also hold `outside/` (copied beside the project, for links to point at) and
 * `project/` (copied into the project, beside articles/).
 *
 * Whatever the case, every build is checked for: the exit code, no crash (no stack trace, no
 * TypeError or the like), nothing written outside the output folder (the whole sandbox holding the
 * project is hashed before and after), no marker of code having run, and for builds that succeed:
 * no script, handler, style, embed or script/data URL in any page or feed, and no article dropped
 * silently (every file in articles/ has its page or is named in a warning or error).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { FIXTURES, REPO, removeTempDirs, runBuild, tempDir, type CliResult } from "../helpers/project.ts";
import { anchorsIn, decodeEntities, fileFor, innerOf, listedArticles, listFiles, readPage, textOf } from "../helpers/site.ts";
import { buildMayWrite, changes, crashSigns, makeSandbox, printedProblems, snapshot, type PrintedProblem, type Sandbox, type Snapshot } from "./sandbox.ts";
import { markupFiles, siteViolations } from "./site-safety.ts";

after(removeTempDirs);

interface ExpectedProblem {
  file: string;
  line?: number;
  field: string;
  message: string;
}

type Show =
  | { page: string; in: "h1" | "title" | "source" | "p.byline" | "meta[name=description]"; text: string }
  | { page: string; link: string; text: string }
  | { page: string; articles: string[] };

interface Expected {
  about: string;
  build: "shared" | "alone";
  knownBug?: string;
  exit: 0 | 1;
  errors?: ExpectedProblem[];
  warnings?: ExpectedProblem[];
  links?: Record<string, string>;
  fifos?: string[];
  generate?: Record<string, Generated>;
  payload?: boolean;
  pages?: Record<string, string>;
  shows?: Show[];
  html?: { page: string; has: string }[];
  missing?: string[];
  nowhere?: string[];
}

interface Generated {
  head: string;
  paragraph: string;
  heading: string;
  headingEvery: number;
  bytes: number;
  tail: string;
}

interface Case {
  name: string;
  dir: string;
  expected: Expected;
}

const HOSTILE = path.join(FIXTURES, "hostile");
const CASES: Case[] = await Promise.all(
  (await readdir(HOSTILE)).sort().map(async (name) => ({
    name,
    dir: path.join(HOSTILE, name),
    expected: JSON.parse(await readFile(path.join(HOSTILE, name, "expected.json"), "utf8")) as Expected,
  })),
);
/** Where a payload that ran would write outside the sandbox (the project-relative markers are caught by the snapshot). */
const ABSOLUTE_MARKER = /^news-archive-hostile-PWNED-/;
const SITE_TITLE = (JSON.parse(await readFile(path.join(REPO, "templates", "_data", "site.json"), "utf8")) as { title: string }).title;

// ------------------------------------------------------------------------------------ building

interface Run {
  sandbox: Sandbox;
  result: CliResult;
  problems: PrintedProblem[];
  withoutFix: string[];
  before: Snapshot;
  after: Snapshot;
  /** Article files in the project, as the CLI names them ("articles/x.md"). */
  articleFiles: string[];
  seconds: number;
}

/** Copies each case into one project; two cases must never bring the same file. */
async function setUp(sandbox: Sandbox, cases: readonly Case[]): Promise<void> {
  await mkdir(path.join(sandbox.project, "articles"), { recursive: true });
  for (const c of cases) {
    for (const [from, to] of [["articles", "project/articles"], ["project", "project"], ["outside", "outside"]]) {
      if (existsSync(path.join(c.dir, from!))) await copyCase(path.join(c.dir, from!), path.join(sandbox.dir, to!));
    }
    for (const [link, target] of Object.entries(c.expected.links ?? {})) await symlink(target, path.join(sandbox.project, link));
    for (const fifo of c.expected.fifos ?? []) assert.equal(spawnSync("mkfifo", [path.join(sandbox.project, fifo)]).status, 0, `mkfifo ${fifo}`);
    for (const [file, g] of Object.entries(c.expected.generate ?? {})) await writeFile(path.join(sandbox.project, file), generated(g));
  }
}

/**
 * Copies a case's folder into the sandbox, merging it with the folders already there; a file
 * already there is a second case bringing the same file. (fs.cp's `errorOnExist` said that on
 * Node 20, but on Node 22 and 24 it refuses an existing folder as well: nodejs/node#60946.)
 */
async function copyCase(from: string, to: string): Promise<void> {
  const exists = (file: string) => lstat(file).then(() => true, () => false);
  await cp(from, to, {
    recursive: true,
    filter: async (source, target) => {
      if ((await lstat(source)).isDirectory() || !(await exists(target))) return true;
      throw new Error(`two cases bring ${target}`);
    },
  });
}

function generated(g: Generated): string {
  const parts = [g.head];
  let size = g.head.length + g.tail.length;
  for (let n = 1; size < g.bytes; n++) {
    const next = n % g.headingEvery === 0 ? g.paragraph + g.heading : g.paragraph;
    parts.push(next);
    size += next.length;
  }
  return parts.join("") + g.tail;
}

/** A site from an earlier build, for failing builds to leave exactly as it was. */
async function seedPreviousSite(out: string): Promise<void> {
  await mkdir(path.join(out, "articles", "kept"), { recursive: true });
  await writeFile(path.join(out, "index.html"), "<!doctype html><title>The last good site</title>\n");
  await writeFile(path.join(out, "articles", "kept", "index.html"), "<!doctype html><title>A kept article</title>\n");
}

async function absoluteMarkers(): Promise<string[]> {
  return (await readdir("/tmp")).filter((n) => ABSOLUTE_MARKER.test(n));
}

async function build(label: string, cases: readonly Case[]): Promise<Run> {
  const sandbox = await makeSandbox(label);
  await setUp(sandbox, cases);
  if (cases[0]!.expected.exit === 1) await seedPreviousSite(sandbox.out);
  const before = await snapshot(sandbox.dir);
  const articleFiles = [...before.keys()]
    .filter((rel) => rel.startsWith(`project${path.sep}articles${path.sep}`) && before.get(rel) !== "dir")
    .map((rel) => rel.slice("project/".length).split(path.sep).join("/"));
  const started = performance.now();
  // --verbose: every warning in full, so each is compared with the cases' expectations.
  const result = await runBuild(sandbox.project, { out: sandbox.out, args: ["--verbose"] });
  const seconds = (performance.now() - started) / 1000;
  const { problems, withoutFix } = printedProblems(result.stderr);
  return { sandbox, result, problems, withoutFix, before, after: await snapshot(sandbox.dir), articleFiles, seconds };
}

// ------------------------------------------------------------------------------------ checking

const key = (kind: string, p: ExpectedProblem) => JSON.stringify([kind, p.file, p.line ?? null, p.field, p.message]);
const expectedKeys = (cases: readonly Case[]) =>
  cases.flatMap((c) => [...(c.expected.errors ?? []).map((p) => key("error", p)), ...(c.expected.warnings ?? []).map((p) => key("warning", p))]).sort();

/** What a reader sees in one element of a page; `title` without the site title after it. */
function shownText(page: string, where: Extract<Show, { in: string }>["in"]): string | undefined {
  switch (where) {
    case "h1":
      return mapText(innerOf(page, "h1"));
    case "title": {
      const text = mapText(innerOf(page, "title"));
      return text?.endsWith(` · ${SITE_TITLE}`) ? text.slice(0, -` · ${SITE_TITLE}`.length) : text;
    }
    case "source": {
      const [, , inner] = /<([a-z]+) class="source"[^>]*>([\s\S]*?)<\/\1>/.exec(page) ?? [];
      return mapText(inner);
    }
    case "p.byline":
      return mapText(innerOf(page, "p", ' class="byline"'));
    case "meta[name=description]": {
      const content = /<meta name="description" content="([^"]*)">/.exec(page)?.[1];
      return content === undefined ? undefined : decodeEntities(content);
    }
  }
}

const mapText = (markup: string | undefined) => (markup === undefined ? undefined : textOf(markup));

async function checkCase(c: Case, run: Run): Promise<void> {
  const e = c.expected;
  const printed = new Set(run.problems.map((p) => key(p.kind, p)));
  for (const p of e.errors ?? []) assert.ok(printed.has(key("error", p)), `not printed: error ${JSON.stringify(p)}\n--- stderr:\n${run.result.stderr}`);
  for (const p of e.warnings ?? []) assert.ok(printed.has(key("warning", p)), `not printed: warning ${JSON.stringify(p)}\n--- stderr:\n${run.result.stderr}`);

  if (e.exit === 1) {
    // Every file the case brings is named: nothing it holds slips through unreported.
    const named = new Set([...(e.errors ?? []), ...(e.warnings ?? [])].map((p) => p.file));
    for (const file of await caseArticleFiles(c)) assert.ok(named.has(file), `${file} is not named in an error or warning`);
  }
  const out = run.sandbox.out;
  for (const [file, sitePath] of Object.entries(e.pages ?? {})) {
    assert.ok(existsSync(path.join(out, fileFor(sitePath))), `${file} has no page at ${sitePath}`);
  }
  for (const show of e.shows ?? []) {
    const page = await readPage(out, show.page);
    if ("in" in show) assert.equal(shownText(page, show.in), show.text, `${show.page} ${show.in}`);
    else if ("link" in show) {
      const links = anchorsIn(page).filter((a) => a.href === show.link);
      assert.ok(links.some((a) => a.text === show.text), `${show.page}: no link to ${show.link} reading ${JSON.stringify(show.text)}; found ${JSON.stringify(links.map((a) => a.text))}`);
    } else assert.deepEqual(listedArticles(page), show.articles, `${show.page} lists`);
  }
  for (const { page, has } of e.html ?? []) assert.ok((await readPage(out, page)).includes(has), `${page} lacks ${JSON.stringify(has)}`);
  for (const sitePath of e.missing ?? []) assert.ok(!existsSync(path.join(out, fileFor(sitePath))), `${sitePath} exists`);
  if ((e.nowhere ?? []).length > 0 && existsSync(out)) {
    for (const { file, text } of await markupFiles(out)) {
      for (const s of e.nowhere!) assert.ok(!text.includes(s), `${file} holds ${JSON.stringify(s)}`);
    }
  }
  if (e.payload === true) await assertPayloadIsLive(c);
}

/** The case's own article files, as the CLI names them. */
async function caseArticleFiles(c: Case): Promise<string[]> {
  const inFolder = existsSync(path.join(c.dir, "articles")) ? (await listFiles(path.join(c.dir, "articles"))).map((f) => `articles/${f}`) : [];
  return [...inFolder, ...Object.keys(c.expected.links ?? {}), ...(c.expected.fifos ?? []), ...Object.keys(c.expected.generate ?? {})];
}

/**
 * The control for "no code ran": gray-matter with its default engines, in a scratch folder, runs
 * each payload, which writes its markers and says so. Without this, a payload with a typo would
 * pass the real test for the wrong reason.
 */
async function assertPayloadIsLive(c: Case): Promise<void> {
  const scratch = await tempDir("payload-control");
  for (const file of await caseArticleFiles(c)) {
    const text = (await readFile(path.join(c.dir, file), "utf8")).replaceAll("/tmp/news-archive-hostile-PWNED-", `${scratch}/absolute-PWNED-`);
    if (!/^\uFEFF?---\s*(js|javascript)\b/i.test(text)) continue;
    await writeFile(path.join(scratch, "article.md"), text);
    const script = `require(${JSON.stringify(path.join(REPO, "node_modules", "gray-matter"))})(require("fs").readFileSync("article.md", "utf8"))`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: scratch });
    assert.match(stdout, /PWNED/, `${file}: the control did not run the payload`);
    const markers = (await readdir(scratch)).filter((n) => n.includes("PWNED"));
    assert.equal(markers.length, 2, `${file}: the control wrote ${JSON.stringify(markers)}`);
    for (const m of markers) await rm(path.join(scratch, m));
  }
}

/** The checks every build gets, whatever its cases. */
function buildChecks(cases: readonly Case[], getRun: () => Run): void {
  const exit = cases[0]!.expected.exit;
  const todo = cases.find((c) => c.expected.knownBug !== undefined)?.expected.knownBug;

  test(`exits ${exit}, with no crash and no sign that article code ran`, { todo }, () => {
    const { result } = getRun();
    assert.equal(result.code, exit, `exit code\n--- stderr:\n${result.stderr}\n--- stdout:\n${result.stdout}`);
    assert.deepEqual(crashSigns(result.stdout + result.stderr), [], "the output shows a crash");
    assert.doesNotMatch(result.stdout + result.stderr, /PWNED/);
    if (exit === 1) {
      assert.doesNotMatch(result.stdout, /Built/);
      assert.match(result.stderr, new RegExp(`\\d+ problems? in \\d+ articles?\\. Nothing was built; ${getRun().sandbox.out}/ is as it was\\.`));
    } else assert.match(result.stdout, /^Built \d+ articles? into \d+ pages/m);
  });

  test("prints exactly the cases' errors and warnings, each with its fix", { todo }, () => {
    const run = getRun();
    assert.deepEqual(run.problems.map((p) => key(p.kind, p)).sort(), expectedKeys(cases));
    assert.deepEqual(run.withoutFix, []);
  });

  test(exit === 0 ? "writes nothing outside its output folder" : "writes nothing at all: the previous site is byte-identical", { todo }, async () => {
    const run = getRun();
    const allowed = exit === 0 ? buildMayWrite : (rel: string) => rel.split(path.sep)[1] === ".cache";
    assert.deepEqual(changes(run.before, run.after, allowed), []);
    assert.deepEqual(await absoluteMarkers(), [], "a payload wrote into /tmp");
  });

  if (exit === 0) {
    test("no page or feed holds a script, handler, embed, style or script URL; feeds parse", { todo }, async () => {
      assert.deepEqual(await siteViolations(getRun().sandbox.out), []);
    });

    test("no character was mangled into U+FFFD", { todo }, async () => {
      for (const { file, text } of await markupFiles(getRun().sandbox.out)) assert.ok(!text.includes("\uFFFD"), `${file} holds U+FFFD`);
    });

    test("nothing is dropped silently: every article file has its page or is named in a warning", { todo }, async () => {
      const run = getRun();
      const pages = Object.assign({}, ...cases.map((c) => c.expected.pages ?? {})) as Record<string, string>;
      const named = new Set(run.problems.map((p) => p.file));
      for (const file of run.articleFiles) assert.ok(file in pages || named.has(file), `${file}: no page and no warning`);
      const builtArticles = (await readdir(path.join(run.sandbox.out, "articles"))).sort();
      assert.deepEqual(builtArticles, Object.values(pages).map((p) => p.split("/")[2]!).sort(), "article pages built");
    });
  }
}

function suite(label: string, cases: readonly Case[]): void {
  describe(label, () => {
    let run: Run | undefined;
    before(async () => {
      run = await build(label, cases);
    });
    const getRun = () => {
      assert.ok(run !== undefined, "the build did not run");
      return run;
    };
    test(`builds ${cases.length} case${cases.length === 1 ? "" : "s"} with the real CLI`, (t) => {
      t.diagnostic(`${getRun().seconds.toFixed(1)} s`);
    });
    buildChecks(cases, getRun);
    for (const c of cases) test(`${c.name}: ${c.expected.about}`, { todo: c.expected.knownBug }, () => checkCase(c, getRun()));
  });
}

// ------------------------------------------------------------------------------------ the suites

/** What issue 5 part 5 asks the catalogue to hold, each item → the cases that cover it. */
const REQUIRED: Record<string, string[]> = {
  "malformed YAML: unclosed quote, tabs, duplicate keys": ["yaml-unclosed-quote", "yaml-tab-indent", "yaml-duplicate-keys"],
  "YAML built to exhaust: deep nesting, aliases of aliases": ["yaml-deep-nesting", "yaml-billion-laughs"],
  "---js / ---javascript, proven not to run": ["front-matter-js", "front-matter-javascript"],
  "YAML tags !!js/function, !!js/regexp, !!python/object": ["yaml-tag-js-function", "yaml-tag-js-regexp", "yaml-tag-python-object"],
  "missing or empty title": ["title-missing", "title-empty"],
  "dates valid and invalid, numbers, a title read as a date": ["dates-valid", "date-impossible", "date-unpadded", "date-words", "date-numbers", "title-reads-as-date"],
  "duplicate slugs": ["duplicate-slugs"],
  "slugs and tags with ../, /, %2e%2e, NUL": ["slug-traversal", "tags-path-characters", "nul-in-slug-and-tag"],
  "very long title, tag, slug": ["long-title", "long-tag", "long-slug", "long-file-name"],
  "unicode: RTL, combining marks, emoji, zero-width": ["unicode-rtl-title", "unicode-combining-marks", "unicode-emoji-tags", "unicode-emoji-only-tag", "unicode-zero-width", "unicode-zero-width-slug"],
  "tags differing only in case": ["tags-case-only"],
  "script/style/iframe/on*=/javascript:/data: in the body": ["body-script-style-iframe", "body-event-handlers", "body-script-links"],
  "... and in every front-matter field": ["fm-title-markup", "fm-source-markup", "fm-author-markup", "fm-tags-markup", "fm-summary-markup", "fm-url-attribute-break", "fm-url-script-schemes", "fm-lang-attribute", "fm-slug-markup"],
  "BOM, CRLF, empty file, binary file, 5 MB article": ["bom", "crlf", "empty-file", "binary-file", "big-article"],
  "not markdown, symlinks out and in, a subfolder": ["not-markdown", "symlink-outside", "symlink-inside", "subfolder", "not-a-file"],
  "no front-matter, no closing ---": ["no-front-matter", "unclosed-front-matter"],
};

test("the catalogue holds at least 40 cases, covering everything issue 5 lists", async () => {
  assert.ok(CASES.length >= 40, `${CASES.length} cases`);
  const names = new Set(CASES.map((c) => c.name));
  for (const [item, cases] of Object.entries(REQUIRED)) for (const c of cases) assert.ok(names.has(c), `${item}: no case ${c}`);
  for (const c of CASES) {
    assert.ok(["shared", "alone"].includes(c.expected.build) && [0, 1].includes(c.expected.exit), `${c.name}: build and exit`);
    assert.ok((c.expected.exit === 1) === (c.expected.errors ?? []).length > 0, `${c.name}: a failing case names its errors, a passing one has none`);
    const extra = (await readdir(c.dir)).filter((n) => !["expected.json", "articles", "outside", "project"].includes(n));
    assert.deepEqual(extra, [], `${c.name}: unexpected files`);
  }
});

describe("hostile input, each case through the real build", { concurrency: 2 }, () => {
  suite("shared build of the cases that succeed", CASES.filter((c) => c.expected.build === "shared" && c.expected.exit === 0));
  suite("shared build of the cases that are refused", CASES.filter((c) => c.expected.build === "shared" && c.expected.exit === 1));
  for (const c of CASES.filter((c) => c.expected.build === "alone")) suite(`${c.name} alone`, [c]);
});
