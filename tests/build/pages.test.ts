/**
 * A real build of tests/fixtures/sites/pages (seven articles, every date precision, page size 2):
 * every page kind is at its DESIGN.md URL, lists what it should in the right order, and every
 * link on every page leads to a built file, with and without a path prefix.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { checkLinks, pathOf } from "../helpers/links.ts";
import { anchorsIn, itemTexts, linksIn, listedArticles as listed, listFiles, mainOf, readPage } from "../helpers/site.ts";

const FIXTURE = path.join(FIXTURES, "sites", "pages");
const SITE_URL = "https://example.org";

after(removeTempDirs);

/** One build per set of flags and environment, shared by every test that needs it. */
const builds = new Map<string, Promise<string>>();
function builtSite(args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const key = JSON.stringify([args, env]);
  let out = builds.get(key);
  if (out === undefined) {
    out = projectFrom("pages", FIXTURE).then(async (root) => (await buildOk(root, { args, env })).out);
    builds.set(key, out);
  }
  return out;
}

/** The links of a list page's pager, by rel. */
function pagerLinks(page: string): { prev?: string; next?: string } {
  const nav = /<nav class="pager"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? "";
  const links: { prev?: string; next?: string } = {};
  for (const a of anchorsIn(nav)) if (a.attributes.rel === "prev" || a.attributes.rel === "next") links[a.attributes.rel] = a.href;
  return links;
}

/** The site paths of the built .html files under one of DESIGN.md's sections. */
async function pagesUnder(out: string, section: string): Promise<string[]> {
  return (await listFiles(out)).filter((f) => f.startsWith(section) && f.endsWith(".html")).map(pathOf);
}

describe("every page kind at its URL (page size 2)", () => {
  let out: string;
  before(async () => {
    out = await builtSite();
  });

  test("articles, tags and the archive are exactly the pages the URL scheme gives for these articles", async () => {
    assert.deepEqual(await pagesUnder(out, "articles/"), [
      "/articles/first-convoy/",
      "/articles/january-withdrawal/",
      "/articles/late-october-briefing/",
      "/articles/mid-october/",
      "/articles/new-year-statement/",
      "/articles/october-overview/",
      "/articles/year-in-review/",
    ]);
    assert.deepEqual(await pagesUnder(out, "tags/"), [
      "/tags/analysis/",
      "/tags/convoys/",
      "/tags/",
      "/tags/iraq/",
      "/tags/iraq/page/2/",
      "/tags/russia/",
      "/tags/syria/",
      "/tags/syria/page/2/",
      "/tags/syria/page/3/",
    ]);
    assert.deepEqual(await pagesUnder(out, "archive/"), [
      "/archive/2019/10/",
      "/archive/2019/10/page/2/",
      "/archive/2019/12/",
      "/archive/2019/",
      "/archive/2020/01/",
      "/archive/2020/",
      "/archive/",
    ]);
  });

  const KINDS: [kind: string, url: string, h1: RegExp][] = [
    ["home", "/", /Withdrawal Watch/],
    ["article", "/articles/first-convoy/", /First convoy leaves the base/],
    ["tags index", "/tags/", /Tags/],
    ["tag", "/tags/syria/", /Tag<\/span> Syria/],
    ["tag, page 2", "/tags/syria/page/2/", /Tag<\/span> Syria/],
    ["archive", "/archive/", /Archive/],
    ["year", "/archive/2019/", /Year<\/span> 2019/],
    ["month", "/archive/2019/10/", /Month<\/span> October 2019/],
    ["month, page 2", "/archive/2019/10/page/2/", /Month<\/span> October 2019/],
    ["404", "/404.html", /Page not found/],
  ];
  for (const [kind, url, h1] of KINDS) {
    test(`${kind} is at ${url}`, async () => {
      const page = await readPage(out, url);
      assert.match(page, /^<!doctype html>/i);
      assert.match(page, new RegExp(`<h1>(?:(?!</h1>)[\\s\\S])*${h1.source}`));
    });
  }

  test("a tag is paginated newest first, two per page, with newer/older links", async () => {
    const [p1, p2, p3] = await Promise.all(["/tags/syria/", "/tags/syria/page/2/", "/tags/syria/page/3/"].map((u) => readPage(out, u)));
    assert.deepEqual(listed(p1!), ["New Year statement", "Late October briefing"]);
    assert.deepEqual(listed(p2!), ["Mid-October report", "First convoy leaves the base"]);
    assert.deepEqual(listed(p3!), ["October overview"]);
    assert.deepEqual(pagerLinks(p1!), { next: "/tags/syria/page/2/" });
    assert.deepEqual(pagerLinks(p2!), { prev: "/tags/syria/", next: "/tags/syria/page/3/" });
    assert.deepEqual(pagerLinks(p3!), { prev: "/tags/syria/page/2/" });
    assert.match(p2!, /Page 2 of 3/);
    assert.match(p2!, /<title>Syria \(page 2 of 3\)/);
  });

  test("a month is paginated: days before the month-only article, which sorts at the month's start", async () => {
    const [p1, p2] = await Promise.all(["/archive/2019/10/", "/archive/2019/10/page/2/"].map((u) => readPage(out, u)));
    assert.deepEqual(listed(p1!), ["Late October briefing", "Mid-October report"]);
    assert.deepEqual(listed(p2!), ["First convoy leaves the base", "October overview"]);
    assert.deepEqual(pagerLinks(p1!), { next: "/archive/2019/10/page/2/" });
    assert.deepEqual(pagerLinks(p2!), { prev: "/archive/2019/10/" });
    assert.match(p1!, /4 articles/);
  });

  test("a month with one page has no pager", async () => {
    const page = await readPage(out, "/archive/2019/12/");
    assert.deepEqual(listed(page), ["New Year statement"]);
    assert.doesNotMatch(page, /class="pager"/);
  });

  test("a year lists its months oldest first, and the articles dated only to the year", async () => {
    const whole = await readPage(out, "/archive/2019/");
    const page = mainOf(whole);
    const monthLinks = anchorsIn(page).filter((a) => /^\/archive\/2019\/\d\d\/$/.test(a.href));
    assert.deepEqual([...new Set(monthLinks.map((a) => a.href))], ["/archive/2019/10/", "/archive/2019/12/"]);
    const items = itemTexts(page);
    assert.ok(items.some((t) => /^October 2019\D*\b4\b/.test(t)), items.join(" | "));
    assert.ok(items.some((t) => /^December 2019\D*\b1\b/.test(t)), items.join(" | "));
    assert.match(page, /\b6 articles/);
    assert.match(page, /id="year-only"/);
    assert.deepEqual(listed(whole), ["The year in review"]);
    assert.match(page, /<time datetime="2019">2019<\/time>/);
  });

  test("the archive lists years newest first with counts, and links the year-only articles", async () => {
    const page = mainOf(await readPage(out, "/archive/"));
    const yearLinks = anchorsIn(page).filter((a) => /^\/archive\/\d{4}\/$/.test(a.href));
    assert.deepEqual([...new Set(yearLinks.map((a) => a.href))], ["/archive/2020/", "/archive/2019/"]);
    const sections = [...page.matchAll(/<section[\s\S]*?<\/section>/g)].map((m) => m[0]);
    assert.match(sections.find((s) => s.includes('href="/archive/2020/"')) ?? "", /\b1 article\b/);
    assert.match(sections.find((s) => s.includes('href="/archive/2019/"')) ?? "", /\b6 articles\b/);
    assert.ok(anchorsIn(page).some((a) => a.href === "/archive/2019/#year-only"), "no link to the articles dated only to 2019");
  });

  test("the tags index lists every tag once, alphabetically, with its count", async () => {
    const page = mainOf(await readPage(out, "/tags/"));
    assert.deepEqual(
      anchorsIn(page).filter((a) => a.href.startsWith("/tags/")).map((a) => a.href),
      ["/tags/analysis/", "/tags/convoys/", "/tags/iraq/", "/tags/russia/", "/tags/syria/"],
    );
    assert.deepEqual(itemTexts(page), ["Analysis 2 articles", "Convoys 1 article", "Iraq 3 articles", "Russia 1 article", "Syria 5 articles"]);
  });

  test("home shows the newest page-size articles and links to the rest", async () => {
    const page = await readPage(out, "/");
    assert.deepEqual(listed(page), ["January withdrawal", "New Year statement"]);
    assert.ok(anchorsIn(mainOf(page)).some((a) => a.href === "/archive/" && /\b7 articles\b/.test(a.text)), "no link to all 7 articles");
  });

  test("an article shows its date at its precision and links to the next older and newer article", async () => {
    const page = await readPage(out, "/articles/first-convoy/");
    assert.match(page, /<time datetime="2019-10-03">3 October 2019<\/time>/, "date taken from the file name 2019-10-03-first-convoy.md");
    const links = anchorsIn(mainOf(page));
    const rel = (r: string) => links.filter((a) => a.attributes.rel === r).map((a) => [a.href, a.text]);
    assert.deepEqual(rel("prev"), [["/articles/october-overview/", "Older October overview"]]);
    assert.deepEqual(rel("next"), [["/articles/mid-october/", "Newer Mid-October report"]]);
    assert.deepEqual(rel("tag"), [
      ["/tags/syria/", "Syria"],
      ["/tags/convoys/", "Convoys"],
    ]);
    const overview = await readPage(out, "/articles/october-overview/");
    assert.match(overview, /<time datetime="2019-10">October 2019<\/time>/);
  });

  test("the newest and oldest articles have only one neighbour", async () => {
    const rels = async (url: string) =>
      anchorsIn(mainOf(await readPage(out, url)))
        .filter((a) => a.attributes.rel === "prev" || a.attributes.rel === "next")
        .map((a) => `${a.attributes.rel} ${a.href}`);
    assert.deepEqual(await rels("/articles/january-withdrawal/"), ["prev /articles/new-year-statement/"]);
    assert.deepEqual(await rels("/articles/year-in-review/"), ["next /articles/october-overview/"]);
  });

  test("a time with a UTC offset is shown and filed in the site's time zone (UTC)", async () => {
    const briefing = await readPage(out, "/articles/late-october-briefing/");
    assert.match(briefing, /<time datetime="2019-10-28T06:15\+00:00">28 October 2019, 06:15<\/time>/);
    const newYear = await readPage(out, "/articles/new-year-statement/");
    assert.match(newYear, /<time datetime="2019-12-31T21:30\+00:00">31 December 2019, 21:30<\/time>/);
  });

  test("an article that uses # headings has them demoted below the page's own h1", async () => {
    const page = await readPage(out, "/articles/mid-october/");
    assert.equal(page.match(/<h1[\s>]/g)?.length, 1);
    assert.match(page, /<h2 id="a-heading-written-as-h1">A heading written as h1<\/h2>/);
  });
});

describe("every internal link resolves to a built file", () => {
  const VARIANTS: { name: string; prefix: string; siteUrl: string; args: string[]; env: Record<string, string> }[] = [
    { name: "at the domain root", prefix: "/", siteUrl: SITE_URL, args: [], env: {} },
    { name: "with --path-prefix /sub/", prefix: "/sub/", siteUrl: SITE_URL, args: ["--path-prefix", "/sub/"], env: {} },
    {
      name: "with NEWS_ARCHIVE_PATH_PREFIX=/ci/ and NEWS_ARCHIVE_SITE_URL, as a CI deploy sets them",
      prefix: "/ci/",
      siteUrl: "https://news.example.net",
      args: [],
      env: { NEWS_ARCHIVE_PATH_PREFIX: "/ci/", NEWS_ARCHIVE_SITE_URL: "https://news.example.net" },
    },
  ];
  for (const variant of VARIANTS) {
    describe(variant.name, () => {
      let out: string;
      before(async () => {
        out = await builtSite(variant.args, variant.env);
      });

      test("every href and src leads to a built file (and #fragment to an id on it)", async () => {
        const report = await checkLinks(out, { prefix: variant.prefix, siteUrl: variant.siteUrl });
        assert.deepEqual(report.broken, []);
        // 25 pages, each with at least the stylesheet, icon, skip link, title link, 3 nav links, canonical.
        assert.ok(report.checked > 25 * 8, `only ${report.checked} links were checked`);
      });

      test("every root-relative link starts with the prefix, and the canonical URL is absolute", async () => {
        for (const url of ["/", "/articles/first-convoy/", "/tags/syria/page/2/", "/archive/2019/10/page/2/", "/404.html"]) {
          const page = await readPage(out, url);
          const rootRelative = linksIn(page).filter((l) => l.startsWith("/"));
          assert.ok(rootRelative.length >= 5, `${url}: too few links to mean anything`);
          for (const link of rootRelative) assert.ok(link.startsWith(variant.prefix), `${url}: ${link} does not start with ${variant.prefix}`);
        }
        const page = await readPage(out, "/tags/syria/page/2/");
        assert.match(page, new RegExp(`<link rel="canonical" href="${variant.siteUrl}${variant.prefix}tags/syria/page/2/">`));
      });

      test("the 404 page, served at any address, uses no relative links", async () => {
        const links = linksIn(await readPage(out, "/404.html"));
        for (const link of links) assert.match(link, /^(\/|#|https?:)/, `relative link ${link} breaks when 404.html is served at /a/b/c`);
      });
    });
  }
});
