// What search engines and link previews read: the sitemap, robots.txt, canonical URLs, JSON-LD and
// OpenGraph, from real builds deployed under a path prefix.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { slugify } from "../../src/content/slugs.ts";
import { buildOk, projectFrom, realArticlesProject, removeTempDirs } from "../helpers/project.ts";
import { fileFor, listFiles, readPage } from "../helpers/site.ts";
import { EDGE, jsonLdOf, metaProperties, parseXml, sourceArticles, type SourceArticle } from "./find-helpers.ts";

after(removeTempDirs);

type Node = Record<string, any>;
const ORIGIN = "https://archive.example.net";
const PREFIX = "/news/";
const BASE = `${ORIGIN}${PREFIX}`;

/** The JSON-LD dates of the five: as precise as each source, no more. */
const PUBLISHED: Record<string, string> = {
  "lavrentyev-us-withdrawal-from-iraq-then-syria": "2024-01-26",
  "hadi-al-amiri-us-troops-need-to-leave-iraq": "2023-10-30T20:08",
  "us-withdraws-from-syria-bases-towards-iraq": "2020-01-08",
  "us-troops-leaving-syria-cannot-stay-in-iraq": "2019-10",
  "syrian-and-russian-chiefs-call-for-us-to-leave": "2019",
};

describe("sitemap, robots and page metadata of the five real articles under a path prefix", () => {
  let out: string;
  let articles: SourceArticle[];
  before(async () => {
    const root = await realArticlesProject("meta-real");
    articles = await sourceArticles(root);
    ({ out } = await buildOk(root, { args: ["--site-url", ORIGIN, "--path-prefix", PREFIX] }));
  });

  test("every sitemap URL is absolute under the prefix and is a built page; every page is in it", async () => {
    const urlset = parseXml(await readFile(path.join(out, "sitemap.xml"), "utf8"), ["url"]).urlset as Node;
    assert.equal(urlset["@_xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
    const locs = (urlset.url as Node[]).map((u) => String(u.loc));
    const built = new Set(await listFiles(out));
    for (const loc of locs) {
      assert.ok(loc.startsWith(BASE), `${loc} is not under ${BASE}`);
      assert.ok(built.has(fileFor(`/${loc.slice(BASE.length)}`)), `${loc} names no built file`);
    }
    const pages = [...built].filter((f) => f.endsWith("index.html")).map((f) => `${BASE}${f.replace(/index\.html$/, "")}`);
    assert.deepEqual([...locs].sort(), pages.sort());
    assert.ok(!locs.some((l) => l.includes("404")), "the 404 page is not a page to index");
  });

  test("each sitemap entry has a lastmod: an article's own date, a list's newest", async () => {
    const urlset = parseXml(await readFile(path.join(out, "sitemap.xml"), "utf8"), ["url"]).urlset as Node;
    const lastmod = new Map((urlset.url as Node[]).map((u) => [String(u.loc).slice(BASE.length - 1), String(u.lastmod)]));
    for (const [slug, date] of Object.entries(PUBLISHED)) assert.equal(lastmod.get(`/articles/${slug}/`), date.slice(0, 10));
    assert.equal(lastmod.get("/"), "2024-01-26");
    assert.equal(lastmod.get("/archive/2019/"), "2019-10", "the 2019 page's newest article is the October one");
    assert.equal(lastmod.get("/tags/islamic-state/"), "2019-10");
    for (const [loc, value] of lastmod) assert.match(value, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${loc}: lastmod "${value}"`);
  });

  test("robots.txt points at the sitemap", async () => {
    const robots = await readFile(path.join(out, "robots.txt"), "utf8");
    assert.match(robots, /^User-agent: \*$/m);
    assert.match(robots, new RegExp(`^Sitemap: ${BASE}sitemap\\.xml$`, "m"));
  });

  test("each article page has a canonical URL, NewsArticle JSON-LD and OpenGraph article tags that match its file", async () => {
    for (const a of articles) {
      const page = await readPage(out, `/articles/${a.slug}/`);
      const url = `${BASE}articles/${a.slug}/`;
      assert.ok(page.includes(`<link rel="canonical" href="${url}">`), `${a.slug}: canonical`);
      const [data, ...more] = jsonLdOf(page);
      assert.equal(more.length, 0);
      assert.equal(data!["@context"], "https://schema.org");
      assert.equal(data!["@type"], "NewsArticle");
      assert.equal(data!.headline, a.title);
      assert.equal(data!.url, url);
      assert.equal(data!.datePublished, PUBLISHED[a.slug]);
      assert.equal(data!.dateModified, PUBLISHED[a.slug], "never updated: modified when published");
      assert.equal(data!.inLanguage, a.lang);
      assert.deepEqual(data!.keywords, a.tags);
      assert.deepEqual((data!.author as Node[] | undefined)?.map((x) => x.name) ?? [], a.authors);
      assert.deepEqual(data!.publisher, a.source === null ? undefined : { "@type": "Organization", name: a.source, url: `${BASE}sources/${slugify(a.source)}/` });
      assert.deepEqual(metaProperties(page, "og:type"), ["article"]);
      assert.deepEqual(metaProperties(page, "og:url"), [url]);
      assert.deepEqual(metaProperties(page, "og:title"), [a.title]);
      assert.deepEqual(metaProperties(page, "article:published_time"), [PUBLISHED[a.slug]]);
      assert.deepEqual(metaProperties(page, "article:tag"), a.tags);
    }
  });

  test("the Al Mayadeen article names the publication as publisher and author organisation", async () => {
    const [data] = jsonLdOf(await readPage(out, "/articles/hadi-al-amiri-us-troops-need-to-leave-iraq/"));
    assert.deepEqual(data!.author, [{ "@type": "Organization", name: "Al Mayadeen English", url: `${BASE}authors/al-mayadeen-english/` }]);
    const [minh] = jsonLdOf(await readPage(out, "/articles/us-withdraws-from-syria-bases-towards-iraq/"));
    assert.deepEqual(minh!.author, [{ "@type": "Person", name: "Minh Tu", url: `${BASE}authors/minh-tu/` }]);
    assert.deepEqual(minh!.publisher, { "@type": "Organization", name: "News 24h", url: `${BASE}sources/news-24h/` });
  });

  test("the home page is a WebSite with a search action; list pages are CollectionPages; search is a SearchResultsPage", async () => {
    const [home] = jsonLdOf(await readPage(out, "/"));
    assert.equal(home!["@type"], "WebSite");
    assert.equal(home!.url, BASE);
    assert.equal(home!.name, "Withdrawal Watch: US forces in Syria and Iraq");
    assert.equal((home!.potentialAction as Node).target.urlTemplate, `${BASE}search/?q={search_term_string}`);
    for (const [p, name] of [["/tags/gaza/", "Gaza"], ["/archive/", "Archive"], ["/archive/2019/10/", "October 2019"], ["/tags/", "Tags"]] as const) {
      const [data] = jsonLdOf(await readPage(out, p));
      assert.equal(data!["@type"], "CollectionPage", p);
      assert.equal(data!.name, name, p);
      assert.equal(data!.url, `${BASE}${p.slice(1)}`, p);
      assert.deepEqual(metaProperties(await readPage(out, p), "og:type"), ["website"]);
    }
    const [search] = jsonLdOf(await readPage(out, "/search/"));
    assert.equal(search!["@type"], "SearchResultsPage");
    assert.deepEqual(jsonLdOf(await readFile(path.join(out, "404.html"), "utf8")), [], "the 404 page has no address of its own");
  });
});

describe("metadata of hostile values (edge fixture)", () => {
  let out: string;
  before(async () => {
    ({ out } = await buildOk(await projectFrom("meta-edge", EDGE)));
  });

  test("a title with </script> and <!-- cannot end the JSON-LD script, and reads back unchanged", async () => {
    const page = await readPage(out, "/articles/zoned/");
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!;
    assert.doesNotMatch(script, /</, "no < inside the script, so nothing in it can close it or open a comment");
    const data = JSON.parse(script) as Node;
    assert.equal(data.headline, `Ends </script><script>alert(1)</script> & "quotes" <!--`);
    assert.equal(data.description, "A summary with </script> and & in it.");
    assert.equal(data.isBasedOn, "https://wire.example/story?id=1&x=<2>");
    assert.deepEqual(data.author, [
      { "@type": "Person", name: "A. Writer", url: "https://news.example/authors/a-writer/" },
      { "@type": "Organization", name: "Wire & Co <b>", url: "https://news.example/authors/wire-co-b/" },
    ]);
    assert.equal(data.datePublished, "2021-03-05T21:30+01:00", "a zoned time, in the site's zone");
    assert.equal(data.dateModified, "2021-04-01");
    assert.deepEqual(metaProperties(page, "article:modified_time"), ["2021-04-01"]);
    assert.equal((/<title>([^<]*)<\/title>/.exec(page) ?? [])[1]?.includes("&lt;/script&gt;"), true);
  });

  test("an Arabic article says so in its JSON-LD, and a day-less date stays day-less", async () => {
    const [arabic] = jsonLdOf(await readPage(out, "/articles/arabic/"));
    assert.equal(arabic!.inLanguage, "ar");
    const [month] = jsonLdOf(await readPage(out, "/articles/monthonly/"));
    assert.equal(month!.datePublished, "2020-02");
    const [year] = jsonLdOf(await readPage(out, "/articles/yearonly/"));
    assert.equal(year!.datePublished, "2018");
  });
});
