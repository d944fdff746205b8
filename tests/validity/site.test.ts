// Validity of everything a build writes, on the two sites the browser tests use (the five real
// articles under /news/, and every page kind: tests/helpers/sites-under-test.ts): every HTML file
// passes html-validate's recommended, a11y and document rules; the feeds and the sitemap parse; and
// no link or #fragment in any page, feed, sitemap or robots.txt leads nowhere.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { validateSite } from "../helpers/html-validity.ts";
import { checkLinks } from "../helpers/links.ts";
import { removeTempDirs } from "../helpers/project.ts";
import { listFiles } from "../helpers/site.ts";
import { buildSitesUnderTest, type BuiltSite } from "../helpers/sites-under-test.ts";

const sites = new Map<string, BuiltSite>();

before(async () => {
  for (const site of await buildSitesUnderTest()) sites.set(site.id, site);
});

after(removeTempDirs);

function xml(text: string, file: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${file} is not well-formed XML: ${JSON.stringify(valid)}`);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "url", "link"].includes(name) }).parse(text) as Record<string, unknown>;
}

for (const id of ["real", "kinds"]) {
  describe(`built site "${id}"`, () => {
    const site = () => sites.get(id)!;
    const read = (file: string) => readFile(path.join(site().out, file), "utf8");

    test("every HTML file passes html-validate (recommended, a11y and document rules)", async (t) => {
      const { pages, problems } = await validateSite(site().out);
      t.diagnostic(`${pages} HTML files validated`);
      assert.ok(pages >= 20, `only ${pages} HTML files`);
      assert.deepEqual(problems, []);
    });

    test("the site feed, every tag's feed (Atom) and the JSON feed parse, with an entry per article", async () => {
      const files = await listFiles(site().out);
      const tagPages = files.filter((f) => /^tags\/[^/]+\/index\.html$/.test(f));
      const feeds = ["feed.xml", ...tagPages.map((f) => f.replace(/index\.html$/, "feed.xml"))];
      for (const file of feeds) {
        assert.ok(files.includes(file), `no ${file}`);
        const feed = xml(await read(file), file).feed as { "@_xmlns": string; title: unknown; entry?: unknown[] } | undefined;
        assert.equal(feed?.["@_xmlns"], "http://www.w3.org/2005/Atom", `${file} is not an Atom feed`);
        assert.ok((feed.entry ?? []).length > 0, `${file} has no entries`);
      }
      const json = JSON.parse(await read("feed.json")) as { version: string; items: { id: string; url: string }[] };
      assert.equal(json.version, "https://jsonfeed.org/version/1.1");
      const articles = files.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f)).length;
      assert.equal(json.items.length, Math.min(articles, 20), "the JSON feed has an item for each of the newest articles");
    });

    test("sitemap.xml parses and lists every page but the 404 page at its absolute address; robots.txt names it", async () => {
      const { siteUrl, prefix } = site();
      const urlset = xml(await read("sitemap.xml"), "sitemap.xml").urlset as { "@_xmlns": string; url: { loc: string }[] };
      assert.equal(urlset["@_xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
      const pages = (await listFiles(site().out)).filter((f) => f.endsWith("index.html"));
      const expected = pages.map((f) => `${siteUrl}${prefix}${f.replace(/index\.html$/, "")}`).sort();
      assert.deepEqual(urlset.url.map((u) => u.loc).sort(), expected);
      assert.match(await read("robots.txt"), new RegExp(`^Sitemap: ${siteUrl}${prefix}sitemap\\.xml$`, "m"));
    });

    test("no link or #fragment in any page, feed, sitemap or robots.txt leads nowhere", async (t) => {
      const report = await checkLinks(site().out, { prefix: site().prefix, siteUrl: site().siteUrl });
      t.diagnostic(`${report.checked} internal links followed`);
      assert.ok(report.checked > 300, `only ${report.checked} links checked`);
      assert.deepEqual(report.broken, []);
    });
  });
}
