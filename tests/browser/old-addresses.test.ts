// An old address lands on the new page in a real browser, on a host with no redirect rules at all:
// the five real articles built with a former scheme under /news/, served by a plain static server
// from 127.0.0.1 and opened in Debian's Chromium. With JavaScript off too: the page at the old
// address needs none.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { chromiumMissing, launchChromium, openPage } from "../helpers/chromium.ts";
import { buildOk, realArticlesProject, removeTempDirs, REPO } from "../helpers/project.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const OLD = "/news/2020/01/08/us-withdraws-from-syria-bases-towards-iraq.html";
const NEW = "/news/articles/us-withdraws-from-syria-bases-towards-iraq/";

describe("an old address in a browser", { skip: chromiumMissing() }, () => {
  let browser: Browser;
  let server: StaticServer;

  before(async () => {
    const root = await realArticlesProject("old-addresses-browser");
    const site = JSON.parse(await readFile(path.join(REPO, "templates", "_data", "site.json"), "utf8")) as Record<string, unknown>;
    await mkdir(path.join(root, "templates", "_data"), { recursive: true });
    await writeFile(path.join(root, "templates", "_data", "site.json"), JSON.stringify({ ...site, formerUrls: "/:year/:month/:day/:title.html" }));
    const { out } = await buildOk(root, { args: ["--path-prefix", "/news/"] });
    server = await serveStatic(out, "/news/");
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await removeTempDirs();
  });

  for (const javaScript of [true, false]) {
    test(`lands on the article's page, JavaScript ${javaScript ? "on" : "off"}`, async () => {
      const { context, page, errors, failed, blocked } = await openPage(browser, { javaScriptEnabled: javaScript });
      try {
        await page.goto(`${server.origin}${OLD}`);
        await page.waitForURL(`${server.origin}${NEW}`);
        await page.waitForLoadState("load");
        assert.equal(await page.locator("h1").first().textContent(), "The United States quickly withdraws from Syria base, heading towards Iraq: What does Russia say?");
        assert.deepEqual({ errors, failed, blocked }, { errors: [], failed: [], blocked: [] });
      } finally {
        await context.close();
      }
    });
  }
});
