/**
 * src/content/model.ts buildArchive: the archive as plain data — order, tags, years and months, pages.
 * Articles are written out in a few words each; page size 2 so pagination shows with few articles.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isoDate, parseDate } from "../../src/content/dates.ts";
import { unprefixed } from "../../src/content/urls.ts";
import { buildArchive, paginate, type Archive, type ListPage, type RenderedArticle } from "../../src/content/model.ts";
import { resolveSiteConfig } from "../../src/site-config.ts";

const SITE = resolveSiteConfig({ title: "Test archive", description: "Tests.", url: "https://example.org", lang: "en", timeZone: "UTC", pageSize: 2 }, {});

function article(slug: string, date: string, tags: string[] = [], meta: Partial<RenderedArticle["meta"]> = {}): RenderedArticle {
  const parsed = parseDate(date);
  assert.ok(parsed.ok, date);
  return {
    file: `articles/${slug}.md`,
    meta: {
      title: `Title of ${slug}`,
      date: parsed.date,
      updated: null,
      source: null,
      authors: [],
      url: null,
      tags,
      categories: [],
      lang: null,
      summary: null,
      slug,
      draft: false,
      image: null,
      aliases: [],
      extra: {},
      ...meta,
    },
    body: { digest: slug, html: () => `<p>${slug}</p>` },
    excerpt: `Excerpt of ${slug}.`,
    wordCount: 500,
    image: null,
  };
}

const slugs = (items: readonly { slug: string }[]) => items.map((a) => a.slug);
const pageSummary = (pages: readonly ListPage[]) =>
  pages.map((p) => ({ number: p.number, total: p.total, path: p.path, items: slugs(p.items), previous: p.previous, next: p.next }));

describe("order", () => {
  test("newest first across precisions: a month sorts at its start, a year at its start", () => {
    const archive = buildArchive(
      [
        article("year-2019", "2019"),
        article("day-oct-03", "2019-10-03"),
        article("time-oct-28", "2019-10-28T06:15"),
        article("month-oct", "2019-10"),
        article("new-year-eve-2018", "2018-12-31T23:59"),
        article("day-jan-08", "2020-01-08"),
        article("day-oct-15", "2019-10-15"),
      ],
      SITE,
    );
    assert.deepEqual(slugs(archive.articles), ["day-jan-08", "time-oct-28", "day-oct-15", "day-oct-03", "month-oct", "year-2019", "new-year-eve-2018"]);
  });

  test("times with a zone are compared in the site's time zone; equal dates fall back to slug order", () => {
    const archive = buildArchive(
      [
        article("b-same-day", "2019-10-27"),
        article("a-same-day", "2019-10-27"),
        article("zoned", "2019-10-28T02:00+05:00"), // 2019-10-27T21:00 in UTC
        article("wall-clock", "2019-10-27T22:00"),
      ],
      SITE,
    );
    assert.deepEqual(slugs(archive.articles), ["wall-clock", "zoned", "a-same-day", "b-same-day"]);
    assert.equal(isoDate(archive.articles[1]!.date!), "2019-10-27T21:00+00:00");
  });

  test("each article links the next older and next newer one", () => {
    const archive = buildArchive([article("old", "2019"), article("middle", "2019-06"), article("new", "2020-01-01")], SITE);
    const neighbours = archive.articles.map((a) => [a.slug, a.newer?.path ?? null, a.older?.path ?? null]);
    assert.deepEqual(neighbours, [
      ["new", null, "/articles/middle/"],
      ["middle", "/articles/new/", "/articles/old/"],
      ["old", "/articles/middle/", null],
    ]);
    assert.equal(archive.articles[1]!.older?.title, "Title of old");
  });
});

describe("tags", () => {
  const archive = buildArchive(
    [
      article("a", "2020-01-01", ["Syria", "Iraq"]),
      article("b", "2020-01-02", ["syria", "iraq"]),
      article("c", "2020-01-03", ["SYRIA", "iraq"]),
      article("d", "2020-01-04", ["Syria", "syria"]),
      article("e", "2020-01-05", ["Syria", "Deir ez-Zor"]),
      article("f", "2020-01-06", ["deir ez zor"]),
    ],
    SITE,
  );

  test("differing only in case or punctuation, they merge; named by the most common spelling; counted once per article", () => {
    assert.deepEqual(
      archive.tags.map((t) => [t.name, t.slug, t.path, t.count]),
      [
        ["Deir ez-Zor", "deir-ez-zor", "/tags/deir-ez-zor/", 2],
        ["iraq", "iraq", "/tags/iraq/", 3],
        ["Syria", "syria", "/tags/syria/", 5],
      ],
    );
  });

  test("an article carries the merged tags under their shown names, each once", () => {
    const byslug = new Map(archive.articles.map((a) => [a.slug, a.tags.map((t) => t.name)]));
    assert.deepEqual(byslug.get("b"), ["Syria", "iraq"]);
    assert.deepEqual(byslug.get("d"), ["Syria"]);
    assert.deepEqual(byslug.get("f"), ["Deir ez-Zor"]);
  });

  test("a tag's pages hold its articles newest first, page size 2", () => {
    const syria = archive.tags.find((t) => t.slug === "syria")!;
    assert.deepEqual(pageSummary(syria.pages), [
      { number: 1, total: 3, path: "/tags/syria/", items: ["e", "d"], previous: null, next: "/tags/syria/page/2/" },
      { number: 2, total: 3, path: "/tags/syria/page/2/", items: ["c", "b"], previous: "/tags/syria/", next: "/tags/syria/page/3/" },
      { number: 3, total: 3, path: "/tags/syria/page/3/", items: ["a"], previous: "/tags/syria/page/2/", next: null },
    ]);
  });

  test("tagPages has one entry per output page", () => {
    assert.deepEqual(
      archive.tagPages.map((e) => e.page.path),
      ["/tags/deir-ez-zor/", "/tags/iraq/", "/tags/iraq/page/2/", "/tags/syria/", "/tags/syria/page/2/", "/tags/syria/page/3/"],
    );
  });
});

describe("years and months", () => {
  const archive: Archive = buildArchive(
    [
      article("oct-28", "2019-10-28T06:15"),
      article("oct-15", "2019-10-15"),
      article("oct-03", "2019-10-03"),
      article("oct", "2019-10"),
      article("only-2019", "2019"),
      article("mar", "2019-03-01"),
      article("jan-2020", "2020-01-08"),
      article("only-2018", "2018"),
      article("nye", "2020-01-01T00:30+03:00"), // 2019-12-31T21:30 in UTC
    ],
    SITE,
  );

  test("years newest first, months oldest first, year-only articles under no month", () => {
    const shape = archive.years.map((y) => ({
      year: y.year,
      count: y.count,
      path: y.path,
      months: y.months.map((m) => [m.name, m.path, m.count]),
      yearOnly: slugs(y.yearOnly),
    }));
    assert.deepEqual(shape, [
      { year: 2020, count: 1, path: "/archive/2020/", months: [["January 2020", "/archive/2020/01/", 1]], yearOnly: [] },
      {
        year: 2019,
        count: 7,
        path: "/archive/2019/",
        months: [
          ["March 2019", "/archive/2019/03/", 1],
          ["October 2019", "/archive/2019/10/", 4],
          ["December 2019", "/archive/2019/12/", 1],
        ],
        yearOnly: ["only-2019"],
      },
      { year: 2018, count: 1, path: "/archive/2018/", months: [], yearOnly: ["only-2018"] },
    ]);
  });

  test("a month's pages hold its articles newest first, the month-only one last", () => {
    const october = archive.years[1]!.months[1]!;
    assert.deepEqual(pageSummary(october.pages), [
      { number: 1, total: 2, path: "/archive/2019/10/", items: ["oct-28", "oct-15"], previous: null, next: "/archive/2019/10/page/2/" },
      { number: 2, total: 2, path: "/archive/2019/10/page/2/", items: ["oct-03", "oct"], previous: "/archive/2019/10/", next: null },
    ]);
  });

  test("monthPages has one entry per output page", () => {
    assert.deepEqual(
      archive.monthPages.map((e) => e.page.path),
      ["/archive/2020/01/", "/archive/2019/03/", "/archive/2019/10/", "/archive/2019/10/page/2/", "/archive/2019/12/"],
    );
  });
});

describe("article fields", () => {
  test("defaults come from the site and the render step; reading time is at least a minute", () => {
    const archive = buildArchive(
      [article("plain", "2020-01-08"), article("arabic", "2020-01-07", [], { lang: "ar", summary: "Own summary." })],
      SITE,
    );
    const [plain, arabic] = archive.articles;
    assert.equal(plain!.lang, "en");
    assert.equal(plain!.summary, "Excerpt of plain.");
    assert.equal(plain!.path, "/articles/plain/");
    assert.equal(plain!.readingMinutes, 2);
    assert.equal(arabic!.lang, "ar");
    assert.equal(arabic!.summary, "Own summary.");
    const short = buildArchive([{ ...article("short", "2020"), wordCount: 3 }], SITE);
    assert.equal(short.articles[0]!.readingMinutes, 1);
  });

  test("an empty body has no reading time, not \"1 min read\"", () => {
    const empty = buildArchive([{ ...article("empty", "2020"), wordCount: 0 }], SITE);
    assert.equal(empty.articles[0]!.readingMinutes, null);
  });

  test("buildArchive does not change its input", () => {
    const input = [article("a", "2020-01-08T10:00+03:00", ["Syria"]), article("b", "2019", ["syria"])];
    // A body's HTML is a function, which structuredClone refuses: the copy compares what it returns.
    const plain = (articles: typeof input) => articles.map((a) => ({ ...a, body: { digest: a.body.digest, html: a.body.html(unprefixed) } }));
    const copy = structuredClone(plain(input));
    buildArchive(input, SITE);
    assert.deepEqual(plain(input), copy);
  });
});

describe("paginate", () => {
  const items = buildArchive([article("a", "2020-01-04"), article("b", "2020-01-03"), article("c", "2020-01-02"), article("d", "2020-01-01")], SITE).articles;

  test("an exact multiple of the page size makes no empty last page", () => {
    assert.deepEqual(
      paginate(items, 2, "/x/").map((p) => [p.path, slugs(p.items)]),
      [
        ["/x/", ["a", "b"]],
        ["/x/page/2/", ["c", "d"]],
      ],
    );
  });

  test("an empty list is one empty page", () => {
    assert.deepEqual(pageSummary(paginate([], 2, "/x/")), [{ number: 1, total: 1, path: "/x/", items: [], previous: null, next: null }]);
  });
});
