// Related articles: on the real five (built), on a fixture where one article shares only a tag
// every article has (built), and the ranking function's own promises (rarity, time, the bound).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildOk, projectFrom, realArticlesProject, removeTempDirs } from "../helpers/project.ts";
import { anchorsIn, innerOf, readPage } from "../helpers/site.ts";
import { relatedIndices, RELATED_DEFAULTS, type RelatedInput } from "../../src/content/related.ts";
import { EDGE } from "./find-helpers.ts";

after(removeTempDirs);

/** The slugs an article page lists under "Related articles", in order; null when it has no such section. */
async function relatedOn(out: string, slug: string): Promise<string[] | null> {
  const page = await readPage(out, `/articles/${slug}/`);
  const section = innerOf(page, "aside", ` class="related"`);
  if (section === undefined) return null;
  assert.match(section, /<h2 id="related-title">Related articles<\/h2>/);
  return anchorsIn(section).map((a) => /\/articles\/([^/]+)\/$/.exec(a.href)![1]!);
}

const H = "hadi-al-amiri-us-troops-need-to-leave-iraq"; // 2023-10: Gaza, Iraqi resistance, attacks on US bases, Deir ez-Zor…
const L = "lavrentyev-us-withdrawal-from-iraq-then-syria"; // 2024-01: Gaza, Iraqi resistance, attacks on US bases, Russia…
const S = "syrian-and-russian-chiefs-call-for-us-to-leave"; // 2019: Russia, Iran, Donald Trump, Islamic State, Deir ez-Zor
const T = "us-troops-leaving-syria-cannot-stay-in-iraq"; // 2019-10: Donald Trump, Islamic State
const W = "us-withdraws-from-syria-bases-towards-iraq"; // 2020-01: Russia, Iran, Donald Trump, attacks on US bases

describe("related articles of the five real articles", () => {
  let out: string;
  before(async () => {
    ({ out } = await buildOk(await realArticlesProject("related-real")));
  });

  test("the two 2023–24 articles about Gaza and the Iraqi resistance come first for each other", async () => {
    assert.equal((await relatedOn(out, H))?.[0], L);
    assert.equal((await relatedOn(out, L))?.[0], H);
  });

  test("each list is exactly what shared rarer tags give, best first", async () => {
    // Syria and US troop withdrawal are on all five, Iraq on four of five: they never relate two
    // articles on their own, so the October 2019 article is not related to the 2023–24 ones.
    assert.deepEqual(await relatedOn(out, H), [L, S, W]);
    assert.deepEqual(await relatedOn(out, L), [H, W, S]);
    assert.deepEqual(await relatedOn(out, S), [W, T, H, L]);
    assert.deepEqual(await relatedOn(out, T), [S, W]);
    // The 2020 article shares as much with October 2019 as with October 2023: the nearer comes first.
    assert.deepEqual(await relatedOn(out, W), [S, L, T, H]);
  });

  test("related links carry the article's title and date", async () => {
    const page = await readPage(out, `/articles/${T}/`);
    const section = innerOf(page, "aside", ` class="related"`)!;
    assert.match(section, /Syrian and Russian Chiefs of Staff call for US military to leave<\/a> <span class="meta"><time datetime="2019">2019<\/time>/);
  });
});

describe("related articles when there is nothing in common", () => {
  test("an article sharing only a tag that every article has shows no related section at all", async () => {
    const { out } = await buildOk(await projectFrom("related-edge", EDGE));
    assert.equal(await relatedOn(out, "loner"), null);
    assert.equal((await readPage(out, "/articles/loner/")).includes("Related articles"), false);
    // And it is never offered as related to the others.
    for (const slug of ["zoned", "wallclock", "monthonly", "yearonly", "arabic"]) {
      const related = await relatedOn(out, slug);
      assert.ok(related !== null && !related.includes("loner"), slug);
    }
  });
});

describe("the ranking (src/content/related.ts)", () => {
  const item = (day: number, ...tags: string[]): RelatedInput => ({ day, tags });

  test("a rarer shared tag outweighs a commoner one; an article is never its own relative", () => {
    const items = [
      item(0, "rare", "mid"),
      item(0, "rare"), // shares the rare tag (2 of 8)
      item(0, "mid"), // shares a tag on 4 of 8
      item(0, "mid"),
      item(0, "mid"),
      item(0, "other"),
      item(0, "other"),
      item(0, "other"),
    ];
    const [first] = relatedIndices(items);
    assert.deepEqual(first, [1, 2, 3, 4]);
  });

  test("at most five, nearer in time first among equals", () => {
    // Nine articles 100 days apart share "topic"; 0–1 also share "pair", 2–8 share "x".
    const items = Array.from({ length: 9 }, (_, i) => item(i * 100, "topic", i < 2 ? "pair" : "x"));
    items.push(...Array.from({ length: 20 }, (_, i) => item(5000 + i, "filler")));
    const related = relatedIndices(items);
    // For 4: those sharing two tags, nearest first (3 before 5 on a tie: the lower index); 0 and 1 share one.
    assert.deepEqual(related[4], [3, 5, 2, 6, 7]);
    assert.deepEqual(related[0], [1, 2, 3, 4, 5]);
  });

  test("a big tag only brings in the `window` articles on either side in date order, not all its articles", () => {
    // 30 articles share "t" (with 30 others, so "t" is not on nearly every article). The caller's
    // order is the date order except for the last, placed out of order on the first's day: were the
    // whole tag scanned, it would be the first's nearest relative; with a window of 5 it is never seen.
    const items = Array.from({ length: 30 }, (_, i) => item(i === 29 ? 0 : i * 10, "t"));
    items.push(...Array.from({ length: 30 }, (_, i) => item(i, "other")));
    assert.deepEqual(relatedIndices(items, { ...RELATED_DEFAULTS, window: 5 })[0], [1, 2, 3, 4, 5]);
    assert.deepEqual(relatedIndices(items, { ...RELATED_DEFAULTS, window: 100 })[0], [29, 1, 2, 3, 4], "a small tag is scanned whole");
  });
});
