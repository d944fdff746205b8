// Sources and authors as pages of their own, on real builds: the people fixture (one outlet written
// four ways, several authors, an unsigned article, pageSize 2) and the repository's five articles.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { checkLinks } from "../helpers/links.ts";
import { buildOk, realArticlesProject, removeTempDirs } from "../helpers/project.ts";
import { anchorsIn, innerOf, itemTexts, listedArticles, mainOf, readPage, textOf } from "../helpers/site.ts";
import { peopleProject } from "./pictures.ts";

after(removeTempDirs);

const CONVOY = "A convoy leaves the base at dawn";
const SECOND = "A second report on the withdrawal";
const THIRD = "A third report, by another writer";
const UNSIGNED = "An unsigned report";
const WIRE = "A wire story with the same picture";

/** The JSON-LD of a page, parsed. */
function jsonLd(page: string): Record<string, unknown> {
  const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  assert.ok(script, "no JSON-LD script");
  return JSON.parse(script[1]!) as Record<string, unknown>;
}

describe("sources and authors in the people fixture", () => {
  let out: string;
  before(async () => {
    out = (await buildOk(await peopleProject("people-groups"))).out;
  });

  test("/sources/ lists each outlet once, in the spelling most of its articles use, with its count", async () => {
    const main = mainOf(await readPage(out, "/sources/"));
    assert.deepEqual(itemTexts(main), ["Reuters 1 article", "The Guardian 4 articles"]);
    // "the  guardian" and "THE GUARDIAN" are the same outlet, not sources of their own.
    assert.doesNotMatch(main, /the {2}guardian|THE GUARDIAN/);
    assert.match(textOf(main), /2 sources across 5 articles\./);
  });

  test("a source's page lists its articles newest first, two to a page, and links its Atom feed", async () => {
    const first = await readPage(out, "/sources/the-guardian/");
    assert.deepEqual(listedArticles(first), [CONVOY, SECOND]);
    assert.match(textOf(innerOf(first, "h1") ?? ""), /^Source The Guardian$/);
    assert.ok(anchorsIn(mainOf(first)).some((a) => a.href === "/sources/the-guardian/page/2/" && a.attributes.rel === "next"));
    assert.match(first, /<link rel="alternate" type="application\/atom\+xml" title="People and pictures: The Guardian" href="\/sources\/the-guardian\/feed.xml">/);
    const second = await readPage(out, "/sources/the-guardian/page/2/");
    assert.deepEqual(listedArticles(second), [THIRD, UNSIGNED]);
    assert.match(textOf(innerOf(second, "title") ?? ""), /The Guardian \(page 2 of 2\)/);
  });

  test("each source has an Atom feed of its own articles", async () => {
    const xml = await readFile(path.join(out, "sources", "the-guardian", "feed.xml"), "utf8");
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    const entries = [feed.entry].flat();
    assert.deepEqual(entries.map((e: { title: { "#text": string } }) => e.title["#text"]), [CONVOY, SECOND, THIRD, UNSIGNED]);
    assert.equal(feed.id, "tag:example.org,2024:sources/the-guardian");
    const reuters = new XMLParser().parse(await readFile(path.join(out, "sources", "reuters", "feed.xml"), "utf8")).feed;
    assert.equal([reuters.entry].flat().length, 1);
  });

  test("/authors/ lists every author with a count and says how many articles are unsigned", async () => {
    const main = mainOf(await readPage(out, "/authors/"));
    assert.deepEqual(itemTexts(main), ["Ahmad Karimi 1 article", "Jane Doe 3 articles", "John Roe 1 article"]);
    assert.match(textOf(main), /3 authors across 4 articles\. 1 article names no author\./);
  });

  test("an author's pages hold every article they wrote, alone or with others, across pages", async () => {
    assert.deepEqual(listedArticles(await readPage(out, "/authors/jane-doe/")), [CONVOY, SECOND]);
    assert.deepEqual(listedArticles(await readPage(out, "/authors/jane-doe/page/2/")), [WIRE]);
    assert.deepEqual(listedArticles(await readPage(out, "/authors/john-roe/")), [CONVOY]);
  });

  test("an article with two authors links each name in its byline to the author's page", async () => {
    const page = await readPage(out, "/articles/convoy-leaves-the-base/");
    const byline = /<p class="byline"[^>]*>([\s\S]*?)<\/p>/.exec(page)?.[1] ?? "";
    assert.equal(textOf(byline), "By Jane Doe, John Roe");
    assert.deepEqual(
      anchorsIn(byline).map((a) => [a.text, a.href]),
      [
        ["Jane Doe", "/authors/jane-doe/"],
        ["John Roe", "/authors/john-roe/"],
      ],
    );
  });

  test("an article's source links to the source's page in its canonical spelling, on the page and in lists", async () => {
    // Written "THE GUARDIAN" in its front-matter.
    const page = await readPage(out, "/articles/third-report/");
    const source = anchorsIn(/<p class="meta"[\s\S]*?<\/p>/.exec(mainOf(page))?.[0] ?? "").find((a) => a.href.startsWith("/sources/"));
    assert.deepEqual([source?.text, source?.href], ["The Guardian", "/sources/the-guardian/"]);
    const home = mainOf(await readPage(out, "/"));
    assert.ok(anchorsIn(home).some((a) => a.attributes.class === "source" && a.href === "/sources/the-guardian/"));
  });

  test("an article without an author has no byline and is on no author's page", async () => {
    const page = await readPage(out, "/articles/unsigned-report/");
    assert.doesNotMatch(page, /class="byline"/);
    for (const author of ["ahmad-karimi", "jane-doe", "john-roe"]) {
      assert.ok(!listedArticles(await readPage(out, `/authors/${author}/`)).includes(UNSIGNED));
    }
  });

  test("the home page and the archive link to the sources and authors beside the tags", async () => {
    const home = mainOf(await readPage(out, "/"));
    const aside = innerOf(home, "aside") ?? "";
    const lists = [...aside.matchAll(/<h2>([^<]*)<\/h2>\s*<ul[^>]*>([\s\S]*?)<\/ul>/g)].map((m) => [m[1], itemTexts(m[2]!)]);
    assert.deepEqual(lists, [
      ["Tags", ["Iraq 3 articles", "Syria 2 articles"]],
      // The most frequent first.
      ["Sources", ["The Guardian 4 articles", "Reuters 1 article"]],
      ["Authors", ["Jane Doe 3 articles", "Ahmad Karimi 1 article", "John Roe 1 article"]],
      ["Years", ["2024 5 articles"]],
    ]);
    assert.ok(anchorsIn(aside).some((a) => a.href === "/sources/"));
    assert.ok(anchorsIn(aside).some((a) => a.href === "/authors/"));
    const archive = anchorsIn(mainOf(await readPage(out, "/archive/"))).map((a) => a.href);
    for (const href of ["/tags/", "/sources/", "/authors/"]) assert.ok(archive.includes(href), `the archive does not link ${href}`);
  });

  test("JSON-LD names the authors as people and the source as publisher, each with its page", async () => {
    const data = jsonLd(await readPage(out, "/articles/convoy-leaves-the-base/"));
    assert.deepEqual(data.author, [
      { "@type": "Person", name: "Jane Doe", url: "https://example.org/authors/jane-doe/" },
      { "@type": "Person", name: "John Roe", url: "https://example.org/authors/john-roe/" },
    ]);
    assert.deepEqual(data.publisher, { "@type": "Organization", name: "The Guardian", url: "https://example.org/sources/the-guardian/" });
  });

  test("the sitemap has every source and author page, later pages included", async () => {
    const sitemap = await readFile(path.join(out, "sitemap.xml"), "utf8");
    for (const p of ["/sources/", "/sources/the-guardian/", "/sources/the-guardian/page/2/", "/sources/reuters/", "/authors/", "/authors/jane-doe/page/2/"]) {
      assert.match(sitemap, new RegExp(`<loc>https://example.org${p}</loc><lastmod>2024-`), `${p} missing from the sitemap`);
    }
  });

  test("no internal link or picture on any page is broken", async () => {
    const report = await checkLinks(out, { prefix: "/", siteUrl: "https://example.org" });
    assert.deepEqual(report.broken, []);
    assert.ok(report.checked > 100);
  });
});

describe("sources and bylines of the five real articles", () => {
  let out: string;
  before(async () => {
    out = (await buildOk(await realArticlesProject("people-real"), { args: ["--path-prefix", "/news/"] })).out;
  });

  for (const [slug, source, author] of [
    ["hadi-al-amiri-us-troops-need-to-leave-iraq", "al-mayadeen-english", "al-mayadeen-english"],
    ["us-withdraws-from-syria-bases-towards-iraq", "news-24h", "minh-tu"],
  ] as const) {
    // An author with the source's name (the agency signing its own story) is named once, as the source (issue 16).
    const sameName = source === author;
    test(`${slug} links its source${sameName ? ", and not again its author of the same name" : " and its author"}`, async () => {
      const main = mainOf(await readPage(out, `/articles/${slug}/`));
      const links = anchorsIn(main).map((a) => [a.text, a.href]);
      const names = { "al-mayadeen-english": "Al Mayadeen English", "news-24h": "News 24h", "minh-tu": "Minh Tu" };
      assert.ok(links.some(([t, h]) => t === names[source] && h === `/news/sources/${source}/`), `no link to the source: ${JSON.stringify(links)}`);
      assert.equal(links.some(([t, h]) => t === names[author] && h === `/news/authors/${author}/`), !sameName, `the link to the author: ${JSON.stringify(links)}`);
      assert.deepEqual(listedArticles(await readPage(out, `/sources/${source}/`)).length, 1);
      assert.deepEqual(listedArticles(await readPage(out, `/authors/${author}/`)).length, 1);
    });
  }

  test("the indexes count two sources and two authors; three articles name neither", async () => {
    assert.deepEqual(itemTexts(mainOf(await readPage(out, "/sources/"))), ["Al Mayadeen English 1 article", "News 24h 1 article"]);
    const authors = mainOf(await readPage(out, "/authors/"));
    assert.deepEqual(itemTexts(authors), ["Al Mayadeen English 1 article", "Minh Tu 1 article"]);
    assert.match(textOf(authors), /3 articles name no author\./);
  });

  test("every internal link still works under the path prefix", async () => {
    assert.deepEqual((await checkLinks(out, { prefix: "/news/", siteUrl: "https://example.org" })).broken, []);
  });
});
