/**
 * src/render.ts: markdown to sanitized HTML, saying what was dropped and where.
 *
 * Fixture folders, tests/fixtures/render/<case>/: article.md (a whole article, so warning lines are
 * lines of the real file, read as articles/<case>.md), expected.html (the body exactly), and
 * expected-warnings.txt (the warnings as the CLI prints them; no file means no warnings).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArticle } from "../../src/load.ts";
import { formatProblem } from "../../src/problems.ts";
import { renderMarkdown } from "../../src/render.ts";
import type { Rendered } from "../../src/rendered.ts";
import { FIXTURES } from "../helpers/project.ts";

const RENDER = path.join(FIXTURES, "render");

function render(file: string, text: string): Rendered {
  const parsed = parseArticle(file, Buffer.from(text));
  assert.ok(parsed.ok, `${file} does not parse`);
  return renderMarkdown(parsed.markdown, parsed.article.file, parsed.article.bodyLine);
}

describe("render fixtures (tests/fixtures/render)", () => {
  for (const name of readdirSync(RENDER).sort()) {
    test(name, () => {
      const dir = path.join(RENDER, name);
      const rendered = render(`articles/${name}.md`, readFileSync(path.join(dir, "article.md"), "utf8"));
      assert.equal(rendered.html, readFileSync(path.join(dir, "expected.html"), "utf8"));
      const warningsFile = path.join(dir, "expected-warnings.txt");
      const expected = existsSync(warningsFile) ? readFileSync(warningsFile, "utf8") : "";
      const printed = rendered.warnings.map((w) => `${formatProblem(w, "warning")}\n`).join("");
      assert.equal(printed, expected);
    });
  }
});

describe("what the fixtures promise, stated directly", () => {
  const dropped = render("articles/x.md", readFileSync(path.join(RENDER, "unsafe-links-dropped", "article.md"), "utf8"));

  test("no unsafe scheme survives in an href or src", () => {
    assert.doesNotMatch(dropped.html, /(href|src)="\s*(javascript|data|vbscript):/i);
    assert.equal(dropped.warnings.length, 6);
  });

  test("every warning names the file, the body and a line", () => {
    for (const w of dropped.warnings) {
      assert.equal(w.file, "articles/x.md");
      assert.equal(w.field, "body");
      assert.ok(typeof w.line === "number" && w.line > 4, `line ${w.line} is not in the body`);
    }
  });

  test("excerpt is the first paragraph as text, and words are counted", () => {
    const r = render("articles/x.md", '---\ntitle: "x"\ndate: "2020"\n---\n\n# Heading\n\nFirst *para*graph with a [link](https://example.com).\n\nSecond one.\n');
    assert.equal(r.excerpt, "First paragraph with a link.");
    assert.equal(r.wordCount, 8);
  });
});
