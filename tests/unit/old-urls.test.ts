/**
 * src/site/old-urls.ts: every old address of an archive and the page it leads to, checked. Each case is
 * an archive (articles with their aliases, stubs, a former scheme) and the exact outcome: the
 * redirects, and every problem with its kind.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ArchiveDate } from "../../src/content/dates.ts";
import { parseFormerUrls, type FormerPattern } from "../../src/site/former-patterns.ts";
import { planRedirects, servedFile, sitePath, type AddressedArticle, type Redirect, type RedirectStub } from "../../src/site/old-urls.ts";

const day = (year: number, month: number, d: number): ArchiveDate => ({ precision: "day", year, month, day: d });
const SITE = { url: "https://example.org", pathPrefix: "/" };

function scheme(setting: unknown): FormerPattern[] {
  const parsed = parseFormerUrls(setting);
  if (!parsed.ok) throw new Error(parsed.messages.join("\n"));
  return parsed.patterns;
}

function article(name: string, more: Partial<AddressedArticle> = {}): AddressedArticle {
  const slug = name.replace(/^\d{4}-\d{2}-\d{2}-/, "");
  return { file: `articles/${name}.md`, path: `/articles/${slug}/`, title: `Title of ${slug}`, slug, date: null, categories: [], aliases: [], ...more };
}

const PAGES = ["/", "/tags/", "/tags/syria/", "/feed.xml", "/style.css", "/404.html", "/articles/a/", "/articles/b/"];

interface Case {
  name: string;
  articles: AddressedArticle[];
  stubs?: RedirectStub[];
  formerUrls?: unknown;
  site?: { url: string; pathPrefix: string };
  redirects: Redirect[];
  /** kind, file, field and the start of the message. */
  errors?: [string, string, string, string][];
  warnings?: [string, string, string, string][];
}

const a = (more: Partial<AddressedArticle> = {}) => article("2019-10-01-a", more);
const b = (more: Partial<AddressedArticle> = {}) => article("2020-01-08-b", more);
const toA = (from: string, file = "articles/2019-10-01-a.md"): Redirect => ({ from, to: "/articles/a/", title: "Title of a", file });
const toB = (from: string): Redirect => ({ from, to: "/articles/b/", title: "Title of b", file: "articles/2020-01-08-b.md" });

const CASES: Case[] = [
  {
    name: "aliases and the former scheme, sorted by address; an alias the scheme also gives is one redirect",
    articles: [a({ date: day(2019, 10, 1), aliases: ["/2019/10/01/a.html", "/old/a/"] }), b({ date: day(2020, 1, 8) })],
    formerUrls: "/:year/:month/:day/:title.html",
    redirects: [toA("/2019/10/01/a.html"), toB("/2020/01/08/b.html"), toA("/old/a/")],
  },
  {
    name: "addresses as archives write them: no leading slash, percent-encoded, doubled slashes, a #fragment",
    articles: [a({ aliases: ["2014/12/12/1.0-Timeline.html", "/blog/caf%C3%A9/", "//x//y/", "/z/#top"] })],
    redirects: [toA("/2014/12/12/1.0-Timeline.html"), toA("/blog/café/"), toA("/z/")],
    errors: [["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "//x//y/" is not a path on this site']],
  },
  {
    name: "the article's own page is no news; another page of the site keeps its place, with a warning",
    articles: [a({ aliases: ["/articles/a/", "/articles/a", "/tags/", "/tags", "/feed.xml", "/feed.xml/old/", "/style.css"] })],
    redirects: [],
    warnings: [
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/tags/" is a page of this site, so it cannot redirect to /articles/a/'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/tags" is served from the same file as /tags/, a page of this site'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/feed.xml" is a page of this site'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/feed.xml/old/" would have to be written inside /feed.xml, a file of this site'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/style.css" is a page of this site'],
    ],
  },
  {
    name: "two articles claiming one old address: the first by file keeps it; the scheme yields to an alias",
    articles: [b({ aliases: ["/shared/"], date: day(2020, 1, 8) }), a({ aliases: ["/shared/", "/2020/b/"] })],
    formerUrls: "/:year/:title/",
    redirects: [toA("/2020/b/"), toA("/shared/")],
    warnings: [
      ["redirect-invalid", "articles/2020-01-08-b.md", "aliases", 'the old address "/shared/" is also an old address of articles/2019-10-01-a.md'],
      ["redirect-invalid", "articles/2020-01-08-b.md", "formerUrls", 'the old address "/2020/b/" is also an old address of articles/2019-10-01-a.md'],
    ],
  },
  {
    name: "an old address a file at another would have to hold, and the other way round",
    articles: [a({ aliases: ["/x.html"] }), b({ aliases: ["/x.html/y/", "/m.html/n/"] }), article("2021-01-01-c", { aliases: ["/m.html"] })],
    redirects: [toB("/m.html/n/"), toA("/x.html")],
    warnings: [
      ["redirect-invalid", "articles/2020-01-08-b.md", "aliases", 'the old address "/x.html/y/" cannot have a page beside "/x.html", an old address of articles/2019-10-01-a.md'],
      ["redirect-invalid", "articles/2021-01-01-c.md", "aliases", 'the old address "/m.html" cannot have a page beside "/m.html/n/", an old address of articles/2020-01-08-b.md'],
    ],
  },
  {
    name: "unsafe addresses are errors; a query, which no static host tells apart, a warning",
    articles: [a({ aliases: ["/../etc/passwd", "/a/%2e%2e/b/", "/a%2Fb/", "/a\\b/", "/a\u0000/", "javascript:alert(1)", "/?p=123", `/${"x".repeat(256)}/`] })],
    redirects: [],
    errors: [
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/../etc/passwd" climbs with . or ..'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/a/%2e%2e/b/" climbs with . or ..'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/a%2Fb/" holds a backslash, an encoded slash or a control character'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/a\\b/" holds a backslash'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/a\u0000/" holds a backslash'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "javascript:alert(1)" is not a path on this site'],
      ["redirect-invalid", "articles/2019-10-01-a.md", "aliases", `the old address "/${"x".repeat(256)}/" has a part too long`],
    ],
    warnings: [["redirect-invalid", "articles/2019-10-01-a.md", "aliases", 'the old address "/?p=123" has a ?query']],
  },
  {
    name: "stubs: their redirect_from and their own address under the scheme; a stub to another old address leads on",
    articles: [a({ aliases: ["/2019/10/01/a.html"] })],
    stubs: [
      { file: "articles/2015-06-01-moved.md", line: 2, to: "/2019/10/01/a.html", from: ["/moved-too/"] },
      { file: "articles/away.md", line: 3, to: "https://elsewhere.example/x", from: ["/away/"] },
      { file: "articles/home.md", to: "https://example.org/articles/b/#part", from: ["/home-old/"] },
    ],
    formerUrls: "/:year/:month/:day/:title.html",
    redirects: [
      { from: "/2015/06/01/moved.html", to: "/articles/a/", title: "Title of a", file: "articles/2015-06-01-moved.md" },
      toA("/2019/10/01/a.html"),
      { from: "/away/", to: "https://elsewhere.example/x", title: null, file: "articles/away.md" },
      { from: "/home-old/", to: "/articles/b/#part", title: null, file: "articles/home.md" },
      { from: "/moved-too/", to: "/articles/a/", title: "Title of a", file: "articles/2015-06-01-moved.md" },
    ],
  },
  {
    name: "a stub under a path prefix: its own site's full address becomes a path",
    articles: [],
    site: { url: "https://user.github.io", pathPrefix: "/news/" },
    stubs: [{ file: "articles/old.md", to: "https://user.github.io/news/articles/a/", from: ["/old/"] }],
    redirects: [{ from: "/old/", to: "/articles/a/", title: null, file: "articles/old.md" }],
  },
  {
    name: "a stub leading nowhere on the site is kept with a warning; stubs in a circle are dropped; a stub to javascript: is an error",
    articles: [],
    stubs: [
      { file: "articles/gone.md", line: 2, to: "/no/such/page/", from: ["/gone/"] },
      { file: "articles/p.md", to: "/q/", from: ["/p/"] },
      { file: "articles/q.md", to: "/p/", from: ["/q/"] },
      { file: "articles/x.md", line: 4, to: "javascript:alert(1)", from: ["/x/"] },
    ],
    redirects: [{ from: "/gone/", to: "/no/such/page/", title: null, file: "articles/gone.md" }],
    errors: [["redirect-invalid", "articles/x.md", "redirect_to", '"javascript:alert(1)" is neither a path on this site nor an http(s) address']],
    warnings: [
      ["link-broken", "articles/gone.md", "redirect_to", '"/gone/" redirects to /no/such/page/, which is not a page of this site'],
      ["redirect-invalid", "articles/p.md", "redirect_to", '"/p/" redirects in a circle back to itself'],
      ["redirect-invalid", "articles/q.md", "redirect_to", '"/q/" redirects in a circle back to itself'],
    ],
  },
  {
    name: "an undated article has no address under a dated scheme, and no problem for it",
    articles: [a({ date: null })],
    formerUrls: ["/:year/:title/", "/:title.html"],
    redirects: [toA("/a.html")],
  },
];

describe("planRedirects", () => {
  for (const c of CASES) {
    test(c.name, () => {
      const planned = planRedirects({ patterns: scheme(c.formerUrls), articles: c.articles, stubs: c.stubs ?? [], taken: PAGES, site: c.site ?? SITE });
      assert.deepEqual(planned.redirects, c.redirects);
      const summary = (problems: typeof planned.errors, expected: [string, string, string, string][]) =>
        problems.map((p, i) => [p.kind, p.file, p.field, expected[i] !== undefined && p.message.startsWith(expected[i]![3]) ? expected[i]![3] : p.message]);
      assert.deepEqual(summary(planned.errors, c.errors ?? []), c.errors ?? [], "errors");
      assert.deepEqual(summary(planned.warnings, c.warnings ?? []), c.warnings ?? [], "warnings");
      for (const p of [...planned.errors, ...planned.warnings]) assert.ok(p.fix.length > 0, `${p.message} has no fix`);
    });
  }

  test("a stub's line is given with its problems", () => {
    const planned = planRedirects({ patterns: [], articles: [], stubs: [{ file: "articles/x.md", line: 4, to: "mailto:x@example.org", from: [] }], taken: PAGES, site: SITE });
    assert.equal(planned.errors[0]?.line, 4);
  });
});

describe("sitePath", () => {
  const CASES: [raw: string, path: string | null][] = [
    ["/a/b/", "/a/b/"],
    ["a/b", "/a/b"],
    ["  /a/b.html  ", "/a/b.html"],
    ["/a//b///", "/a/b/"],
    ["/", "/"],
    ["/a/#frag", "/a/"],
    ["/caf%C3%A9/", "/café/"],
    ["/100%/", "/100%/"],
    ["/a b/", "/a b/"],
    ["/./a/", null],
    ["/a/../b/", null],
    ["http://x/y/", null],
    ["//x/y/", null],
    ["/x?y", null],
  ];
  for (const [raw, expected] of CASES) {
    test(`${JSON.stringify(raw)} → ${expected ?? "refused"}`, () => {
      const checked = sitePath(raw);
      assert.deepEqual(checked.ok ? checked.path : null, expected);
    });
  }
});

describe("servedFile", () => {
  const CASES: [sitePath: string, file: string][] = [
    ["/", "index.html"],
    ["/a/b/", "a/b/index.html"],
    ["/a/b", "a/b/index.html"],
    ["/a/b.html", "a/b.html"],
    ["/a/b.HTM", "a/b.HTM"],
    ["/feed.xml", "feed.xml"],
    ["/old/page.php", "old/page.php"],
    ["/en/blog/release/v8.0.0", "en/blog/release/v8.0.0/index.html"],
    ["/2014/12/12/1.0-Timeline", "2014/12/12/1.0-Timeline/index.html"],
    ["/node.js", "node.js"],
  ];
  for (const [sitePathText, file] of CASES) test(`${sitePathText} → ${file}`, () => assert.equal(servedFile(sitePathText), file));
});
