/**
 * src/site/published-urls.ts: the committed list of every address the site has published. A build adds
 * its new addresses; an address it no longer has, with no redirect from it, is a warning naming the
 * line to delete or the alias to add.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { droppedUrls, parsePublished, PUBLISHED_FILE, publishedBy, publishedText, readPublished, writePublished } from "../../src/site/published-urls.ts";
import { removeTempDirs, tempDir } from "../helpers/project.ts";

after(removeTempDirs);

const FILE = [
  "# Every address this site has published, one per line: news-archive build adds the new ones.",
  "# Commit this file. A build warns (url-dropped) when an address here has no page and no redirect.",
  "# Our own note: the 2019 move.",
  "/",
  "/articles/a/",
  "",
  "/articles/gone/",
  "/2019/10/01/a.html",
  "/tags/syria",
  "",
].join("\n");

describe("published-urls.txt", () => {
  test("read: addresses with their lines, comments and blank lines skipped", () => {
    assert.deepEqual(parsePublished(FILE), [
      { url: "/", line: 4 },
      { url: "/articles/a/", line: 5 },
      { url: "/articles/gone/", line: 7 },
      { url: "/2019/10/01/a.html", line: 8 },
      { url: "/tags/syria", line: 9 },
    ]);
  });

  test("what a build publishes: its lasting pages and every old address it redirects", () => {
    const current = publishedBy(["/", "/articles/a/", "/tags/syria/"], [{ from: "/2019/10/01/a.html", to: "/articles/a/", title: null, file: "articles/a.md" }]);
    assert.deepEqual(current, ["/", "/articles/a/", "/tags/syria/", "/2019/10/01/a.html"]);
  });

  test("an address with no page and no redirect is dropped: a warning with its line and both fixes", () => {
    const current = ["/", "/articles/a/", "/tags/syria/", "/2019/10/01/a.html"];
    assert.deepEqual(droppedUrls(parsePublished(FILE), current), [
      {
        kind: "url-dropped",
        file: PUBLISHED_FILE,
        field: "url",
        line: 7,
        message: '"/articles/gone/" was published, but this build has no page there and no redirect from it',
        fix: `add "/articles/gone/" to the aliases of the article that replaced it, or delete line 7 of ${PUBLISHED_FILE} if it is gone for good`,
      },
    ]);
  });

  test("new addresses are added in order; a dropped one stays until its line is deleted; the project's notes stay", () => {
    assert.equal(
      publishedText(FILE, ["/", "/articles/a/", "/articles/new/", "/tags/syria/"]),
      [FILE.split("\n").slice(0, 3).join("\n"), "/", "/2019/10/01/a.html", "/articles/a/", "/articles/gone/", "/articles/new/", "/tags/syria", ""].join("\n"),
    );
  });

  test("nothing new: nothing to write", () => {
    assert.equal(publishedText(FILE, ["/", "/articles/a/"]), null);
  });

  test("the first build writes every address", () => {
    assert.equal(publishedText("", ["/b/", "/a/"]), `${FILE.split("\n").slice(0, 2).join("\n")}\n/a/\n/b/\n`);
  });

  test("read and written at the project's root; a missing file is an empty list", async () => {
    const root = await tempDir("published");
    assert.equal(await readPublished(root), "");
    await writePublished(root, "/a/\n");
    assert.equal(await readFile(path.join(root, PUBLISHED_FILE), "utf8"), "/a/\n");
    await writeFile(path.join(root, PUBLISHED_FILE), FILE);
    assert.equal(await readPublished(root), FILE);
  });
});
