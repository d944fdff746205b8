// npm run bench:search [-- SITE_DIR] [--query troops]
//
// What search costs a reader of a built site: serves the site on 127.0.0.1, opens /search/ in
// Chromium (the system's /usr/bin/chromium) and counts the requests and bytes of the page load and
// of a first search, Pagefind's files by kind. Run it on a site `npm run bench` built (the default
// is its 10,000-article archive) to see what the shards add.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { downloads, launchChromium, openPage } from "../tests/helpers/chromium.ts";
import { serveStatic } from "../tests/helpers/static-server.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { query: { type: "string", default: "troops" } } });
const scratch = path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "news-archive-bench");
const site = path.resolve(positionals[0] ?? path.join(scratch, "10000", "_site"));
if (!existsSync(path.join(site, "search", "index.html"))) throw new Error(`no built site with a search page in ${site}: run npm run bench first, or name a site folder`);

const server = await serveStatic(site);
const browser = await launchChromium();
try {
  const { page } = await openPage(browser);
  const seen = downloads(page);
  await page.goto(`${server.origin}/search/`);
  await page.waitForLoadState("networkidle");
  const atLoad = seen.length;
  await page.locator("#search-q").fill(values.query);
  await page.waitForFunction(() => /^\d+ articles? matching|^No articles/.test(document.querySelector("[data-search-status]")?.textContent ?? ""), null, { timeout: 60_000 });
  // Then the first results' data (one fragment each); "networkidle" was reached at load already,
  // so the end of the downloads is waited for here: half a second with nothing new.
  for (let count = -1; count !== seen.length; ) {
    count = seen.length;
    await page.waitForTimeout(500);
  }
  const status = await page.locator("[data-search-status]").textContent();
  const kind = (url: string) => (url.includes("/pagefind/") ? (/\.(\w+)$/.exec(url)?.[1] ?? "other") : "page");
  const summary = (list: typeof seen) => {
    const byKind = new Map<string, { n: number; bytes: number }>();
    for (const s of list) {
      const k = byKind.get(kind(s.url)) ?? { n: 0, bytes: 0 };
      byKind.set(kind(s.url), { n: k.n + 1, bytes: k.bytes + s.bytes });
    }
    const kb = (b: number) => `${Math.round(b / 1024)} KB`;
    return `${list.length} requests, ${kb(list.reduce((a, s) => a + s.bytes, 0))} (${[...byKind].map(([k, v]) => `${k} ${v.n}/${kb(v.bytes)}`).join(", ")})`;
  };
  const shards = new Set(seen.map((s) => /\/pagefind\/([^/]+)\//.exec(s.url)?.[1]).filter(Boolean)).size;
  console.log(`site: ${site} (${shards} shards)`);
  console.log(`search page load: ${summary(seen.slice(0, atLoad))}`);
  console.log(`first search "${values.query}": ${summary(seen.slice(atLoad))} → ${status}`);
} finally {
  await browser.close();
  await server.close();
}
