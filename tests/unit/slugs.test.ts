/**
 * src/content/slugs.ts: slugs become folder names under the output folder, so only letters, digits and
 * single hyphens may get through — nothing that climbs out of a folder or names a hidden file.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkSlug, MAX_SLUG_BYTES, slugify } from "../../src/content/slugs.ts";

describe("slugify", () => {
  const CASES: [string, string][] = [
    ["Syria", "syria"],
    ["US troop withdrawal", "us-troop-withdrawal"],
    ["Deir ez-Zor", "deir-ez-zor"],
    ["Iraq's Hadi Al-Amiri", "iraqs-hadi-al-amiri"],
    ["  Q&A -- 2020!  ", "q-a-2020"],
    ["Ğarf an-Naṣr", "garf-an-nasr"],
    ["Ḥasakah", "hasakah"],
    ["Ñandú Café", "nandu-cafe"],
    ["بغداد تخطر موسكو", "بغداد-تخطر-موسكو"],
    ["Straße", "straße"],
    ["../", ""],
    ["../../etc", "etc"],
    ["..\\..\\windows", "windows"],
    ["%2e%2e", "2e-2e"],
    ["%2e%2e%2fetc", "2e-2e-2fetc"],
    ["a\u0000b", "a-b"],
    ["?!…", ""],
    [".hidden", "hidden"],
  ];
  for (const [text, slug] of CASES) {
    test(`${JSON.stringify(text)} → ${JSON.stringify(slug)}`, () => assert.equal(slugify(text), slug));
  }

  test("every slugified text is a safe path segment or empty", () => {
    for (const [text] of CASES) {
      const slug = slugify(text);
      assert.doesNotMatch(slug, /[/\\.\0%]/, text);
    }
  });
});

describe("checkSlug", () => {
  const GOOD = ["syria", "deir-ez-zor", "2019", "us-troops-2020", "بغداد-تخطر", "straße"];
  for (const slug of GOOD) test(`accepts ${JSON.stringify(slug)}`, () => assert.deepEqual(checkSlug(slug), { ok: true }));

  const BAD: [string, string][] = [
    ["", "it has no letters or digits to make a URL from"],
    ["../", "a slug is lowercase letters, digits and single hyphens"],
    ["../../etc", "a slug is lowercase letters, digits and single hyphens"],
    ["..", "a slug is lowercase letters, digits and single hyphens"],
    ["%2e%2e", "a slug is lowercase letters, digits and single hyphens"],
    ["a/b", "a slug is lowercase letters, digits and single hyphens"],
    ["a\\b", "a slug is lowercase letters, digits and single hyphens"],
    ["a\u0000b", "a slug is lowercase letters, digits and single hyphens"],
    ["Syria", "a slug is lowercase letters, digits and single hyphens"],
    ["deir ez-zor", "a slug is lowercase letters, digits and single hyphens"],
    ["a--b", "a slug is lowercase letters, digits and single hyphens"],
    ["-a", "a slug is lowercase letters, digits and single hyphens"],
    ["a-", "a slug is lowercase letters, digits and single hyphens"],
    [".hidden", "a slug is lowercase letters, digits and single hyphens"],
    ["garf-an-nas\u0323r", "a slug is lowercase letters, digits and single hyphens"],
  ];
  for (const [slug, reason] of BAD) {
    test(`refuses ${JSON.stringify(slug)}`, () => assert.deepEqual(checkSlug(slug), { ok: false, reason }));
  }

  test(`refuses slugs over ${MAX_SLUG_BYTES} bytes of UTF-8, counting bytes rather than letters`, () => {
    const tooLong = { ok: false, reason: `it is longer than ${MAX_SLUG_BYTES} bytes, too long for a URL` };
    assert.deepEqual(checkSlug("a".repeat(MAX_SLUG_BYTES)), { ok: true });
    assert.deepEqual(checkSlug("a".repeat(MAX_SLUG_BYTES + 1)), tooLong);
    // 61 Arabic letters are 122 bytes.
    assert.deepEqual(checkSlug("ب".repeat(60)), { ok: true });
    assert.deepEqual(checkSlug("ب".repeat(61)), tooLong);
    assert.deepEqual(checkSlug(slugify("a very long headline ".repeat(20))), tooLong);
  });
});
