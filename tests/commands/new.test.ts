/**
 * `news-archive new "Title"` in a fresh project, as a user runs it: the file it writes, that the
 * archive's own loader reads it back exactly, that the build publishes it, and that it never
 * overwrites a file or takes another article's URL.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArticle } from "../../src/content/load.ts";
import { today } from "../../src/commands/new-article.ts";
import { readPage } from "../helpers/site.ts";
import { removeTempDirs, runCli, tempDir } from "../helpers/project.ts";

after(removeTempDirs);

async function load(root: string, file: string) {
  const loaded = parseArticle(file, await readFile(path.join(root, file)));
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems));
  return loaded.article;
}

describe("new", () => {
  test("writes articles/<date>-<slug>.md whose front-matter reads back exactly, and the build publishes it", async () => {
    const root = await tempDir("new-full");
    const title = 'Envoy: "talks will start" — #2 in a series: 100% [sic]';
    const result = await runCli(["new", title, "--date", "2024-02-01T09:30+03:00", "--tags", "Syria, Iraq ,US troop withdrawal", "--source", "Al Mayadeen: English", "--author", "Jane Roe"], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const file = "articles/2024-02-01-envoy-talks-will-start-2-in-a-series-100-sic.md";
    assert.match(result.stdout, new RegExp(`^Wrote ${file}$`, "m"));
    const article = await load(root, file);
    assert.equal(article.meta.title, title);
    assert.deepEqual(article.meta.date, { precision: "time", year: 2024, month: 2, day: 1, hour: 9, minute: 30, second: null, offset: "+03:00" });
    assert.deepEqual(article.meta.tags, ["Syria", "Iraq", "US troop withdrawal"]);
    assert.equal(article.meta.source, "Al Mayadeen: English");
    assert.deepEqual(article.meta.authors, ["Jane Roe"]);
    assert.equal(article.meta.draft, false);

    await writeFile(path.join(root, file), `${await readFile(path.join(root, file), "utf8")}\nThe envoy said the talks would start.\n`);
    const build = await runCli(["build", "--out", path.join(root, "_site")], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
    const page = await readPage(path.join(root, "_site"), "/articles/envoy-talks-will-start-2-in-a-series-100-sic/");
    assert.ok(page.includes("Envoy: &quot;talks will start&quot; — #2 in a series: 100% [sic]"), "the title, escaped, on its page");
    assert.ok(page.includes("The envoy said the talks would start."));
  });

  test("the file is named after the whole title, as Hugo and Jekyll name it, not cut mid-phrase", async () => {
    const root = await tempDir("new-long-title");
    const result = await runCli(["new", "Syrian and Russian Chiefs of Staff call for US military to leave", "--date", "2019"], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Wrote articles\/syrian-and-russian-chiefs-of-staff-call-for-us-military-to-leave\.md$/m);
  });

  test("a title too long for a URL is cut after a whole word, never one that leaves a phrase hanging", async () => {
    const root = await tempDir("new-too-long");
    const title = "Special envoy of the Russian President for the Syrian settlement Alexander Lavrentyev says that the withdrawal of the American troops from Iraq will be followed by their leave from Syria.";
    const result = await runCli(["new", title, "--date", "2024"], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    // 120 bytes would end "…the-withdrawal-of": the "of" goes too.
    const slug = "special-envoy-of-the-russian-president-for-the-syrian-settlement-alexander-lavrentyev-says-that-the-withdrawal";
    assert.match(result.stdout, new RegExp(`^Wrote articles/${slug}\\.md$`, "m"));
    assert.equal((await load(root, `articles/${slug}.md`)).meta.slug, slug);
  });

  test("defaults to today; a title that reads as a number or a date stays text", async () => {
    const root = await tempDir("new-today");
    const result = await runCli(["new", "2019"], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const file = `articles/${today()}-2019.md`;
    const article = await load(root, file);
    assert.equal(article.meta.title, "2019");
    assert.match(await readFile(path.join(root, file), "utf8"), /^title: "2019"$/m);
  });

  test("a date known to the month or year gives the file no date prefix; --draft marks it a draft", async () => {
    const root = await tempDir("new-month");
    const result = await runCli(["new", "Staged withdrawal", "--date", "2019-10", "--draft"], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const article = await load(root, "articles/staged-withdrawal.md");
    assert.deepEqual(article.meta.date, { precision: "month", year: 2019, month: 10 });
    assert.equal(article.meta.draft, true);
  });

  test("refuses to overwrite a file, or to give a second article the same URL", async () => {
    const root = await tempDir("new-refuse");
    await mkdir(path.join(root, "articles"));
    const mine = "---\ntitle: Mine\ndate: 2020-01-08\n---\n\nDo not touch.\n";
    await writeFile(path.join(root, "articles", "2020-01-08-troops-leave.md"), mine);

    const sameFile = await runCli(["new", "Troops leave", "--date", "2020-01-08"], { cwd: root });
    assert.equal(sameFile.code, 1);
    assert.match(sameFile.stderr, /articles\/2020-01-08-troops-leave\.md already has the URL \/articles\/troops-leave\//);
    assert.match(sameFile.stderr, /nothing was written/);

    const sameSlug = await runCli(["new", "Troops leave", "--date", "2021-05-05"], { cwd: root });
    assert.equal(sameSlug.code, 1, "another day, but the same /articles/troops-leave/");

    const other = await runCli(["new", "Troops leave", "--date", "2021-05-05", "--slug", "troops-leave-again"], { cwd: root });
    assert.equal(other.code, 0, other.stderr);
    assert.deepEqual((await readdir(path.join(root, "articles"))).sort(), ["2020-01-08-troops-leave.md", "2021-05-05-troops-leave-again.md"]);
    assert.equal(await readFile(path.join(root, "articles", "2020-01-08-troops-leave.md"), "utf8"), mine);
  });

  test("an impossible date, an unusable tag or no title writes nothing and says what to do", async () => {
    const root = await tempDir("new-bad");
    const badDate = await runCli(["new", "Leap", "--date", "2020-02-30"], { cwd: root });
    assert.equal(badDate.code, 1);
    assert.match(badDate.stderr, /date: "2020-02-30" is not a real date \(February 2020 has 29 days\)\n {4}fix: use --date/);
    const badTag = await runCli(["new", "Tagged", "--tags", "Iraq, ???"], { cwd: root });
    assert.equal(badTag.code, 1);
    assert.match(badTag.stderr, /tag "\?\?\?" cannot be used/);
    const noTitle = await runCli(["new"], { cwd: root });
    assert.equal(noTitle.code, 2);
    assert.match(noTitle.stderr, /give the article's title/);
    const unknown = await runCli(["new", "X", "--colour", "red"], { cwd: root });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /news-archive new: Unknown option '--colour'/);
    await assert.rejects(readdir(path.join(root, "articles")));
  });

  test("every command has --help", async () => {
    const root = await tempDir("help");
    for (const command of ["build", "serve", "new", "import", "check"]) {
      const result = await runCli([command, "--help"], { cwd: root });
      assert.equal(result.code, 0, command);
      assert.match(result.stdout, new RegExp(`^Usage: news-archive ${command}`), command);
    }
    const top = await runCli(["--help"], { cwd: root });
    for (const command of ["build", "serve", "new", "import", "check"]) assert.match(top.stdout, new RegExp(`^  ${command} `, "m"));
  });
});
