// Old addresses keep working, in real builds: a page at each old address (valid, leading to the new
// page, never in the sitemap), _redirects and the nginx map exactly as expected, and the list of
// published addresses, which warns when a rebuild drops one. The former scheme is tried on the
// five real articles under a path prefix; front-matter's own old addresses (aliases,
// redirect_from, redirect stubs) on the fixture tests/fixtures/sites/redirects, beside its exact
// expected files.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { buildOk, FIXTURES, projectFrom, realArticlesProject, removeTempDirs, REPO, runBuild } from "../helpers/project.ts";
import { hashTree, listFiles, readPage } from "../helpers/site.ts";

after(removeTempDirs);

const validator = new HtmlValidate({
  extends: ["html-validate:recommended", "html-validate:a11y", "html-validate:document"],
  rules: { "require-sri": ["error", { target: "crossorigin" }] },
});

/** The old address and target of each `_redirects` line. */
function rules(text: string): { from: string; to: string }[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [from, to, status] = line.split(" ");
      assert.equal(status, "301", line);
      return { from: decodeURIComponent(from!), to: to! };
    });
}

/**
 * Checks the page at each old address the way a browser and a validator would: it is there, it is
 * valid, its refresh and its link both lead to `to`, and an address on this site is a page of it.
 */
async function checkRedirectPages(out: string, prefix: string, redirects: { from: string; to: string }[]): Promise<void> {
  const files = new Set(await listFiles(out));
  for (const { from, to } of redirects) {
    const relative = from.slice(prefix.length);
    const file = /\.html$/.test(relative) ? relative : `${relative.replace(/\/?$/, "/")}index.html`;
    assert.ok(files.has(file), `no page at the old address ${from} (${file})`);
    const page = await readFile(path.join(out, file), "utf8");
    const report = await validator.validateString(page, file);
    assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${file}: ${m.ruleId}: ${m.message}`)), []);
    assert.equal(/<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(page)?.[1]?.replace(/&amp;/g, "&"), to, `${file}: refresh`);
    assert.equal(/<a href="([^"]*)">/.exec(page)?.[1]?.replace(/&amp;/g, "&"), to, `${file}: link`);
    assert.match(page, /<meta name="robots" content="noindex">/);
    if (to.startsWith(prefix)) assert.ok(files.has(`${decodeURI(to).slice(prefix.length)}index.html`), `${from} leads to ${to}, which was not built`);
  }
}

/** The sitemap's paths, without origin. */
async function sitemapPaths(out: string): Promise<string[]> {
  const sitemap = await readFile(path.join(out, "sitemap.xml"), "utf8");
  return [...sitemap.matchAll(/<loc>https:\/\/[^/<]+(\/[^<]*)<\/loc>/g)].map((m) => decodeURI(m[1]!));
}

/** Warnings per kind, from the build's grouped report. */
function warningCounts(output: string): Record<string, number> {
  return Object.fromEntries([...output.matchAll(/^warnings: .* \(([a-z-]+)\): (\d+) warnings? in /gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe("old addresses under the former scheme (the five real articles, under /news/)", () => {
  let root: string;
  let out: string;
  before(async () => {
    root = await realArticlesProject("redirects-scheme");
    const site = JSON.parse(await readFile(path.join(REPO, "templates", "_data", "site.json"), "utf8")) as Record<string, unknown>;
    await mkdir(path.join(root, "templates", "_data"), { recursive: true });
    await writeFile(path.join(root, "templates", "_data", "site.json"), JSON.stringify({ ...site, formerUrls: "/:year/:month/:day/:title.html" }));
    ({ out } = await buildOk(root, { args: ["--path-prefix", "/news/"] }));
  });

  test("_redirects and the nginx map name each dated article's old address, under the prefix", async () => {
    const expected = [
      ["/news/2020/01/08/us-withdraws-from-syria-bases-towards-iraq.html", "/news/articles/us-withdraws-from-syria-bases-towards-iraq/"],
      ["/news/2023/10/30/hadi-al-amiri-us-troops-need-to-leave-iraq.html", "/news/articles/hadi-al-amiri-us-troops-need-to-leave-iraq/"],
      ["/news/2024/01/26/lavrentyev-us-withdrawal-from-iraq-then-syria.html", "/news/articles/lavrentyev-us-withdrawal-from-iraq-then-syria/"],
    ];
    assert.deepEqual(rules(await readFile(path.join(out, "_redirects"), "utf8")), expected.map(([from, to]) => ({ from, to })));
    const map = await readFile(path.join(out, "nginx-redirects.conf"), "utf8");
    for (const [from, to] of expected) assert.ok(map.includes(`    "${from}" "${to}";\n`), `${from} is not in the nginx map`);
  });

  test("a valid page at each old address leads to the article; the sitemap lists none of them", async () => {
    const redirects = rules(await readFile(path.join(out, "_redirects"), "utf8"));
    await checkRedirectPages(out, "/news/", redirects);
    const sitemap = await sitemapPaths(out);
    assert.ok(sitemap.includes("/news/articles/us-withdraws-from-syria-bases-towards-iraq/"));
    for (const { from } of redirects) assert.ok(!sitemap.includes(from), `${from} is in the sitemap`);
  });

  test("published-urls.txt holds every lasting address and the old ones, without the prefix; a rebuild changes nothing", async () => {
    const published = await readFile(path.join(root, "published-urls.txt"), "utf8");
    for (const url of ["/", "/articles/us-withdraws-from-syria-bases-towards-iraq/", "/tags/syria/", "/tags/syria/feed.xml", "/archive/2020/01/", "/feed.json", "/2020/01/08/us-withdraws-from-syria-bases-towards-iraq.html"]) {
      assert.ok(published.split("\n").includes(url), `${url} is not in published-urls.txt`);
    }
    assert.ok(!published.includes("/news/"), "the path prefix is a deploy setting, not part of an address");
    const before = await hashTree(out);
    const again = await buildOk(root, { args: ["--path-prefix", "/news/"] });
    assert.deepEqual(warningCounts(again.stderr), {});
    assert.equal(await readFile(path.join(root, "published-urls.txt"), "utf8"), published);
    assert.deepEqual(await hashTree(out), before, "a rebuild with nothing changed is byte-identical, redirects included");
  });

  test("an article deleted: each address it had is url-dropped (an error with --strict) until its line is deleted", async () => {
    const project = await projectFrom("redirects-dropped", root);
    await rm(path.join(project, "_site"), { recursive: true, force: true });
    await buildOk(project);
    await rm(path.join(project, "articles", "us-withdraws-from-syria-bases-towards-iraq.md"));

    const strict = await runBuild(project, { args: ["--strict", "--verbose"] });
    assert.equal(strict.code, 1, "--strict refuses a build that drops a published address");
    assert.match(strict.stderr, /published-urls\.txt:\d+: url: "\/articles\/us-withdraws-from-syria-bases-towards-iraq\/" was published, but this build has no page there and no redirect from it/);
    assert.match(strict.stderr, /"\/2020\/01\/08\/us-withdraws-from-syria-bases-towards-iraq\.html" was published/);

    // Built, with a warning for each address that went with it: the article, its old address, and
    // the pages of its month, year, author and source, which it alone filled.
    const lenient = await buildOk(project, { args: ["--verbose"] });
    const dropped = new Set([...lenient.stderr.matchAll(/^warning: published-urls\.txt:\d+: url: "(\/[^"]*)" was published/gm)].map((m) => m[1]));
    assert.deepEqual([...dropped].sort(), ["/2020/01/08/us-withdraws-from-syria-bases-towards-iraq.html", "/archive/2020/", "/archive/2020/01/", "/articles/us-withdraws-from-syria-bases-towards-iraq/", "/authors/minh-tu/", "/sources/news-24h/", "/sources/news-24h/feed.xml"]);
    const listed = await readFile(path.join(project, "published-urls.txt"), "utf8");
    assert.ok(listed.includes("/articles/us-withdraws-from-syria-bases-towards-iraq/\n"), "a dropped address stays listed until its line is deleted");

    await writeFile(path.join(project, "published-urls.txt"), listed.split("\n").filter((line) => !dropped.has(line)).join("\n"));
    const clean = await buildOk(project);
    assert.deepEqual(warningCounts(clean.stderr), {});
  });
});

describe("old addresses from front-matter: aliases, redirect_from, redirect stubs (tests/fixtures/sites/redirects)", () => {
  const fixture = path.join(FIXTURES, "sites", "redirects");
  const expected = (name: string) => readFile(path.join(fixture, "expected", name), "utf8");
  let root: string;
  let out: string;
  let stderr: string;
  before(async () => {
    root = await projectFrom("redirects-front-matter", fixture);
    await rm(path.join(root, "expected"), { recursive: true });
    ({ out, stderr } = await buildOk(root, { args: ["--verbose"] }));
  });

  test("_redirects and the nginx map are exactly as expected", async () => {
    assert.equal(await readFile(path.join(out, "_redirects"), "utf8"), await expected("_redirects"));
    assert.equal(await readFile(path.join(out, "nginx-redirects.conf"), "utf8"), await expected("nginx-redirects.conf"));
  });

  test("a valid page at each old address leads on (a stub through another old address to the page); the sitemap lists none", async () => {
    const redirects = rules(await expected("_redirects"));
    await checkRedirectPages(out, "/", redirects);
    const sitemap = await sitemapPaths(out);
    for (const { from } of redirects) assert.ok(!sitemap.includes(from), `${from} is in the sitemap`);
    assert.ok(!(await listFiles(out)).some((f) => /moved-away|elsewhere/.test(f) && f.startsWith("articles/")), "a stub is not an article");
  });

  test("an alias that is a page of the site keeps the page, with a warning naming it", () => {
    assert.match(stderr, /warning: articles\/2020-01-08-second-phase\.md: aliases: the old address "\/tags\/" is a page of this site/);
    assert.equal((stderr.match(/^warning: /gm) ?? []).length, 1, stderr);
  });

  test("published-urls.txt is exactly as expected", async () => {
    assert.equal(await readFile(path.join(root, "published-urls.txt"), "utf8"), await expected("published-urls.txt"));
  });
  test("a body link to an old address leads to the article's new page", async () => {
    assert.match(await readPage(out, "/articles/second-phase/"), /<a href="\/articles\/withdrawal-begins\/">after the first convoys<\/a>/);
  });
});
