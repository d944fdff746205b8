/**
 * A build of the repository's own five articles (articles/ copied into a temp project), run with
 * the process in a time zone far from UTC so a date parsed as UTC midnight would show a day early.
 * Each date appears at the precision its source supports; the Arabic part keeps its language.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import path from "node:path";
import { buildOk, REPO, removeTempDirs, tempDir } from "../helpers/project.ts";
import { readPage } from "../helpers/site.ts";

after(removeTempDirs);

const DATES: [article: string, datetime: string, shown: string][] = [
  ["us-withdraws-from-syria-bases-towards-iraq", "2020-01-08", "8 January 2020"],
  ["us-troops-leaving-syria-cannot-stay-in-iraq", "2019-10", "October 2019"],
  ["syrian-and-russian-chiefs-call-for-us-to-leave", "2019", "2019"],
  ["hadi-al-amiri-us-troops-need-to-leave-iraq", "2023-10-30T20:08", "30 October 2023, 20:08"],
  ["lavrentyev-us-withdrawal-from-iraq-then-syria", "2024-01-26", "26 January 2024"],
];

describe("the five real articles", () => {
  let out: string;
  let stderr: string;
  before(async () => {
    const root = await tempDir("real");
    await cp(path.join(REPO, "articles"), path.join(root, "articles"), { recursive: true });
    const result = await buildOk(root, { env: { TZ: "America/Los_Angeles" } });
    out = result.out;
    stderr = result.stderr;
  });

  for (const [article, datetime, shown] of DATES) {
    test(`${article} is dated "${shown}" (${datetime})`, async () => {
      const page = await readPage(out, `/articles/${article}/`);
      assert.ok(page.includes(`<time datetime="${datetime}">${shown}</time>`), `no <time datetime="${datetime}">${shown}</time>`);
      const home = await readPage(out, "/");
      assert.ok(home.includes(`<time datetime="${datetime}">${shown}</time>`), "the home page list shows another date");
    });
  }

  test("the Arabic section is marked up as Arabic, right to left, with its own heading", async () => {
    const page = await readPage(out, "/articles/lavrentyev-us-withdrawal-from-iraq-then-syria/");
    assert.match(page, /<div lang="ar" dir="rtl">\s*<h2 id="بغداد-تخطر-موسكو-باستعداد-واشنطن-لسحب-قواتها-من-العراق">بغداد تخطر موسكو باستعداد واشنطن لسحب قواتها من العراق<\/h2>/);
    assert.match(page, /<html lang="en">/);
  });

  test("the articles are filed by year and month, the year-only one under no month", async () => {
    for (const url of ["/archive/2019/10/", "/archive/2020/01/", "/archive/2023/10/", "/archive/2024/01/", "/archive/2019/"]) {
      await readPage(out, url);
    }
    const year = await readPage(out, "/archive/2019/");
    assert.match(year, /id="year-only"[\s\S]*\/articles\/syrian-and-russian-chiefs-call-for-us-to-leave\//);
  });

  test("nothing in them is dropped by the sanitizer: the build prints no warnings", () => {
    assert.doesNotMatch(stderr, /warning:/);
  });
});
