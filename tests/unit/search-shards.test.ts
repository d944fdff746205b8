/**
 * src/search/records.ts planShards: how the archive is split into search shards. Every article is
 * in exactly one shard, no shard is over the target (unless one month alone is), shards run
 * newest first, and growth in the newest year never changes an older shard (its cached index).
 * The target is about a twentieth of the archive, in powers of two from 512 to 2,048 (shardTarget);
 * the plans below pass one of 1,000 to keep their examples small.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDate } from "../../src/content/dates.ts";
import { buildArchive, type RenderedArticle } from "../../src/content/model.ts";
import { planShards, shardTarget } from "../../src/search/records.ts";
import { resolveSiteConfig } from "../../src/site-config.ts";

const SITE = resolveSiteConfig({ title: "T", description: "T.", url: "https://example.org", lang: "en", timeZone: "UTC" }, {});

function article(slug: string, date: string): RenderedArticle {
  const parsed = parseDate(date);
  assert.ok(parsed.ok, date);
  const meta = { title: slug, date: parsed.date, updated: null, source: null, authors: [], url: null, tags: [], categories: [], lang: null, summary: null, slug, draft: false, image: null, aliases: [], extra: {} };
  return { file: `articles/${slug}.md`, meta, body: { digest: slug, html: () => `<p>${slug}</p>` }, excerpt: slug, wordCount: 1, image: null };
}

/** `count` articles spread over the days of `year` (or only its first `months` months). */
function year(y: number, count: number, months = 12): RenderedArticle[] {
  return Array.from({ length: count }, (_, i) => article(`a-${y}-${i}`, `${y}-${String(1 + (i % months)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`));
}

const TARGET = 1000;
const plan = (articles: RenderedArticle[]) => planShards(buildArchive(articles, SITE), TARGET).map((s) => ({ name: s.name, slugs: s.articles.map((a) => a.slug) }));

test("a small archive is one shard named by its years", () => {
  const shards = plan([article("old", "2019"), article("mid", "2020-01-08"), article("new", "2024-01-26")]);
  assert.deepEqual(shards, [{ name: "2019-2024", slugs: ["new", "mid", "old"] }]);
});

test("the target grows with the archive in powers of two, so the plan changes only when the archive doubles", () => {
  assert.deepEqual([5, 1000, 10_000, 10_240, 10_241, 20_000, 40_000, 100_000].map(shardTarget), [512, 512, 512, 512, 1024, 1024, 2048, 2048]);
  // With the default target, a 10,000-article archive is some twenty shards of at most 512.
  const shards = planShards(buildArchive(Array.from({ length: 10 }, (_, y) => year(2010 + y, 1000)).flat(), SITE));
  assert.ok(shards.length >= 20 && shards.length <= 26, `${shards.length} shards`);
  assert.ok(shards.every((s) => s.articles.length <= 512));
});

test("years are grouped from the oldest up to the target; every article once, newest first", () => {
  const articles = [...year(2016, 400), ...year(2017, 400), ...year(2018, 400), ...year(2019, 700), ...year(2020, 300)];
  const archive = buildArchive(articles, SITE);
  const shards = planShards(archive, TARGET);
  assert.deepEqual(shards.map((s) => s.name), ["2019-2020", "2018", "2016-2017"]);
  assert.ok(shards.every((s) => s.articles.length <= TARGET));
  assert.deepEqual(shards.flatMap((s) => s.articles.map((a) => a.slug)), archive.articles.map((a) => a.slug));
});

test("an article added to the newest year changes the newest shard only", () => {
  const articles = [...year(2016, 900), ...year(2017, 900), ...year(2018, 500)];
  const before = plan(articles);
  const after = plan([...articles, article("breaking", "2018-12-31")]);
  assert.equal(after.length, before.length);
  assert.deepEqual(after.slice(1), before.slice(1));
  assert.deepEqual(after[0]!.slugs, ["breaking", ...before[0]!.slugs]);
});

test("a year bigger than a shard is split by month; its year-only articles are a piece of their own", () => {
  const articles = [...year(2020, 2400), article("sometime-2020", "2020"), article("also-2020", "2020")];
  const shards = plan(articles);
  assert.ok(shards.length >= 3);
  assert.ok(shards.every((s) => s.slugs.length <= TARGET));
  assert.equal(new Set(shards.flatMap((s) => s.slugs)).size, articles.length);
  // The oldest shard starts with the year-only piece, then January onwards.
  assert.match(shards.at(-1)!.name, /^2020-2020-\d\d$/);
  assert.deepEqual(shards.at(-1)!.slugs.slice(-2).sort(), ["also-2020", "sometime-2020"]);
  assert.match(shards[0]!.name, /-2020-12$/);
});

test("one month over the target stays whole: a month is never split", () => {
  const shards = plan(year(2021, TARGET + 50, 1));
  assert.deepEqual(shards.map((s) => [s.name, s.slugs.length]), [["2021-01", TARGET + 50]]);
});
