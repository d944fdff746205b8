// The caches (rendered bodies, unchanged pages reused from the last site, search shards) may only
// ever save time: after every kind of change a warm build must equal a cold build of the same
// project, byte for byte. Each step changes the warm project, builds it, and compares it with a
// fresh copy built with no cache and no previous site; the warm build says why it made pages again
// (build --explain).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { appendFile, cp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, REPO, removeTempDirs, tempDir } from "../helpers/project.ts";
import { hashTree, readPage } from "../helpers/site.ts";

after(removeTempDirs);

/** The pages of the fixture that are not one per item (home, archive, tags, sources, authors, search, 404). */
const EVERY_BUILD = 7;

/** The reasons `build --explain` gives, one per line, under "Made again:". */
function madeAgain(stdout: string): string[] {
  return [...stdout.matchAll(/^ {2}(\d.*)$/gm)].map((m) => m[1]!);
}

describe("a warm build always equals a cold build", { concurrency: false }, () => {
  let warm: string;

  before(async () => {
    warm = await projectFrom("warm", path.join(FIXTURES, "sites", "pages"));
    await buildOk(warm);
  });

  async function assertSameAsCold(step: string): Promise<{ stdout: string; stderr: string }> {
    const result = await buildOk(warm, { args: ["--explain"] });
    const cold = await tempDir("cold");
    for (const folder of ["articles", "templates", "src", "package.json"]) {
      await cp(path.join(warm, folder), path.join(cold, folder), { recursive: true }).catch(() => {});
    }
    await symlink(path.join(REPO, "node_modules"), path.join(cold, "node_modules")).catch(() => {});
    await buildOk(cold);
    assert.deepEqual(await hashTree(path.join(warm, "_site")), await hashTree(path.join(cold, "_site")), `after ${step}`);
    return result;
  }

  test("nothing changed", async () => {
    const { stdout } = await assertSameAsCold("nothing changed");
    assert.deepEqual(madeAgain(stdout), [`${EVERY_BUILD} pages: made on every build (the home page, the indexes, search, 404)`]);
  });

  test("a page and a feed deleted from the site by hand are made again", async () => {
    await rm(path.join(warm, "_site", "articles", "mid-october", "index.html"));
    await rm(path.join(warm, "_site", "tags", "syria", "feed.xml"));
    const { stdout } = await assertSameAsCold("files deleted from the site");
    assert.deepEqual(madeAgain(stdout).slice(0, -1), ["1 page and 1 feed: gone from the last site"]);
  });

  test("one article's body edited", async () => {
    await appendFile(path.join(warm, "articles", "mid-october.md"), "\nA correction was added later.\n");
    const { stdout } = await assertSameAsCold("an edit");
    assert.match(stdout, /^ {2}\d+ pages? and \d+ feeds?: 1 article edited \(articles\/mid-october\.md\)$/m);
    assert.match(await readPage(path.join(warm, "_site"), "/articles/mid-october/"), /A correction was added later\./);
  });

  test("one article's title edited: its neighbours, lists and feeds change with it", async () => {
    const file = path.join(warm, "articles", "october-overview.md");
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "A renamed overview"'));
    await assertSameAsCold("a title edit");
  });

  test("an article added", async () => {
    await writeFile(
      path.join(warm, "articles", "2019-10-20-added.md"),
      '---\ntitle: "An added article"\ntags: [Syria]\n---\nAdded in the middle of October.\n',
    );
    const { stdout } = await assertSameAsCold("an addition");
    assert.match(stdout, /^ {2}\d+ pages and \d+ feeds: 1 article added \(articles\/2019-10-20-added\.md\)$/m);
    assert.match(await readPage(path.join(warm, "_site"), "/archive/2019/10/"), /An added article|page\/2/);
  });

  test("an article renamed", async () => {
    await rename(path.join(warm, "articles", "2019-10-20-added.md"), path.join(warm, "articles", "2019-10-20-renamed.md"));
    const { stdout } = await assertSameAsCold("a rename");
    assert.match(stdout, /: 2 articles changed: 1 added \(articles\/2019-10-20-renamed\.md\), 1 removed \(articles\/2019-10-20-added\.md\)$/m);
    await assert.rejects(readPage(path.join(warm, "_site"), "/articles/added/"));
  });

  test("an article deleted", async () => {
    await rm(path.join(warm, "articles", "2019-10-20-renamed.md"));
    const { stdout } = await assertSameAsCold("a deletion");
    assert.match(stdout, /: 1 article removed \(articles\/2019-10-20-renamed\.md\)$/m);
  });

  test("a body link follows the article it reaches: to its new address, and left as written with a warning once it is gone", async () => {
    const site = path.join(warm, "_site");
    const target = path.join(warm, "articles", "year-in-review.md");
    const original = await readFile(target, "utf8");
    await writeFile(path.join(warm, "articles", "2019-10-21-linking.md"), '---\ntitle: "A linking article"\ntags: [Links]\n---\nSee [the review](year-in-review.md).\n');
    await assertSameAsCold("an article linking to another");
    assert.match(await readPage(site, "/articles/linking/"), /<a href="\/articles\/year-in-review\/">the review<\/a>/);
    // Only the linked article changes: the linking one's own markdown, render and neighbours stay.
    await writeFile(target, original.replace(/^title: /m, 'slug: "review-of-2019"\ntitle: '));
    await assertSameAsCold("the linked article's address changed");
    assert.match(await readPage(site, "/articles/linking/"), /<a href="\/articles\/review-of-2019\/">the review<\/a>/);
    await rm(target);
    const gone = await assertSameAsCold("the linked article deleted");
    assert.match(await readPage(site, "/articles/linking/"), /<a href="year-in-review\.md">the review<\/a>/);
    assert.match(gone.stderr, /warning: articles\/2019-10-21-linking\.md:5: body: the link to "year-in-review\.md" is not an article of this archive/);
    await writeFile(target, original);
    await rm(path.join(warm, "articles", "2019-10-21-linking.md"));
    await assertSameAsCold("both back as they were");
  });

  test("a tag's only article: its feed follows an edit of the body alone, and goes with it; so do its sitemap entries", async () => {
    const file = path.join(warm, "articles", "2019-11-02-ceasefire.md");
    const site = path.join(warm, "_site");
    const feed = path.join(site, "tags", "ceasefire", "feed.xml");
    // The edit keeps the first paragraph (the summary) and the word count: only the body differs.
    const article = (day: string) => `---\ntitle: "A ceasefire"\ntags: [Ceasefire]\n---\nA ceasefire was agreed.\n\nIt held until ${day}.\n`;
    await writeFile(file, article("Monday"));
    await assertSameAsCold("an article with a tag of its own");
    assert.match(await readFile(feed, "utf8"), /held until Monday/);
    await writeFile(file, article("Friday"));
    await assertSameAsCold("an edit of its body alone");
    assert.match(await readFile(feed, "utf8"), /held until Friday/);
    assert.match(await readFile(path.join(site, "feed.json"), "utf8"), /held until Friday/);
    assert.match(await readPage(site, "/articles/ceasefire/"), /held until Friday/);
    await rm(file);
    await assertSameAsCold("its deletion");
    await assert.rejects(readFile(feed, "utf8"), "the feed of a tag with no articles left lingers");
    assert.doesNotMatch(await readFile(path.join(site, "sitemap.xml"), "utf8"), /ceasefire|archive\/2019\/11\//);
  });

  test("site settings changed", async () => {
    const file = path.join(warm, "templates", "_data", "site.json");
    const site = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...site, title: "A retitled archive", pageSize: 3 }));
    const { stdout } = await assertSameAsCold("a settings change");
    assert.match(stdout, /^ {2}\d+ pages and \d+ feeds: the site's settings changed \(pageSize, title\)$/m);
    assert.equal(madeAgain(stdout).length, 2, "a settings change makes every page again, for that reason alone");
    assert.match(await readPage(path.join(warm, "_site"), "/articles/mid-october/"), /A retitled archive/);
  });

  test("a template changed", async () => {
    // The project gets its own templates, as in a clone of this repository (beside src/ and
    // node_modules/, which they import), then one of them changes.
    const templates = path.join(warm, "templates");
    await cp(path.join(REPO, "templates"), templates, { recursive: true, filter: (src) => !src.endsWith("site.json") });
    await cp(path.join(REPO, "src"), path.join(warm, "src"), { recursive: true });
    await cp(path.join(REPO, "package.json"), path.join(warm, "package.json"));
    await symlink(path.join(REPO, "node_modules"), path.join(warm, "node_modules"));
    const parts = path.join(templates, "_lib", "parts.ts");
    await writeFile(parts, (await readFile(parts, "utf8")).replace('"← Newer"', '"← More recent"').replace("← Newer", "← More recent"));
    const { stdout } = await assertSameAsCold("a template change");
    assert.match(stdout, /^ {2}\d+ pages and \d+ feeds: .*templates\/_lib\/parts\.ts.* changed$/m);
    assert.match(await readPage(path.join(warm, "_site"), "/tags/syria/page/2/"), /More recent/);
  });
});
