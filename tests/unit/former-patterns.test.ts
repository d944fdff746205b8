/**
 * src/site/former-patterns.ts: the `formerUrls` setting, and each article's address under it. The first
 * table is real archives' schemes (their configs under /work/archives when this was written) with
 * a real post of each and the address that post had on the live site, as other posts link to it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ArchiveDate } from "../../src/content/dates.ts";
import { formerUrlsOf, hugoSanitize, jekyllSlug, parseFormerUrls, type AddressFacts, type FormerPattern } from "../../src/site/former-patterns.ts";

const day = (year: number, month: number, d: number): ArchiveDate => ({ precision: "day", year, month, day: d });
const time = (year: number, month: number, d: number, hour: number, minute: number, offset: string | null = null): ArchiveDate => ({ precision: "time", year, month, day: d, hour, minute, second: 0, offset });

function patterns(setting: unknown): FormerPattern[] {
  const parsed = parseFormerUrls(setting);
  if (!parsed.ok) throw new Error(parsed.messages.join("\n"));
  return parsed.patterns;
}

function article(file: string, more: Partial<AddressFacts> = {}): AddressFacts {
  const name = file.replace(/^.*\//, "").replace(/\.\w+$/, "");
  return { file: `articles/${file}`, title: name, slug: name.replace(/^\d{4}-\d{2}-\d{2}-/, "").toLowerCase(), date: null, categories: [], ...more };
}

describe("real archives' schemes give each post the address it had", () => {
  const CASES: [archive: string, setting: unknown, facts: AddressFacts, address: string][] = [
    // _config.yml `permalink: pretty`; 18f.gsa.gov links its own posts so.
    ["18F (Jekyll, pretty)", "pretty", article("2015-12-01-how-we-dramatically-improved-18fs-onboarding-process-in-3-months.md", { date: day(2015, 12, 1) }), "/2015/12/01/how-we-dramatically-improved-18fs-onboarding-process-in-3-months/"],
    // Jekyll's :title keeps the file name's case and underscores: the address 18F later aliased away.
    ["18F (Jekyll, pretty), a cased name", "pretty", article("2015-05-21-TockingTime.md", { date: day(2015, 5, 21) }), "/2015/05/21/TockingTime/"],
    ["18F (Jekyll, pretty), underscores and a front-matter date", "pretty", article("2021-04-27-we_asked_our_coworkers_why_did_you_join_18f.md", { date: day(2021, 5, 11) }), "/2021/05/11/we_asked_our_coworkers_why_did_you_join_18f/"],
    // The same posts on 18F's Eleventy site: '/{{ page.date | toDatePath }}/{{ page.fileSlug }}/'.
    ["18F (Eleventy)", "/:year/:month/:day/{{ page.fileSlug }}/", article("2016-03-09-trust-as-a-two-way-street.md", { date: time(2016, 3, 9, 9, 0, "-05:00") }), "/2016/03/09/trust-as-a-two-way-street/"],
    // jekyll/docs/_config.yml: collections.posts.permalink; the categories are not in it.
    ["Jekyll's own news (Jekyll)", "/news/:year/:month/:day/:title/", article("2016-06-03-update-on-jekyll-s-google-summer-of-code-projects.markdown", { date: time(2016, 6, 3, 13, 21, "-07:00"), categories: ["community"] }), "/news/2016/06/03/update-on-jekyll-s-google-summer-of-code-projects/"],
    // Jekyll's default style with categories, as `jekyll new` writes the first post.
    ["jekyll new (Jekyll, date)", "date", article("2019-06-27-welcome-to-jekyll.markdown", { date: time(2019, 6, 27, 8, 24, "-07:00"), categories: ["jekyll", "update"] }), "/jekyll/update/2019/06/27/welcome-to-jekyll.html"],
    // digital.gov config.yml: permalinks: news: ":year/:month/:day/:slug/" (no leading slash); the
    // posts, copied in without news/, sit in year/month folders.
    ["digital.gov (Hugo)", { news: ":year/:month/:day/:slug/" }, article("2019/02/2019-02-27-how-a-health-tech-sprint-inspired-an-ai-ecosystem.md", { title: "Deep Dive: How a Health Tech Sprint Pioneered an AI Ecosystem", slug: "how-a-health-tech-sprint-inspired-an-ai-ecosystem", writtenSlug: "how-a-health-tech-sprint-inspired-an-ai-ecosystem", date: time(2019, 2, 27, 13, 0, "-05:00") }), "/2019/02/27/how-a-health-tech-sprint-inspired-an-ai-ecosystem/"],
    // Haiku has no [permalinks]: Hugo's default, sections and file name, lower-cased.
    ["haiku-os.org (Hugo default)", { blog: "/:sections/:filename/" }, article("blog/AkshayAgarwal007/2017-05-08_gsoc_2017_calendar_application.md", { date: time(2017, 5, 8, 10, 0, "Z") }), "/blog/akshayagarwal007/2017-05-08_gsoc_2017_calendar_application/"],
    // nats.io: content/blog/, no [permalinks], no slugs: Hugo's default is the section and file name.
    ["nats.io (Hugo default)", { blog: "/blog/:slugorfilename/" }, article("nats-server-2.9.18-release.md", { writtenSlug: null, date: day(2023, 6, 27) }), "/blog/nats-server-2.9.18-release/"],
    // The same when the loader cannot say whether the slug was written: ours, made from the name, has no dots.
    ["nats.io (Hugo default), slug unknown", { blog: "/blog/:slugorfilename/" }, article("nats-server-2.9.18-release.md", { slug: "nats-server-2-9-18-release", date: day(2023, 6, 27) }), "/blog/nats-server-2.9.18-release/"],
    // nodejs.org (Next.js): /en/blog/<folder>/<file>, no trailing slash.
    ["nodejs.org (Next.js)", "/en/blog/:path", article("release/v8.0.0.md", { date: time(2017, 5, 30, 18, 52, "Z"), categories: ["release"] }), "/en/blog/release/v8.0.0"],
    // v8.dev (Eleventy, src/blog/*.md, default permalinks).
    ["v8.dev (Eleventy)", "/blog/{{ page.fileSlug }}/", article("pointer-compression.md", { date: time(2020, 3, 30, 0, 0) }), "/blog/pointer-compression/"],
  ];
  for (const [archive, setting, facts, address] of CASES) {
    test(`${archive}: ${facts.file} → ${address}`, () => assert.deepEqual(formerUrlsOf(patterns(setting), facts), [address]));
  }
});

describe("placeholders", () => {
  // Sunday 3 January 2021: ISO week 53 of 2020, day 3 of the year.
  const facts = article("2021-01-03-Hello_World.md", { title: "Hello, World! Ça va?", slug: "hello-world", date: time(2021, 1, 3, 7, 5), categories: ["Middle East", "Syria"] });
  const CASES: [pattern: string, jekyll: string, hugo: string][] = [
    ["/:year/:short_year/:month/:i_month/:day/:i_day/", "/2021/21/01/1/03/3/", "/2021/21/01/1/03/3/"],
    ["/:short_month/:long_month/:monthname/", "/Jan/January/January/", "/jan/january/january/"],
    ["/:y_day/:yearday/:week/:w_year/:w_day/", "/003/3/53/2020/7/", "/003/3/53/2020/7/"],
    ["/:short_day/:long_day/:weekday/:weekdayname/", "/Sun/Sunday/0/Sunday/", "/sun/sunday/0/sunday/"],
    ["/:hour/:minute/:second/", "/07/05/00/", "/07/05/00/"],
    ["/:title/", "/Hello_World/", "/hello-world-ça-va/"],
    ["/:slug/", "/hello-world/", "/hello-world/"],
    ["/:name/", "/2021-01-03-hello-world/", "/2021-01-03-hello-world/"],
    ["/:categories/:title:output_ext", "/middle east/syria/Hello_World.html", "/middle-east/syria/hello-world-ça-va.html"],
    ["/:slugified_categories/:category/", "/middle-east/syria/middle-east/", "/middle-east/syria/middle-east/"],
    ["/:filename/:contentbasename/", "/2021-01-03-Hello_World/2021-01-03-Hello_World/", "/2021-01-03-hello_world/2021-01-03-hello_world/"],
    ["/:collection/:path/", "/posts/2021-01-03-Hello_World/", "/posts/2021-01-03-hello_world/"],
    ["/:month_:day/", "/01_03/", "/01_03/"],
    ["/a\\:b/:slug/", "/a:b/hello-world/", "/ab/hello-world/"],
    ["/{{ page.fileSlug }}/{{ title | slugify }}/{{ slug }}/", "/Hello_World/hello-world-ca-va/hello-world/", "/hello_world/hello-world-ca-va/hello-world/"],
  ];
  for (const [pattern, jekyll, hugo] of CASES) {
    test(`${pattern}: Jekyll ${jekyll}, Hugo ${hugo}`, () => {
      assert.deepEqual(formerUrlsOf(patterns(pattern), facts), [jekyll], "as a Jekyll permalink");
      assert.deepEqual(formerUrlsOf(patterns({ posts: pattern }), facts), [hugo], "as a Hugo permalink");
    });
  }
});

describe("which articles get an address", () => {
  test("a date placeholder the article's date cannot fill gives no address; midnight fills a day's time", () => {
    const scheme = patterns(["/:year/:month/:day/:title/", "/:year/:slug/", "/:year/:month/:day/:hour:minute/"]);
    assert.deepEqual(formerUrlsOf(scheme, article("x.md", { date: null })), []);
    assert.deepEqual(formerUrlsOf(scheme, article("x.md", { date: { precision: "year", year: 2019 } })), ["/2019/x/"]);
    assert.deepEqual(formerUrlsOf(scheme, article("x.md", { date: day(2019, 10, 1) })), ["/2019/10/01/x/", "/2019/x/", "/2019/10/01/0000/"]);
  });

  test("Hugo's table: an article in a section's folder takes that section's pattern; one in no section's folder, every pattern", () => {
    const scheme = patterns({ news: "/:year/:slug/", events: "/event/:year/:slug/" });
    assert.deepEqual(formerUrlsOf(scheme, article("events/x.md", { date: day(2019, 1, 1) })), ["/event/2019/x/"]);
    assert.deepEqual(formerUrlsOf(scheme, article("x.md", { date: day(2019, 1, 1) })), ["/2019/x/", "/event/2019/x/"]);
    assert.deepEqual(formerUrlsOf(scheme, article("x.md", { date: day(2019, 1, 1) })), ["/2019/x/", "/event/2019/x/"]);
  });

  test("Hugo's :section is the article's folder, or the table's key for an article copied in flat", () => {
    assert.deepEqual(formerUrlsOf(patterns({ posts: "/:section/:slug/" }), article("x.md")), ["/posts/x/"]);
    assert.deepEqual(formerUrlsOf(patterns({ posts: "/:section/:slug/" }), article("posts/x.md")), ["/posts/x/"]);
    assert.deepEqual(formerUrlsOf(patterns({ page: { posts: "/p/:slug/" } }), article("x.md")), ["/p/x/"]);
  });

  test("a page bundle is named by its folder", () => {
    const bundle = article("posts/my-trip/index.md", { slug: "my-trip", date: day(2020, 2, 2) });
    assert.deepEqual(formerUrlsOf(patterns("/:year/:title/"), bundle), ["/2020/my-trip/"]);
    assert.deepEqual(formerUrlsOf(patterns({ posts: "/:filename/" }), bundle), ["/my-trip/"]);
    assert.deepEqual(formerUrlsOf(patterns("/blog/:path/"), bundle), ["/blog/posts/my-trip/index/"]);
  });

  test("Jekyll's :title is a written slug where there was one, else the file name; Hugo's :slug the slug, else the title", () => {
    const written = article("2020-01-01-File-Name.md", { title: "The Title", slug: "chosen", writtenSlug: "chosen", date: day(2020, 1, 1) });
    const none = article("2020-01-01-File-Name.md", { title: "The Title", slug: "file-name", writtenSlug: null, date: day(2020, 1, 1) });
    assert.deepEqual(formerUrlsOf(patterns("/:title/"), written), ["/chosen/"]);
    assert.deepEqual(formerUrlsOf(patterns("/:title/"), none), ["/File-Name/"]);
    assert.deepEqual(formerUrlsOf(patterns({ posts: "/:slug/" }), written), ["/chosen/"]);
    assert.deepEqual(formerUrlsOf(patterns({ posts: "/:slug/" }), none), ["/the-title/"]);
  });

  test("an empty name never makes the address of a whole folder; empty categories close up", () => {
    const untitled = article("x.md", { title: "?!", date: day(2020, 1, 1) });
    assert.deepEqual(formerUrlsOf(patterns({ posts: "/:year/:title/" }), untitled), []);
    assert.deepEqual(formerUrlsOf(patterns("/:categories/:year/:title/"), untitled), ["/2020/x/"]);
  });

  test("Jekyll's cleaning of the address: .. becomes /, ./ goes, slashes squeezed", () => {
    assert.deepEqual(formerUrlsOf(patterns("/:categories/:title/"), article("x.md", { categories: ["a..b", "./c"] })), ["/a/b/c/x/"]);
  });
});

describe("the setting", () => {
  test("forms: a pattern, a named style, a list, a Hugo table (also under page), nothing", () => {
    assert.deepEqual(patterns("/:year/:title.html"), [{ style: "jekyll", section: null, pattern: "/:year/:title.html" }]);
    assert.deepEqual(patterns("ordinal"), [{ style: "jekyll", section: null, pattern: "/:categories/:year/:y_day/:title:output_ext" }]);
    assert.deepEqual(patterns(["none", "weekdate"]).map((p) => p.pattern), ["/:categories/:title:output_ext", "/:categories/:year/W:week/:short_day/:title:output_ext"]);
    assert.deepEqual(patterns({ posts: ":year/:slug/" }), [{ style: "hugo", section: "posts", pattern: "/:year/:slug/" }]);
    assert.deepEqual(patterns(undefined), []);
    assert.deepEqual(patterns("toString"), [{ style: "jekyll", section: null, pattern: "/toString" }]);
  });

  const REFUSED: [setting: unknown, message: RegExp][] = [
    ["/:year/:foo/", /placeholder :foo, which neither Jekyll nor Hugo knows/],
    [{ posts: "/:sections[1:]/" }, /slice of :sections/],
    [{ posts: "/:06/:1/:title/" }, /placeholder :06/],
    ["/{{ page.date | toDatePath }}/{{ page.fileSlug }}/", /template expression \{\{ page\.date \| toDatePath \}\}/],
    ["/?p=:slug", /may not hold \?/],
    ["/../:slug/", /may not climb out/],
    [42, /must be a pattern/],
    [[""], /must be a pattern/],
    [{ posts: 3 }, /formerUrls\.posts must be a pattern/],
  ];
  for (const [setting, message] of REFUSED) {
    test(`refuses ${JSON.stringify(setting)}`, () => {
      const parsed = parseFormerUrls(setting);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.messages.join("\n"), message);
    });
  }
});

describe("the generators' own slug rules", () => {
  const JEKYLL: [text: string, mode: "default" | "pretty", cased: boolean, slug: string][] = [
    ["The _config.yml file", "default", false, "the-config-yml-file"],
    ["The _config.yml file", "pretty", false, "the-_config.yml-file"],
    ["The _config.yml file", "pretty", true, "The-_config.yml-file"],
    ["Café déjà vu!", "default", false, "café-déjà-vu"],
  ];
  for (const [text, mode, cased, slug] of JEKYLL) test(`Jekyll ${mode}${cased ? ", cased" : ""}: ${text} → ${slug}`, () => assert.equal(jekyllSlug(text, mode, cased), slug));

  const HUGO: [text: string, sanitized: string][] = [
    ["Hello, World!", "Hello-World"],
    ["What's new?", "Whats-new"],
    ["a  b", "a-b"],
    ["100% sure", "100-sure"],
    ["%C3%A9t%C3%A9", "%C3%A9t%C3%A9"],
    ["C++ & Go", "C++-Go"],
  ];
  for (const [text, sanitized] of HUGO) test(`Hugo: ${text} → ${sanitized}`, () => assert.equal(hugoSanitize(text), sanitized));
});
