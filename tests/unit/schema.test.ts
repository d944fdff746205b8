/**
 * src/content/schema.ts through src/content/load.ts parseArticle: one file's bytes to validated front-matter.
 *
 * Most cases are fixture folders, tests/fixtures/parse/<case>/: the article file (its name matters:
 * dates and slugs come from it, and may sit in folders: `_drafts/`, `2019/10/`, `a-post/index.md`)
 * beside expected.json, which holds the `meta`, the line the body starts on and any `warnings`; or
 * the `redirect` stub; or the warning it is `skipped` with; or the exact `problems`. Byte-level cases (BOM, CRLF, binary) and the proof
 * that code-running front-matter does not run are written out below.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parseArticle, type ParseResult } from "../../src/content/load.ts";
import { FIXTURES, removeTempDirs, tempDir } from "../helpers/project.ts";

after(removeTempDirs);

const PARSE = path.join(FIXTURES, "parse");

/** An article (its warnings listed when it has any), a redirect stub, a skipped file, or the errors. */
type Expected = { meta: unknown; bodyLine: number; warnings?: unknown } | { redirect: unknown } | { skipped: unknown } | { problems: unknown };

function outcome(result: ParseResult): Expected {
  if (result.ok) {
    const { meta, bodyLine, warnings } = result.article;
    return warnings.length === 0 ? { meta, bodyLine } : { meta, bodyLine, warnings };
  }
  if ("redirect" in result) return { redirect: result.redirect };
  if ("skipped" in result) return { skipped: result.skipped };
  return { problems: result.problems };
}

describe("front-matter fixtures (tests/fixtures/parse)", () => {
  for (const name of readdirSync(PARSE).sort()) {
    test(name, () => {
      const dir = path.join(PARSE, name);
      const article = (readdirSync(dir, { recursive: true }) as string[]).find((f) => f !== "expected.json" && statSync(path.join(dir, f)).isFile());
      assert.ok(article !== undefined, `${dir} has no article file`);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
      assert.deepEqual(outcome(parseArticle(`articles/${article.split(path.sep).join("/")}`, readFileSync(path.join(dir, article)))), expected);
    });
  }
});

const MINIMAL = '---\ntitle: "Withdrawal"\ndate: "2020-01-08"\n---\n\nBody line.\n';

function problemsOf(result: ParseResult) {
  assert.equal(result.ok, false, "expected the file to be refused");
  return result.ok ? [] : result.problems.map(({ field, line, message }) => ({ field, line, message }));
}

describe("bytes and line endings", () => {
  test("a UTF-8 byte-order mark is ignored", () => {
    const result = parseArticle("articles/a.md", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL)]));
    assert.ok(result.ok);
    assert.equal(result.article.meta.title, "Withdrawal");
  });

  test("CRLF files read like LF files: same fields, same lines in messages, no \\r in the body", () => {
    const lf = parseArticle("articles/a.md", Buffer.from(MINIMAL));
    const crlf = parseArticle("articles/a.md", Buffer.from(MINIMAL.replaceAll("\n", "\r\n")));
    assert.deepEqual(crlf, lf);
    assert.ok(crlf.ok && !crlf.markdown.includes("\r"));
    const bad = '---\r\ntitle: "x"\r\ndate: "2020-02-30"\r\n---\r\n';
    assert.deepEqual(problemsOf(parseArticle("articles/a.md", Buffer.from(bad))), [
      { field: "date", line: 3, message: '"2020-02-30" is not a real date (February 2020 has 29 days)' },
    ]);
  });

  test("an old Mac CR-only file reads too", () => {
    assert.deepEqual(parseArticle("articles/a.md", Buffer.from(MINIMAL.replaceAll("\n", "\r"))), parseArticle("articles/a.md", Buffer.from(MINIMAL)));
  });

  test("an empty or blank file is refused", () => {
    for (const text of ["", "  \n\n\t\n"]) {
      assert.deepEqual(problemsOf(parseArticle("articles/a.md", Buffer.from(text))), [{ field: "file", line: undefined, message: "is empty" }]);
    }
  });

  test("bytes that are not UTF-8 are refused", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x00]);
    assert.deepEqual(problemsOf(parseArticle("articles/a.md", png)), [
      { field: "file", line: undefined, message: "is not UTF-8 text (is it a binary file?)" },
    ]);
    const latin1 = Buffer.from('---\ntitle: "Caf\xe9"\ndate: "2020"\n---\n', "latin1");
    assert.equal(problemsOf(parseArticle("articles/a.md", latin1))[0]?.message, "is not UTF-8 text (is it a binary file?)");
  });

  test("valid UTF-8 holding NUL bytes is refused", () => {
    assert.deepEqual(problemsOf(parseArticle("articles/a.md", Buffer.from(MINIMAL.replace("Body", "Bo\0dy")))), [
      { field: "file", line: undefined, message: "contains NUL bytes, so it is not a text file" },
    ]);
  });
});

describe("front-matter never runs code", () => {
  const MARK = "__newsArchiveFrontMatterRan";
  const globals = globalThis as Record<string, unknown>;

  /** A front-matter block that, if evaluated, sets a global and writes `file`. */
  function payload(language: string, file: string): string {
    return `---${language}\n(globalThis.${MARK} = "${language}", require("fs").writeFileSync(${JSON.stringify(file)}, "ran"), { title: "Code", date: "2020-01-08" })\n---\n\nBody.\n`;
  }

  test("the payload is live: gray-matter with its default engines runs it (so the tests below mean something)", async () => {
    const file = path.join(await tempDir("js-control"), "ran.txt");
    try {
      assert.deepEqual(matter(payload("js", file)).data, { title: "Code", date: "2020-01-08" });
      assert.equal(globals[MARK], "js");
      assert.ok(existsSync(file));
    } finally {
      delete globals[MARK];
    }
  });

  for (const language of ["js", "javascript", " js", "JavaScript"]) {
    test(`---${language} is refused and does not run`, async () => {
      const file = path.join(await tempDir("js"), "ran.txt");
      const result = parseArticle("articles/a.md", Buffer.from(payload(language, file)));
      assert.deepEqual(problemsOf(result), [
        {
          field: "front-matter",
          line: 1,
          message: `"---${language.trim().toLowerCase()}" front-matter is not read: front-matter is data, and running code from an article is not allowed`,
        },
      ]);
      assert.equal(globals[MARK], undefined, "the block set a global");
      assert.equal(existsSync(file), false, "the block wrote a file");
    });
  }

  test("TOML and JSON are data too: a __proto__ key is a field of its own, never the prototype", () => {
    for (const text of ['+++\ntitle = "x"\ndate = "2020"\n[__proto__]\npolluted = true\n+++\n', '{ "title": "x", "date": "2020", "__proto__": { "polluted": true } }\n']) {
      const result = parseArticle("articles/a.md", Buffer.from(text));
      assert.ok(result.ok);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(result.article.meta.extra), Object.prototype);
      assert.deepEqual(Object.keys(result.article.meta.extra), ["__proto__"]);
    }
  });

  test("YAML's !!js/function tag is refused, not turned into a function", () => {
    const text = '---\ntitle: "x"\ndate: "2020"\nsummary: !!js/function "function () { globalThis.__x = 1 }"\n---\n';
    assert.deepEqual(problemsOf(parseArticle("articles/a.md", Buffer.from(text))), [
      { field: "front-matter", line: 4, message: "is not valid YAML: unknown tag !<tag:yaml.org,2002:js/function>" },
    ]);
  });
});
