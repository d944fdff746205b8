/**
 * src/site/links.ts: each way an archive links to its own pages, resolved to this site's address (under
 * a path prefix), or left as written with a warning. One site, and a table of links from one of
 * its articles with the href each becomes and the warning it raises, if any.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { hrefOf, linkResolver, type BodyLink, type LinkTarget } from "../../src/site/links.ts";
import { linkTo } from "../../src/content/urls.ts";
import type { Redirect } from "../../src/site/old-urls.ts";
import { resolveSiteConfig } from "../../src/site-config.ts";

const A = "articles/2019-10-01-a.md";
const B = "articles/2019/2019-10-02-b.md";

const SITE = {
  articles: [
    { file: A, path: "/articles/a/", ids: ["intro", "second-part", "café"] },
    { file: B, path: "/articles/b/", ids: [] },
    { file: "articles/posts/my-trip/index.md", path: "/articles/my-trip/", ids: ["day-2"] },
    { file: "articles/notes/x.md", path: "/articles/notes-x/", ids: [] },
    { file: "articles/other/x.md", path: "/articles/other-x/", ids: [] },
  ],
  pages: ["/", "/tags/syria/", "/tags/café/", "/style.css", "/files/report.pdf"],
  redirects: [
    { from: "/2019/10/01/a.html", to: "/articles/a/", title: "A", file: A },
    { from: "/2019/10/02/b.html", to: "/articles/b/", title: "B", file: B },
    { from: "/old-b/", to: "/articles/b/", title: "B", file: B },
    { from: "/away/", to: "https://elsewhere.example/x", title: null, file: "articles/away.md" },
  ] satisfies Redirect[],
  formerSite: null,
};
const resolver = linkResolver(SITE);
/** The hrefs a page of the site under /news/ holds. */
const underNews = (resolved: ReturnType<typeof resolver>) => ({ hrefs: resolved.hrefs.map((h) => hrefOf(h, linkTo("/news/"))), warnings: resolved.warnings });
const resolve = (from: string, links: readonly BodyLink[]) => underNews(resolver(from, links));

const href = (h: string): LinkTarget => ({ kind: "href", href: h });
const ref = (via: "post_url" | "link" | "ref" | "relref", r: string, fragment: string | null = null): LinkTarget => ({ kind: "ref", via, ref: r, fragment });

/** From, link, the href it becomes, and the start of its warning's message (null: none). */
const CASES: [from: string, target: LinkTarget, href: string, warning: string | null][] = [
  // A markdown file's path, as GitHub and Hugo read it: from the linking article's folder.
  [A, href("2019/2019-10-02-b.md"), "/news/articles/b/", null],
  [B, href("../2019-10-01-a.md#intro"), "/news/articles/a/#intro", null],
  [B, href("./2019-10-01-a.md#nope"), "/news/articles/a/#nope", "the link to \"./2019-10-01-a.md#nope\" points at #nope, which /articles/a/ does not have"],
  // A path from another layout of the folders (Jekyll's _posts/), found by its last parts.
  [A, href("/_posts/2019-10-02-b.md"), "/news/articles/b/", null],
  // The old site's addresses, and relative links written for them.
  [A, href("/2019/10/02/b.html"), "/news/articles/b/", null],
  [B, href("../01/a.html#second-part"), "/news/articles/a/#second-part", null],
  // A heading id as another generator spelled it (Zola's second-part for GitHub's secondpart): the one it means.
  [B, href("../2019-10-01-a.md#second_part"), "/news/articles/a/#second-part", null],
  [A, href("/old-b/?ref=feed"), "/news/articles/b/?ref=feed", null],
  [A, href("/away/"), "https://elsewhere.example/x", null],
  // The site's own pages and public/'s files, however the address is spelled.
  [A, href("/tags/syria"), "/news/tags/syria/", null],
  [A, href("/tags/caf%C3%A9/"), "/news/tags/café/", null],
  [A, href("/articles/a/#caf%C3%A9"), "/news/articles/a/#caf%C3%A9", null],
  [A, href("/files/report.pdf"), "/news/files/report.pdf", null],
  [A, href("../my-trip/"), "/news/articles/my-trip/", null],
  // Jekyll's tags and Hugo's shortcodes.
  [A, ref("post_url", "2019-10-02-b"), "/news/articles/b/", null],
  [A, ref("post_url", "2019/2019-10-02-b"), "/news/articles/b/", null],
  [B, ref("link", "_posts/2019-10-01-a.md", "intro"), "/news/articles/a/#intro", null],
  [A, ref("relref", "my-trip"), "/news/articles/my-trip/", null],
  [A, ref("ref", "/posts/my-trip/index.md", "day-2"), "/news/articles/my-trip/#day-2", null],
  [A, ref("relref", "posts/my-trip"), "/news/articles/my-trip/", null],
  [A, ref("relref", "notes/x.md"), "/news/articles/notes-x/", null],
  // What leads nowhere here is left as written.
  [A, ref("relref", "x.md"), "x.md", "the link to {{< relref \"x.md\" >}} could mean any of articles/notes/x.md, articles/other/x.md"],
  [A, ref("post_url", "2001-01-01-missing", "f"), "2001-01-01-missing#f", "the link to {% post_url 2001-01-01-missing#f %} is not an article of this archive"],
  [A, href("/no/such/page/"), "/no/such/page/", "the link to \"/no/such/page/\" is not a page of this site"],
  [A, href("other.html"), "other.html", "the link to \"other.html\" is not a page of this site"],
  [A, href("README.md"), "README.md", "the link to \"README.md\" is not an article of this archive"],
];

describe("linkResolver", () => {
  for (const [from, target, expected, warning] of CASES) {
    const written = target.kind === "href" ? target.href : `${target.via} ${target.ref}${target.fragment === null ? "" : `#${target.fragment}`}`;
    test(`${from.replace("articles/", "")}: ${written} → ${expected}${warning === null ? "" : " (warning)"}`, () => {
      const { hrefs, warnings } = resolve(from, [{ target, line: 7 }]);
      assert.deepEqual(hrefs, [expected]);
      assert.deepEqual(
        warnings.map((w) => [w.kind, w.file, w.field, w.line, w.message.slice(0, warning?.length ?? 0)]),
        warning === null ? [] : [["link-broken", from, "body", 7, warning]],
      );
      for (const w of warnings) assert.ok(w.fix.length > 0);
    });
  }

  test("one href per link, in order, with every warning", () => {
    const links: BodyLink[] = [{ target: href("/nowhere/") }, { target: href("/tags/syria/"), line: 3 }, { target: ref("post_url", "nope"), line: 4 }];
    const { hrefs, warnings } = resolve(A, links);
    assert.deepEqual(hrefs, ["/nowhere/", "/news/tags/syria/", "nope"]);
    assert.deepEqual(warnings.map((w) => w.line), [undefined, 4]);
  });
});

describe("linkResolver with formerSite: a page of the old site that this archive does not hold", () => {
  const resolverOld = linkResolver({ ...SITE, formerSite: "https://old.example" });
  const resolveOld = (from: string, links: readonly BodyLink[]) => underNews(resolverOld(from, links));
  const cases: [from: string, target: LinkTarget, href: string, broken: boolean][] = [
    [A, href("/docs/install/?v=2#step-1"), "https://old.example/docs/install/?v=2#step-1", false],
    // Relative to the article's address on the old site.
    [B, href("../../../about/"), "https://old.example/about/", false],
    // This site's own pages still win.
    [A, href("/2019/10/02/b.html"), "/news/articles/b/", false],
    // Without an old address, a relative link cannot be placed on the old site; a missing post is still missing.
    [A + "x", href("other.html"), "other.html", true],
    [A, ref("post_url", "2001-01-01-missing"), "2001-01-01-missing", true],
    // A Hugo page the archive did not bring, where Hugo published it.
    [A, ref("ref", "/topics/mobile"), "https://old.example/topics/mobile/", false],
    [A, ref("relref", "guides/dap/_index.md", "setup"), "https://old.example/guides/dap/#setup", false],
    [A, ref("ref", "./sibling.md"), "./sibling.md", true],
  ];
  for (const [from, target, expected, broken] of cases) {
    test(`${target.kind === "href" ? target.href : target.ref} → ${expected}`, () => {
      const { hrefs, warnings } = resolveOld(from, [{ target }]);
      assert.deepEqual(hrefs, [expected]);
      assert.equal(warnings.length, broken ? 1 : 0);
    });
  }
});

describe("formerSite in site.json", () => {
  const base = { title: "T", url: "https://new.example" };
  test("an old site's address, its trailing slash dropped", () => {
    assert.equal(resolveSiteConfig({ ...base, formerSite: "https://old.example/" }, {}).formerSite, "https://old.example");
    assert.equal(resolveSiteConfig(base, {}).formerSite, null);
  });
  for (const bad of ["old.example", "https://old.example/blog", "javascript:alert(1)"]) {
    test(`refuses ${bad}`, () => assert.throws(() => resolveSiteConfig({ ...base, formerSite: bad }, {}), /formerSite .* must be the old site's address/));
  }
});
