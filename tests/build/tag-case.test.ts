/**
 * tests/fixtures/sites/tag-case: tags written Syria / syria / SYRIA (and Iraq / iraq) are one tag
 * each, not an error: one page, the combined count, shown in the spelling most articles use.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { anchorsIn, itemTexts, listedArticles, listFiles, mainOf, readPage } from "../helpers/site.ts";
import { demoSettingsNote } from "../../src/commands/demo-settings.ts";

after(removeTempDirs);

describe("tags that differ only in case", () => {
  let out: string;
  let stderr: string;
  let note: string | null;
  before(async () => {
    const root = await projectFrom("tag-case", path.join(FIXTURES, "sites", "tag-case"));
    const result = await buildOk(root);
    out = result.out;
    stderr = result.stderr;
    note = await demoSettingsNote(root);
  });

  test("build without an error or a warning (only the note that the site has the demo's settings)", () => {
    assert.equal(stderr, `${note}\n`);
  });

  test("become one tag page each", async () => {
    const tagPages = (await listFiles(out)).filter((f) => f.startsWith("tags/") && f.endsWith(".html"));
    assert.deepEqual(tagPages, ["tags/index.html", "tags/iraq/index.html", "tags/syria/index.html"]);
  });

  test("are counted together, and named as most articles spell them", async () => {
    assert.deepEqual(itemTexts(mainOf(await readPage(out, "/tags/"))), ["iraq 3 articles", "Syria 5 articles"]);
  });

  test("the tag page lists every article of every spelling", async () => {
    const page = await readPage(out, "/tags/syria/");
    assert.match(page, /<h1><span class="kicker">Tag<\/span> Syria<\/h1>/);
    assert.deepEqual(listedArticles(page), ["Fifth", "Fourth", "Third", "Second", "First"]);
  });

  test("every article links to the merged tag under its shown name, once", async () => {
    const expected: Record<string, string[]> = {
      first: ["Syria /tags/syria/", "iraq /tags/iraq/"],
      second: ["Syria /tags/syria/", "iraq /tags/iraq/"],
      third: ["Syria /tags/syria/", "iraq /tags/iraq/"],
      fourth: ["Syria /tags/syria/"],
      fifth: ["Syria /tags/syria/"],
    };
    for (const [slug, tags] of Object.entries(expected)) {
      const links = anchorsIn(await readPage(out, `/articles/${slug}/`)).filter((a) => a.attributes.rel === "tag");
      assert.deepEqual(links.map((a) => `${a.text} ${a.href}`), tags, slug);
    }
  });
});
