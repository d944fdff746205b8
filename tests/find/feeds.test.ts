// The feeds, read the way a feed reader reads them: parsed as XML and JSON from real builds, and
// checked entry by entry against the article files.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, projectFrom, realArticlesProject, removeTempDirs } from "../helpers/project.ts";
import { hashTree, listFiles } from "../helpers/site.ts";
import { EDGE, parseXml, plainText, sourceArticles, type SourceArticle } from "./find-helpers.ts";

after(removeTempDirs);

type Node = Record<string, any>;
const ATOM_ARRAYS = ["entry", "link", "author", "category"];
const text = (node: unknown): string => (typeof node === "string" ? node : String((node as Node)["#text"] ?? ""));
const linkOf = (node: Node, rel: string): string | undefined => (node.link as Node[]).find((l) => l["@_rel"] === rel)?.["@_href"];

/** Where the five real articles start, as Atom needs a full timestamp (site time zone UTC). */
const REAL_PUBLISHED: Record<string, string> = {
  "lavrentyev-us-withdrawal-from-iraq-then-syria": "2024-01-26T00:00:00Z",
  "hadi-al-amiri-us-troops-need-to-leave-iraq": "2023-10-30T20:08:00Z",
  "us-withdraws-from-syria-bases-towards-iraq": "2020-01-08T00:00:00Z",
  "us-troops-leaving-syria-cannot-stay-in-iraq": "2019-10-01T00:00:00Z",
  "syrian-and-russian-chiefs-call-for-us-to-leave": "2019-01-01T00:00:00Z",
};
/** What the archive shows for each, which the entry's content must say instead of the invented start. */
const REAL_SHOWN: Record<string, string> = {
  "lavrentyev-us-withdrawal-from-iraq-then-syria": "26 January 2024",
  "hadi-al-amiri-us-troops-need-to-leave-iraq": "30 October 2023, 20:08",
  "us-withdraws-from-syria-bases-towards-iraq": "8 January 2020",
  "us-troops-leaving-syria-cannot-stay-in-iraq": "October 2019",
  "syrian-and-russian-chiefs-call-for-us-to-leave": "2019",
};

describe("feeds of the five real articles", () => {
  let out: string;
  let articles: SourceArticle[];
  before(async () => {
    const root = await realArticlesProject("feeds-real");
    articles = await sourceArticles(root);
    ({ out } = await buildOk(root));
  });

  test("/feed.xml is Atom with every article, newest first, each entry matching its file", async () => {
    const feed = parseXml(await readFile(path.join(out, "feed.xml"), "utf8"), ATOM_ARRAYS).feed as Node;
    assert.equal(feed["@_xmlns"], "http://www.w3.org/2005/Atom");
    assert.equal(text(feed.title), "Withdrawal Watch: US forces in Syria and Iraq");
    assert.equal(linkOf(feed, "self"), "https://example.org/feed.xml");
    assert.equal(feed.updated, "2024-01-26T00:00:00Z", "a feed's updated is its newest entry's, never the build time");
    const entries = feed.entry as Node[];
    assert.deepEqual(
      entries.map((e) => linkOf(e, "alternate")),
      Object.keys(REAL_PUBLISHED).map((slug) => `https://example.org/articles/${slug}/`),
    );
    for (const entry of entries) {
      const slug = /\/articles\/([^/]+)\/$/.exec(linkOf(entry, "alternate")!)![1]!;
      const source = articles.find((a) => a.slug === slug)!;
      assert.equal(entry.id, `tag:example.org,2024:articles/${slug}`);
      assert.equal(text(entry.title), source.title);
      assert.equal(entry.published, REAL_PUBLISHED[slug]);
      assert.equal(entry.updated, REAL_PUBLISHED[slug], `${slug} was never updated`);
      assert.deepEqual((entry.category as Node[] | undefined)?.map((c) => c["@_label"]) ?? [], source.tags);
      assert.deepEqual((entry.author as Node[] | undefined)?.map((a) => a.name) ?? [], source.authors);
      const content = entry.content as Node;
      assert.equal(content["@_type"], "html");
      const body = plainText(text(content));
      assert.ok(body.startsWith(`${REAL_SHOWN[slug]}${source.source === null ? "" : ` · ${source.source}`} `), `${slug}: content starts "${body.slice(0, 60)}"`);
      for (const paragraph of source.paragraphs) assert.ok(body.includes(paragraph), `${slug}: the feed lacks "${paragraph.slice(0, 60)}…"`);
    }
  });

  test("the Arabic part of the Lavrentyev article is in its feed entry, in full", async () => {
    const feed = parseXml(await readFile(path.join(out, "feed.xml"), "utf8"), ATOM_ARRAYS).feed as Node;
    const entry = (feed.entry as Node[]).find((e) => String(e.id).endsWith(":articles/lavrentyev-us-withdrawal-from-iraq-then-syria"))!;
    assert.match(text(entry.content), /<div lang="ar" dir="rtl">/);
    assert.ok(plainText(text(entry.content)).includes("بغداد تخطر موسكو باستعداد واشنطن لسحب قواتها من العراق"));
  });

  test("/feed.json is JSON Feed 1.1 with the same entries, ids and dates as the Atom feed", async () => {
    const json = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8")) as Node;
    assert.equal(json.version, "https://jsonfeed.org/version/1.1");
    assert.equal(json.feed_url, "https://example.org/feed.json");
    assert.equal(json.home_page_url, "https://example.org/");
    const items = json.items as Node[];
    assert.deepEqual(
      items.map((i) => i.url),
      Object.keys(REAL_PUBLISHED).map((slug) => `https://example.org/articles/${slug}/`),
    );
    for (const item of items) {
      const slug = /\/articles\/([^/]+)\/$/.exec(item.url)![1]!;
      const source = articles.find((a) => a.slug === slug)!;
      assert.equal(item.id, `tag:example.org,2024:articles/${slug}`);
      assert.equal(item.title, source.title);
      assert.equal(item.date_published, REAL_PUBLISHED[slug]);
      assert.equal(item.date_modified, undefined);
      assert.deepEqual(item.tags, source.tags);
      assert.equal(item.language, source.lang);
      assert.deepEqual(item.authors?.map((a: Node) => a.name) ?? [], source.authors);
      const body = plainText(item.content_html);
      for (const paragraph of source.paragraphs) assert.ok(body.includes(paragraph), `${slug}: the JSON feed lacks "${paragraph.slice(0, 60)}…"`);
    }
  });

  test("each tag has an Atom feed of exactly its articles, linked from its page", async () => {
    const tags = [...new Set(articles.flatMap((a) => a.tags))];
    for (const tag of tags) {
      const slug = tag.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      const page = await readFile(path.join(out, "tags", slug, "index.html"), "utf8");
      assert.ok(page.includes(`<link rel="alternate" type="application/atom+xml" title="Withdrawal Watch: US forces in Syria and Iraq: ${tag}" href="/tags/${slug}/feed.xml">`), `the ${tag} page does not link its feed`);
      const feed = parseXml(await readFile(path.join(out, "tags", slug, "feed.xml"), "utf8"), ATOM_ARRAYS).feed as Node;
      assert.equal(linkOf(feed, "self"), `https://example.org/tags/${slug}/feed.xml`);
      assert.equal(linkOf(feed, "alternate"), `https://example.org/tags/${slug}/`);
      const expected = Object.keys(REAL_PUBLISHED).filter((s) => articles.find((a) => a.slug === s)!.tags.includes(tag));
      assert.deepEqual(
        (feed.entry as Node[]).map((e) => e.id),
        expected.map((s) => `tag:example.org,2024:articles/${s}`),
        `the ${tag} feed`,
      );
    }
  });

  test("every page links the site's Atom and JSON feeds", async () => {
    for (const file of (await listFiles(out)).filter((f) => f.endsWith(".html"))) {
      const page = await readFile(path.join(out, file), "utf8");
      assert.ok(page.includes(`<link rel="alternate" type="application/atom+xml" title="Withdrawal Watch: US forces in Syria and Iraq" href="/feed.xml">`), `${file} lacks the Atom link`);
      assert.ok(page.includes(`<link rel="alternate" type="application/feed+json" title="Withdrawal Watch: US forces in Syria and Iraq" href="/feed.json">`), `${file} lacks the JSON feed link`);
    }
  });
});

describe("feeds of awkward articles (edge fixture: Europe/Paris, feedSize 3)", () => {
  let out: string;
  let feedXml: string;
  before(async () => {
    ({ out } = await buildOk(await projectFrom("feeds-edge", EDGE)));
    feedXml = await readFile(path.join(out, "feed.xml"), "utf8");
  });

  test("the site feed holds the newest feedSize articles, zoned and wall-clock times in the site's zone", () => {
    const feed = parseXml(feedXml, ATOM_ARRAYS).feed as Node;
    assert.equal(text(feed.title), "Edge & <Cases> Archive");
    const entries = feed.entry as Node[];
    assert.deepEqual(
      entries.map((e) => [e.id, e.published, e.updated]),
      [
        ["tag:news.example,2021:articles/arabic", "2021-06-01T00:00:00+02:00", "2021-06-01T00:00:00+02:00"],
        // Written 23:30+03:00: 21:30 in Paris. Updated "2021-04-01": the start of that day, summer time.
        ["tag:news.example,2021:articles/zoned", "2021-03-05T21:30:00+01:00", "2021-04-01T00:00:00+02:00"],
        // Written with no zone: read in the site's.
        ["tag:news.example,2021:articles/wallclock", "2021-03-05T10:00:00+01:00", "2021-03-05T10:00:00+01:00"],
      ],
    );
    assert.equal(feed.updated, "2021-06-01T00:00:00+02:00");
  });

  test("markup in titles, names and addresses stays text; characters XML cannot carry are dropped", () => {
    const feed = parseXml(feedXml, ATOM_ARRAYS).feed as Node;
    const zoned = (feed.entry as Node[]).find((e) => String(e.id).endsWith(":articles/zoned"))!;
    assert.equal(text(zoned.title), `Ends </script><script>alert(1)</script> & "quotes" <!--`);
    assert.deepEqual((zoned.author as Node[]).map((a) => a.name), ["A. Writer", "Wire & Co <b>"]);
    assert.equal(linkOf(zoned, "related"), "https://wire.example/story?id=1&x=<2>");
    assert.ok(plainText(text(zoned.content)).startsWith("5 March 2021, 21:30 · Wire & Co <b> "));
    assert.doesNotMatch(feedXml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, "a control character would make the feed unreadable");
    assert.ok(plainText(text(zoned.content)).includes("A bell character here: ding"));
  });

  test("a tag feed lists the tag's newest articles; day-less dates start their period", async () => {
    const feed = parseXml(await readFile(path.join(out, "tags", "elections", "feed.xml"), "utf8"), ATOM_ARRAYS).feed as Node;
    assert.deepEqual(
      (feed.entry as Node[]).map((e) => [e.id, e.published]),
      [
        ["tag:news.example,2021:articles/zoned", "2021-03-05T21:30:00+01:00"],
        ["tag:news.example,2021:articles/wallclock", "2021-03-05T10:00:00+01:00"],
        ["tag:news.example,2021:articles/monthonly", "2020-02-01T00:00:00+01:00"],
      ],
    );
    const monthOnly = (feed.entry as Node[])[2]!;
    assert.ok(plainText(text(monthOnly.content)).startsWith("February 2020 · Monthly Review "), "the content shows the month, not an invented day");
  });

  test("the JSON feed keeps hostile values as plain strings and gives date_modified only when updated", async () => {
    const json = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8")) as Node;
    const items = json.items as Node[];
    assert.equal(json.title, "Edge & <Cases> Archive");
    assert.deepEqual(items.map((i) => i.id), ["arabic", "zoned", "wallclock"].map((s) => `tag:news.example,2021:articles/${s}`));
    const zoned = items[1]!;
    assert.equal(zoned.title, `Ends </script><script>alert(1)</script> & "quotes" <!--`);
    assert.equal(zoned.external_url, "https://wire.example/story?id=1&x=<2>");
    assert.equal(zoned.date_modified, "2021-04-01T00:00:00+02:00");
    assert.equal(items[0]!.language, "ar");
    assert.equal(items[0]!.date_modified, undefined);
  });
});

describe("feed entry ids", () => {
  test("stay the same when the site moves to another host and path, while links follow it", async () => {
    const root = await projectFrom("feeds-move", EDGE);
    const here = await buildOk(root, { out: path.join(root, "here") });
    const there = await buildOk(root, { out: path.join(root, "there"), args: ["--site-url", "https://mirror.example.org", "--path-prefix", "/archive-copy/"] });
    const entries = async (out: string) => (parseXml(await readFile(path.join(out, "feed.xml"), "utf8"), ATOM_ARRAYS).feed as Node).entry as Node[];
    const before = await entries(here.out);
    const after = await entries(there.out);
    assert.deepEqual(after.map((e) => e.id), before.map((e) => e.id));
    assert.deepEqual(
      after.map((e) => linkOf(e, "alternate")),
      ["arabic", "zoned", "wallclock"].map((s) => `https://mirror.example.org/archive-copy/articles/${s}/`),
    );
    const json = JSON.parse(await readFile(path.join(there.out, "feed.json"), "utf8")) as Node;
    assert.deepEqual((json.items as Node[]).map((i) => i.id), before.map((e) => e.id));
  });

  test("two builds of the same articles are byte-identical, feeds, sitemap and search index included", async () => {
    const root = await realArticlesProject("feeds-twice");
    const first = await buildOk(root, { out: path.join(root, "one") });
    const second = await buildOk(root, { out: path.join(root, "two") });
    const [a, b] = [await hashTree(first.out), await hashTree(second.out)];
    assert.ok(Object.keys(a).some((f) => /^pagefind\/[^/]+\/index\//.test(f)), "the search index is part of the build");
    assert.deepEqual(b, a);
  });
});
