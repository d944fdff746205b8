import { test } from "node:test";
import assert from "node:assert/strict";
import { textDirection } from "../../src/content/lang.ts";

test("right-to-left languages and scripts", () => {
  for (const lang of ["ar", "ar-SY", "he", "fa", "ur", "ckb", "az-Arab", "ku-Arab"]) assert.equal(textDirection(lang), "rtl", lang);
  for (const lang of ["en", "fr-CA", "ru", "ku", "ku-Latn", "tr", "zh-Hans"]) assert.equal(textDirection(lang), "ltr", lang);
});
