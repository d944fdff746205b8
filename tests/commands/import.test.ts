/**
 * `news-archive import` on the five real clippings (tests/fixtures/clippings/), run as a user runs it, into
 * a fresh project: each body must be the hand-made article's body in articles/, sentence for
 * sentence (and in fact byte for byte), and no sentence of a body may land anywhere else.
 *
 * Where the imported front-matter differs from the hand-made one, the difference is what the text
 * alone cannot tell, and the test says so below rather than pretending otherwise.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parseArticle } from "../../src/content/load.ts";
import { parseClipping } from "../../src/commands/import-clipping.ts";
import { renderMarkdown } from "../../src/content/markdown/render.ts";
import { realArticlesProject, REPO, removeTempDirs, runCli, tempDir, type CliResult } from "../helpers/project.ts";
import { decodeEntities } from "../helpers/site.ts";

const SEEDS = path.join(REPO, "tests", "fixtures", "clippings");
const ARTICLES = path.join(REPO, "articles");

after(removeTempDirs);

interface Expected {
  seed: string;
  article: string;
  /** What the import must write, field by field; a field not listed must be absent. */
  frontMatter: Record<string, unknown>;
  /** Seed lines the report must show as lifted into the front-matter or set aside. */
  reported: string[];
}

// The hand-made articles also carry 4–7 tags chosen by a person, which no clipping contains: the
// import writes none. Dates: the person reasoned them from the text (see tests/fixtures/clippings/README.md); the
// import lifts a dateline when the clipping has a complete one (004) and otherwise writes a draft
// with today's date marked in a comment as a placeholder, so nothing invented is ever published.
const EXPECTED: Expected[] = [
  {
    seed: "000_98952963bc2bd1a2.txt",
    article: "us-withdraws-from-syria-bases-towards-iraq.md",
    // Hand-made: date "2020-01-08", from "on the morning of January 8, 2020" inside the body.
    frontMatter: { source: "News 24h", author: "Minh Tu", lang: "en", draft: true },
    reported: ["(News 24h)", "Minh Tu", "Related Posts", "Leave a Reply", "Your email address will not be published. Required fields are marked *"],
  },
  {
    seed: "001_dec857506a3c54f6.txt",
    article: "lavrentyev-us-withdrawal-from-iraq-then-syria.md",
    // Hand-made: date "2024-01-26". The dateline "26 January" has no year; the person found 2024
    // from the Gaza war timeline in the body. The import reports the dateline and keeps it in a comment.
    frontMatter: { lang: "en", draft: true },
    reported: ["26 January"],
  },
  {
    seed: "002_03f18f5cb212c4b0.txt",
    article: "us-troops-leaving-syria-cannot-stay-in-iraq.md",
    // Hand-made: date "2019-10", from the events the body describes.
    frontMatter: { lang: "en", draft: true },
    reported: [],
  },
  {
    seed: "003_bc9b85600cbacf8f.txt",
    article: "syrian-and-russian-chiefs-call-for-us-to-leave.md",
    // Hand-made: date "2019", from the events the body describes.
    frontMatter: { lang: "en", draft: true },
    reported: ["Leave a Reply", "Your email address will not be published. Required fields are marked *"],
  },
  {
    seed: "004_cff10171f31a34ca.txt",
    article: "hadi-al-amiri-us-troops-need-to-leave-iraq.md",
    // "By Al Mayadeen English" names a publication (an edition's language): source and author, as
    // the person wrote them.
    frontMatter: { date: "2023-10-30T20:08", source: "Al Mayadeen English", author: "Al Mayadeen English", lang: "en" },
    reported: ["By Al Mayadeen English", "30 Oct 2023 20:08", "No comments:", "Post a Comment"],
  },
];

const refuse = (): never => {
  throw new Error("code-running front-matter engines are refused");
};

function split(text: string): { data: Record<string, unknown>; frontMatter: string; body: string } {
  // matter() caches by input string and hands out the same object: copy what we use.
  const file = matter(text, { engines: { js: refuse, javascript: refuse } });
  return { data: { ...file.data }, frontMatter: file.matter, body: file.content };
}

/** The body's text as a reader gets it, sentence by sentence: markdown syntax and wrappers removed. */
function sentences(body: string): string[] {
  const text = body
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^<\/?div/.test(l))
    .map((l) => l.replace(/^## /, "").replace(/\\([!-/:-@[-`{-~])/g, "$1"));
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  // A segment without a letter (a closing quote left after "home. ") is punctuation, not a sentence.
  return text.flatMap((paragraph) => [...segmenter.segment(paragraph)].map((s) => s.segment.trim()).filter((s) => /\p{L}/u.test(s)));
}

describe("import of the five seed clippings", () => {
  let root: string;
  let result: CliResult;
  const imported = new Map<string, { file: string; text: string }>();

  before(async () => {
    root = await tempDir("import-seeds");
    result = await runCli(["import", ...EXPECTED.map((e) => path.join(SEEDS, e.seed))], { cwd: root });
    for (const name of await readdir(path.join(root, "articles"))) {
      const text = await readFile(path.join(root, "articles", name), "utf8");
      imported.set(String(split(text).data["title"]), { file: `articles/${name}`, text });
    }
  });

  test("it succeeds and writes one article per clipping", () => {
    assert.equal(result.code, 0, result.stderr);
    assert.equal(imported.size, EXPECTED.length);
    assert.match(result.stdout, /wrote 5 articles/);
  });

  for (const expected of EXPECTED) {
    describe(`${expected.seed} → like articles/${expected.article}`, () => {
      const gold = async () => split(await readFile(path.join(ARTICLES, expected.article), "utf8"));
      const mine = async () => {
        const title = (await gold()).data["title"];
        const found = imported.get(String(title));
        assert.ok(found, `no imported article has the title ${JSON.stringify(title)} (the clipping's first line)`);
        return { ...found, ...split(found.text) };
      };

      test("the body matches the hand-made article sentence for sentence", async () => {
        assert.deepEqual(sentences((await mine()).body), sentences((await gold()).body));
      });

      test("… and byte for byte: paragraphs, sub-headings, escapes and the Arabic wrapper", async () => {
        assert.equal((await mine()).body, (await gold()).body);
      });

      test("the title is the clipping's first line; source, byline and date as the clipping carries them", async () => {
        const { data } = await mine();
        assert.equal(data["title"], (await gold()).data["title"]);
        const { title: _title, date, ...rest } = data;
        if ("date" in expected.frontMatter) assert.equal(date, expected.frontMatter["date"]);
        else assert.match(String(date), /^\d{4}-\d{2}-\d{2}$/, "a placeholder day, with the article a draft");
        const { date: _date, ...want } = expected.frontMatter;
        assert.deepEqual(rest, want);
      });

      test("no sentence of the body is anywhere but the body", async () => {
        const { frontMatter } = await mine();
        const lifted = result.stdout.split("\n").filter((l) => /^ {4}line \d+:/.test(l)).join("\n");
        for (const sentence of sentences((await gold()).body)) {
          assert.ok(!frontMatter.includes(sentence), `in the front-matter: ${sentence}`);
          // The report quotes what it lifted and set aside; a body sentence must not be among them.
          if (sentence.length > 12) assert.ok(!lifted.includes(JSON.stringify(sentence).slice(1, -1)), `reported as not body: ${sentence}`);
        }
      });

      test("the report names every line it took out of the body", () => {
        const section = result.stdout.split(/\n(?=\S)/).find((s) => s.includes(expected.seed)) ?? "";
        for (const line of expected.reported) assert.ok(section.includes(JSON.stringify(line)), `not reported: ${line}\n${section}`);
      });

      test("the file loads back through the archive's own loader with no problem", async () => {
        const { file, text } = await mine();
        const loaded = parseArticle(file, new TextEncoder().encode(text));
        assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems));
      });
    });
  }

  test("a dateline without a year is kept, as a comment beside the placeholder date", () => {
    const lavrentyev = [...imported.values()].find((a) => a.text.includes("Lavrentyev"))!;
    assert.match(lavrentyev.text, /^# The clipping's dateline "26 January" has no year/m);
    assert.match(lavrentyev.file, /^articles\/special-envoy-of-the-russian-president[a-z-]*\.md$/, "no placeholder date in the file name");
  });

  test("the archive checks clean and builds, leaving the dateless drafts out of the build", async () => {
    const check = await runCli(["check"], { cwd: root });
    assert.equal(check.code, 0, check.stdout);
    const build = await runCli(["build", "--out", path.join(root, "_site")], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
    assert.match(build.stdout, /Built 1 article /);
  });

  test("importing again overwrites nothing, writes no second copy, and names the article it is", async () => {
    const before = await Promise.all([...imported.values()].map((a) => readFile(path.join(root, a.file), "utf8")));
    const again = await runCli(["import", path.join(SEEDS, EXPECTED[4]!.seed)], { cwd: root });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /: title: is already in the archive: articles\/2023-10-30-iraqs-hadi-al-amiri-us-troops-need-to-leave-iraq\.md has the title "Iraq's Hadi Al-Amiri: US Troops Need to Leave Iraq"\n {4}fix: .*add --force/);
    const after = await Promise.all([...imported.values()].map((a) => readFile(path.join(root, a.file), "utf8")));
    assert.deepEqual(after, before);
    assert.equal((await readdir(path.join(root, "articles"))).length, EXPECTED.length);
  });
});

describe("a clipping already in the archive", () => {
  test("is not imported again, though its article has another URL: the article is named; --force imports it as another", async () => {
    // The hand-made articles (articles/) hold the five clippings under slugs a person chose.
    const root = await realArticlesProject("import-into-archive");
    const seed = path.join(SEEDS, "003_bc9b85600cbacf8f.txt");
    const refused = await runCli(["import", seed], { cwd: root });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is already in the archive: articles\/syrian-and-russian-chiefs-call-for-us-to-leave\.md has the title/);
    assert.equal((await readdir(path.join(root, "articles"))).length, 5, "no duplicate was written");

    const forced = await runCli(["import", "--force", seed, seed], { cwd: root });
    assert.equal(forced.code, 0, forced.stderr);
    const names = (await readdir(path.join(root, "articles"))).sort();
    assert.ok(names.includes("syrian-and-russian-chiefs-of-staff-call-for-us-military-to-leave.md"), names.join(" "));
    assert.ok(names.includes("syrian-and-russian-chiefs-of-staff-call-for-us-military-to-leave-2.md"), "a second forced copy takes the next free URL");
    assert.equal(await readFile(path.join(root, "articles", "syrian-and-russian-chiefs-call-for-us-to-leave.md"), "utf8"), await readFile(path.join(ARTICLES, "syrian-and-russian-chiefs-call-for-us-to-leave.md"), "utf8"));
  });
});

describe("import options and clippings of other shapes", () => {
  test("--dry-run prints the report and writes nothing; flags win over the clipping", async () => {
    const root = await tempDir("import-dry");
    const result = await runCli(["import", "--dry-run", "--date", "2023-10-31", "--tags", "Iraq, Gaza", "--source", "Al Mayadeen", path.join(SEEDS, "004_cff10171f31a34ca.txt")], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /→ articles\/2023-10-31-iraqs-hadi-al-amiri-us-troops-need-to-leave-iraq\.md \(dry run: not written\)/);
    await assert.rejects(stat(path.join(root, "articles")), "no articles folder was made");
  });

  test("flags are written into the front-matter", async () => {
    const root = await tempDir("import-flags");
    const result = await runCli(["import", "--date", "2019-10", "--tags", "Iraq, Gaza", "--source", "Le Monde", path.join(SEEDS, "002_03f18f5cb212c4b0.txt")], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const [name] = await readdir(path.join(root, "articles"));
    assert.equal(name, "exfiltrated-from-syria-us-soldiers-will-not-be-able-to-stay-in-iraq-either.md", "a month gives no date prefix");
    const { data } = split(await readFile(path.join(root, "articles", name!), "utf8"));
    assert.deepEqual(data, {
      title: "Exfiltrated from Syria, US soldiers will not be able to stay in Iraq either",
      date: "2019-10",
      source: "Le Monde",
      lang: "en",
      tags: ["Iraq", "Gaza"],
    });
  });

  test("an empty or unreadable file is an error, and the others are still imported", async () => {
    const root = await tempDir("import-bad");
    await writeFile(path.join(root, "empty.txt"), "\n  \n");
    await writeFile(path.join(root, "latin1.txt"), Buffer.from("Caf\xe9 talks\nThe caf\xe9 reopened.\n", "latin1"));
    const result = await runCli(["import", "empty.txt", "missing.txt", "latin1.txt", path.join(SEEDS, "003_bc9b85600cbacf8f.txt")], { cwd: root });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /latin1\.txt: is not UTF-8 text; convert it first/, "never a body with replaced letters");
    assert.match(result.stderr, /empty\.txt: the clipping is empty/);
    assert.match(result.stderr, /missing\.txt: cannot be read \(ENOENT\)/);
    assert.equal((await readdir(path.join(root, "articles"))).length, 1);
  });

  test("Hebrew is wrapped as he/rtl; a byline, a US-style dateline and a source line are lifted", () => {
    const clipping = parseClipping(
      [
        "Talks resume in Doha",
        "By Jane Roe and Sam Poe",
        "January 26, 2024 3:15 pm",
        "(Example Wire)",
        "The talks resumed on Friday.",
        "השיחות התחדשו ביום שישי.",
        "הן יימשכו מחר.",
        "Related Posts",
      ].join("\n"),
    );
    assert.ok(!("error" in clipping));
    assert.deepEqual(clipping.fields, { title: "Talks resume in Doha", date: "2024-01-26T15:15", source: "Example Wire", authors: ["Jane Roe and Sam Poe"], lang: null });
    assert.equal(clipping.body, '\nThe talks resumed on Friday.\n\n<div lang="he" dir="rtl">\n\nהשיחות התחדשו ביום שישי.\n\nהן יימשכו מחר.\n\n</div>\n');
    assert.deepEqual(clipping.setAside.map((l) => l.text), ["Related Posts"]);
  });

  test("a site leftover in the middle of the text is body, not set aside", () => {
    const clipping = parseClipping("Title line\nFirst paragraph.\nRelated Posts\nLast paragraph.\n");
    assert.ok(!("error" in clipping));
    assert.equal(clipping.body, "\nFirst paragraph.\n\nRelated Posts\n\nLast paragraph.\n");
    assert.deepEqual(clipping.setAside, []);
  });

  test("text that looks like markdown renders as exactly that text", () => {
    const lines = [
      "# not a heading",
      "1. not a list",
      "- not a list either",
      "> not a quote",
      "a *star*, an _underscore_, a `tick`, [brackets](x) and <b>tags</b>.",
      "an entity &amp; and a backslash \\ here.",
      "---",
      "| not | a table |",
    ];
    const clipping = parseClipping(["Title", ...lines].join("\n"));
    assert.ok(!("error" in clipping));
    const rendered = renderMarkdown(clipping.body, "x.md", 1);
    assert.deepEqual(rendered.warnings, []);
    const paragraphs = [...rendered.html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => decodeEntities(m[1]!));
    assert.deepEqual(paragraphs, lines);
  });
});
