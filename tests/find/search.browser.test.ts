// Search in a real browser: the five real articles built under a path prefix, served from
// 127.0.0.1, driven in Chromium (playwright-core, the system's /usr/bin/chromium). Every request
// that is not to 127.0.0.1 is blocked, so the page can only use what the build wrote.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { chromiumMissing, downloads, launchChromium, openPage } from "../helpers/chromium.ts";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, projectFrom, realArticlesProject, removeTempDirs, tempDir } from "../helpers/project.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";
import { EDGE } from "./find-helpers.ts";

const PREFIX = "/news/";
const H = "hadi-al-amiri-us-troops-need-to-leave-iraq";
const L = "lavrentyev-us-withdrawal-from-iraq-then-syria";
const S = "syrian-and-russian-chiefs-call-for-us-to-leave";
const T = "us-troops-leaving-syria-cannot-stay-in-iraq";
const W = "us-withdraws-from-syria-bases-towards-iraq";

interface Result {
  slug: string;
  title: string;
  datetime: string;
  date: string;
  source: string | null;
}

let server: StaticServer;
/** The edge fixture, which has an article written wholly in Arabic (`lang: ar`). */
let edgeServer: StaticServer;
let browser: Browser;

/** Waits until the result count says what was asked (the status names the query and filters), then reads the results. */
async function resultsFor(page: Page, status: RegExp): Promise<Result[]> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector("[data-search-status]")?.textContent ?? ""),
    status.source,
    { timeout: 15_000 },
  );
  // The status is written before the batch of result data arrives.
  await page.waitForFunction(() => {
    const status = document.querySelector("[data-search-status]")?.textContent ?? "";
    const count = /^(\d+) articles?/.exec(status)?.[1];
    return count === undefined || document.querySelectorAll("[data-search-results] > li").length === Math.min(20, Number(count));
  });
  return page.$$eval("[data-search-results] > li", (items) =>
    items.map((li) => ({
      slug: /\/articles\/([^/]+)\/$/.exec(li.querySelector("h2 a")?.getAttribute("href") ?? "")?.[1] ?? `bad href ${li.querySelector("h2 a")?.getAttribute("href")}`,
      title: li.querySelector("h2 a")?.textContent ?? "",
      datetime: li.querySelector("time")?.getAttribute("datetime") ?? "",
      date: li.querySelector("time")?.textContent ?? "",
      source: li.querySelector(".meta span")?.textContent ?? null,
    })),
  );
}

describe("search at /search/ in Chromium", { skip: chromiumMissing() }, () => {
  before(async () => {
    const { out } = await buildOk(await realArticlesProject("search"), { args: ["--path-prefix", PREFIX] });
    server = await serveStatic(out, PREFIX);
    edgeServer = await serveStatic((await buildOk(await projectFrom("search-edge", EDGE))).out);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await edgeServer?.close();
    await removeTempDirs();
  });

  test("without JavaScript the page says search needs it and links to the tag and date indexes", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.origin}${PREFIX}search/`);
    const message = page.locator("[data-search-nojs]");
    assert.equal(await message.isVisible(), true);
    assert.match((await message.textContent()) ?? "", /needs JavaScript/);
    assert.deepEqual(await message.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))), [`${PREFIX}tags/`, `${PREFIX}archive/`]);
    assert.equal(await page.locator("[data-search]").isVisible(), false, "a form that cannot work is not shown");
  });

  test("a query, then a tag filter, gives the right articles newest first, each with title, date and source", async () => {
    const { page, errors, blocked } = await openPage(browser);
    await page.goto(`${server.origin}${PREFIX}search/`);
    await page.locator("[data-search]").waitFor({ state: "visible" });
    assert.equal(await page.locator("[data-search-nojs]").isVisible(), false, "with JavaScript the no-JavaScript message is gone");
    await page.locator("#search-q").fill("iraq");
    const all = await resultsFor(page, /^5 articles matching “iraq”/);
    assert.deepEqual(all.map((r) => r.slug), [L, H, W, T, S], "every article mentions Iraq; newest first, not by relevance");

    await page.locator("#search-tag").selectOption("Gaza");
    const gaza = await resultsFor(page, /^2 articles matching “iraq” tagged Gaza, newest first\.$/);
    assert.deepEqual(gaza, [
      {
        slug: L,
        title: "Special envoy of the Russian President for the Syrian settlement Alexander Lavrentyev says that the withdrawal of the American troops from Iraq will be followed by their leave from Syria.",
        datetime: "2024-01-26",
        date: "26 January 2024",
        source: null,
      },
      {
        slug: H,
        title: "Iraq's Hadi Al-Amiri: US Troops Need to Leave Iraq",
        datetime: "2023-10-30T20:08",
        date: "30 October 2023, 20:08",
        source: "Al Mayadeen English",
      },
    ]);
    assert.equal(new URL(page.url()).search, "?q=iraq&tag=Gaza", "the search can be bookmarked and shared");

    await page.locator("[data-search-results] li h2 a").first().click();
    await page.waitForURL(`**${PREFIX}articles/${L}/`);
    assert.equal(await page.locator("h1").textContent(), gaza[0]!.title);
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, []);
  });

  test("a year filter alone lists that year's articles; a bookmarked search runs on load", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.origin}${PREFIX}search/?year=2019`);
    const results = await resultsFor(page, /^2 articles from 2019, newest first\.$/);
    assert.equal(await page.locator("#search-year").inputValue(), "2019", "the form shows the bookmarked filter");
    assert.deepEqual(
      results.map((r) => [r.slug, r.date]),
      [
        [T, "October 2019"],
        [S, "2019"],
      ],
    );
  });

  test("a word from the Arabic text finds the article it is in", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.origin}${PREFIX}search/`);
    await page.locator("#search-q").fill("بغداد");
    const results = await resultsFor(page, /^1 article matching “بغداد”/);
    assert.deepEqual(results.map((r) => r.slug), [L]);
    const excerpt = (await page.locator("[data-search-results] li .summary").textContent()) ?? "";
    assert.match(excerpt, /بغداد تخطر موسكو/);
    assert.equal(await page.locator("[data-search-results] li .summary mark").first().textContent(), "بغداد");
  });

  test("an article written wholly in Arabic is found from the same search page, marked as Arabic", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${edgeServer.origin}/search/`);
    await page.locator("#search-q").fill("المياه");
    const results = await resultsFor(page, /^1 article matching “المياه”/);
    assert.deepEqual(results.map((r) => [r.slug, r.title]), [["arabic", "نقص المياه في المدينة"]]);
    assert.equal(await page.locator("[data-search-results] > li").getAttribute("lang"), "ar");
  });

  test("only titles and bodies are searched: navigation, bylines and sources are not", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.origin}${PREFIX}search/`);
    // Words that are on every article page, but only in the navigation, the byline ("By Minh Tu")
    // or the source ("News 24h"). (Pagefind forgives typos, so a probe must be unlike any word in the text.)
    for (const word of ["Latest", "Skip", "Minh", "24h"]) {
      await page.locator("#search-q").fill(word);
      assert.deepEqual(await resultsFor(page, new RegExp(`^No articles matching “${word}”`)), [], word);
    }
    await page.locator("#search-q").fill("Amiri");
    assert.deepEqual((await resultsFor(page, /^1 article matching “Amiri”/)).map((r) => r.slug), [H], "a word from a title and body is");
  });

  test("an archive of several shards: one search finds articles in every one of them", async () => {
    // 1,200 articles over three years: shards of at most 512 (src/search/records.ts), so three or more.
    const root = await tempDir("search-shards");
    await mkdir(path.join(root, "articles"));
    const years = [2021, 2022, 2023];
    for (let i = 0; i < 1200; i++) {
      const date = `${years[i % 3]}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      const word = i === 0 ? "Zephyrine" : i === 1199 ? "Quillonade" : `note${i}`;
      await writeFile(path.join(root, "articles", `a-${i}.md`), `---\ntitle: "Bulletin ${i}"\ndate: "${date}"\n---\n\nA bulletin about ${word}.\n`);
    }
    const { out } = await buildOk(root);
    const shards = await readdir(path.join(out, "pagefind"));
    assert.ok(shards.length >= 3, `${shards.join(", ")}: several shards`);
    const many = await serveStatic(out, "/");
    try {
      const { page } = await openPage(browser);
      await page.goto(`${many.origin}/search/`);
      await page.locator("#search-q").fill("bulletin");
      assert.equal((await resultsFor(page, /^1200 articles matching “bulletin”/)).length, 20, "every shard's articles are counted; the first 20 shown");
      for (const [word, slug] of [["Zephyrine", "a-0"], ["Quillonade", "a-1199"]] as const) {
        await page.locator("#search-q").fill(word);
        assert.deepEqual((await resultsFor(page, new RegExp(`^1 article matching “${word}”`))).map((r) => r.slug), [slug]);
      }
    } finally {
      await many.close();
    }
  });

  test("one search downloads a bounded amount (printed as a diagnostic)", async (t) => {
    const { page } = await openPage(browser);
    const sizes = downloads(page);
    await page.goto(`${server.origin}${PREFIX}search/`);
    await page.waitForLoadState("networkidle");
    const atLoad = sizes.length;
    await page.locator("#search-q").fill("iraq");
    await resultsFor(page, /^5 articles matching “iraq”/);
    await page.waitForLoadState("networkidle");
    const kb = (list: typeof sizes) => Math.round(list.reduce((sum, s) => sum + s.bytes, 0) / 102.4) / 10;
    const page0 = sizes.slice(0, atLoad);
    const search = sizes.slice(atLoad);
    const pagefind = sizes.filter((s) => s.url.includes("/pagefind/"));
    t.diagnostic(`page load: ${kb(page0)} KB (${page0.map((s) => s.url).join(", ")})`);
    t.diagnostic(`first search for "iraq": ${kb(search)} KB more (${search.map((s) => `${s.url} ${s.bytes}`).join(", ")})`);
    t.diagnostic(`Pagefind files in all: ${kb(pagefind)} KB`);
    assert.ok(pagefind.length > 0, "the search used the Pagefind index");
    assert.ok(kb(pagefind) < 400, `Pagefind downloads ${kb(pagefind)} KB for one search`);
    assert.ok(!sizes.some((s) => /pagefind-(component-|modular-)?ui|highlight/.test(s.url)), "none of Pagefind's stock UI is loaded");
  });
});
