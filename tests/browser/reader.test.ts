// The details a reader sees (issue 16), measured in Debian's Chromium on the two sites the other
// browser tests build (tests/helpers/sites-under-test.ts): the article's byline and metadata line,
// the tag and source ledes, the pager's edges, the 404 page and the search excerpts.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { chromiumMissing, launchChromium, openPage, type OpenedPage } from "../helpers/chromium.ts";
import { removeTempDirs } from "../helpers/project.ts";
import { buildSitesUnderTest, pagesToVisit, type BuiltSite, type Visit } from "../helpers/sites-under-test.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";
import { LATEST_ON_404 } from "../../templates/404.11ty.ts";

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

interface Served {
  site: BuiltSite;
  server: StaticServer;
  visits: Visit[];
}

let browser: Browser;
let opened: OpenedPage;
const served = new Map<string, Served>();

/** Opens a site path (unprefixed) at a width, and checks it loaded cleanly. */
async function open(id: string, sitePath: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  const s = served.get(id)!;
  const { page } = opened;
  opened.errors.length = 0;
  opened.failed.length = 0;
  await page.setViewportSize(viewport);
  const response = await page.goto(`${s.server.origin}${s.site.prefix}${sitePath.slice(1)}`);
  assert.ok(response !== null && [200, 404].includes(response.status()), `${sitePath} answered ${response?.status()}`);
  return page;
}

function visitOf(id: string, kind: string): Visit {
  const visit = served.get(id)!.visits.find((v) => v.kind === kind);
  assert.ok(visit !== undefined, `site "${id}" has no page of kind ${kind}`);
  return visit;
}

/** The articles the home page lists, by unprefixed path (all five of the real site). */
async function articlePaths(id: string): Promise<string[]> {
  const s = served.get(id)!;
  const home = await open(id, "/");
  const hrefs = await home.locator(".article-list .article-item-title a").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return hrefs.map((h) => `/${h.slice(s.site.prefix.length)}`);
}

/** How many line boxes each element matching `selector` takes: 1 when it does not wrap. */
function lineBoxes(page: Page, selector: string): Promise<{ text: string; lines: number }[]> {
  return page.locator(selector).evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? "", lines: el.getClientRects().length })));
}

describe("the reader's details in Chromium", { skip: chromiumMissing() }, () => {
  before(async () => {
    const [sites] = await Promise.all([buildSitesUnderTest(), (async () => (browser = await launchChromium()))()]);
    for (const site of sites) served.set(site.id, { site, server: await serveStatic(site.out, site.prefix), visits: await pagesToVisit(site.out) });
    opened = await openPage(browser);
  });

  after(async () => {
    await browser?.close();
    for (const s of served.values()) await s.server.close();
    await removeTempDirs();
  });

  test("an article whose author is its source names it once, as the source; another author keeps the byline", async () => {
    const articles = await articlePaths("real");
    const bylines: [string, string | null, string | null][] = [];
    for (const article of articles) {
      const page = await open("real", article);
      const byline = (await page.locator(".article-header .byline").count()) === 0 ? null : await page.locator(".article-header .byline").innerText();
      const source = (await page.locator(".article-header .meta .source").count()) === 0 ? null : await page.locator(".article-header .meta .source").innerText();
      bylines.push([article, byline, source]);
    }
    const mayadeen = bylines.find(([, , source]) => source === "Al Mayadeen English");
    assert.ok(mayadeen !== undefined, "one of the five articles is from Al Mayadeen English (and signed by it)");
    assert.equal(mayadeen[1], null, `${mayadeen[0]}: the source's name is repeated as its author`);
    assert.ok(bylines.some(([, byline]) => byline === "By Minh Tu"), `the article by Minh Tu (News 24h) still has its byline: ${JSON.stringify(bylines)}`);
  });

  test("the article's date, source and reading time sit on one line at 1280 px; at 375 px no item breaks inside", async () => {
    for (const article of await articlePaths("real")) {
      const desktop = await open("real", article);
      const meta = desktop.locator(".article-header .meta").first();
      const { height, lineHeight } = await meta.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
      assert.ok(height < lineHeight * 1.5, `${article} at 1280 px: the metadata line is ${height} px high (one line is ${lineHeight} px)`);
      const phone = await open("real", article, PHONE);
      for (const item of await lineBoxes(phone, ".article-header .meta time, .article-header .meta .source, .article-header .meta .reading-time")) {
        assert.equal(item.lines, 1, `${article} at 375 px: "${item.text}" breaks across lines`);
      }
    }
  });

  test("source names in lists do not break across lines at 375 px", async () => {
    const page = await open("real", "/", PHONE);
    const sources = await lineBoxes(page, ".article-list .meta .source");
    assert.ok(sources.length > 0, "the home page lists sources");
    for (const s of sources) assert.equal(s.lines, 1, `"${s.text}" breaks across lines`);
  });

  test("tag and source ledes are one short sentence; the feed link is in metadata type and does not wrap at 375 px", async () => {
    for (const kind of ["tag", "source"]) {
      const visit = visitOf("real", kind);
      const page = await open("real", visit.path, PHONE);
      const lede = await page.locator("main .lede").innerText();
      assert.match(lede, /^\d+ articles?, newest first\.$/, `${visit.path}: the lede says more than the count`);
      const feed = page.locator("main a.feed-link");
      assert.equal(await feed.count(), 1, `${visit.path}: one feed link`);
      const sizes = await feed.evaluate((a) => ({ link: getComputedStyle(a).fontSize, lede: getComputedStyle(document.querySelector("main .lede")!).fontSize, meta: getComputedStyle(document.querySelector(".article-list .meta")!).fontSize }));
      assert.equal(sizes.link, sizes.meta, `${visit.path}: the feed link is ${sizes.link}, list metadata ${sizes.meta}`);
      assert.notEqual(sizes.link, sizes.lede, `${visit.path}: the feed link is set as large as the lede`);
      assert.equal((await feed.evaluate((a) => a.getClientRects().length)), 1, `${visit.path} at 375 px: the feed link wraps`);
    }
  });

  test("the pager reaches the list's edges: Newer at the left, Older at the right, at 1280 and 375 px", async () => {
    const later = visitOf("kinds", "tag, later page").path;
    const first = later.replace(/page\/\d+\/$/, "");
    for (const viewport of [DESKTOP, PHONE]) {
      for (const [where, selector, edge] of [[first, 'a[rel="next"]', "right"], [later, 'a[rel="prev"]', "left"]] as const) {
        const page = await open("kinds", where, viewport);
        const list = await page.locator("main .article-list").boundingBox();
        const link = await page.locator(`main .pager ${selector}`).boundingBox();
        assert.ok(list !== null && link !== null, `${where}: a list and a pager link`);
        const [listEdge, linkEdge] = edge === "right" ? [list.x + list.width, link.x + link.width] : [list.x, link.x];
        assert.ok(Math.abs(listEdge - linkEdge) <= 1, `${where} at ${viewport.width} px: the pager's ${selector} ${edge} edge is at ${linkEdge} px, the list's at ${listEdge} px`);
      }
    }
  });

  test("the 404 page has a search form for the search page, working without JavaScript, and the latest articles", async () => {
    for (const id of ["real", "kinds"]) {
      const s = served.get(id)!;
      const home = await open(id, "/");
      const latest = await home.locator(".article-list .article-item-title a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      const page = await open(id, "/404.html");
      const form = page.locator('main form[role="search"]');
      assert.equal(await form.count(), 1, `${id}: the 404 page has a search form`);
      const { action, method, field } = await form.evaluate((f) => ({ action: (f as HTMLFormElement).action, method: (f as HTMLFormElement).method, field: (f as HTMLFormElement).querySelector("[name=q]")?.nodeName ?? null }));
      assert.equal(new URL(action).pathname, `${s.site.prefix}search/`, `${id}: the form goes to the search page`);
      assert.equal(method, "get");
      assert.equal(field, "INPUT", `${id}: the form has the search page's q field`);
      const listed = await page.locator("main .article-list .article-item-title a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      // Both sites have at least as many articles as the 404 page lists; the home page of "kinds" lists two a page.
      assert.equal(listed.length, LATEST_ON_404, `${id}: the 404 page lists the latest articles`);
      const shared = Math.min(listed.length, latest.length);
      assert.deepEqual(listed.slice(0, shared), latest.slice(0, shared), `${id}: the 404 page's articles are the newest, in the home page's order`);
      // Submitting it without JavaScript opens the search page with the words in its address.
      const still = await openPage(browser, { javaScriptEnabled: false });
      await still.page.goto(`${s.server.origin}${s.site.prefix}404.html`);
      await still.page.fill("#not-found-q", "Iraq");
      await Promise.all([still.page.waitForURL(/\/search\/\?q=Iraq$/), still.page.click('main form[role="search"] button')]);
      assert.equal(new URL(still.page.url()).pathname, `${s.site.prefix}search/`);
      await still.context.close();
    }
  });

  test("search excerpts show … where Pagefind's window cuts the article's text", async () => {
    const page = await open("real", "/search/?q=troops");
    await page.locator("[data-search-results] > li").first().waitFor();
    const excerpts = await page.locator("[data-search-results] .summary").allInnerTexts();
    assert.ok(excerpts.length > 1, "several articles match “troops”");
    // Every one of the five articles is longer than an excerpt: each is cut at its end at least.
    for (const e of excerpts) assert.match(e.trim(), /…$/, `an excerpt cut without an ellipsis: ${e}`);
    assert.ok(excerpts.some((e) => e.trim().startsWith("…")), `no excerpt cut at its start: ${excerpts.join(" | ")}`);
    assert.deepEqual(opened.errors, [], "script errors on the search page");
  });
});
