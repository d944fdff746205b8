/**
 * src/content/markdown/render.ts: markdown to sanitized HTML, saying what was dropped and where.
 *
 * Fixture folders, tests/fixtures/render/<case>/: article.md (a whole article, so warning lines are
 * lines of the real file, read as articles/<case>.md), expected.html (the body exactly),
 * expected-warnings.txt (the warnings as the CLI prints them; no file means no warnings) and
 * expected.json (the body's pictures, links to resolve and ids: `images`, `links`, `ids`; a key or
 * the file left out means none).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArticle } from "../../src/content/load.ts";
import { formatProblem } from "../../src/content/problems.ts";
import { renderMarkdown } from "../../src/content/markdown/render.ts";
import { findFragment, placeImages, placeLinks, type Rendered } from "../../src/content/markdown/rendered.ts";
import { FIXTURES } from "../helpers/project.ts";

const RENDER = path.join(FIXTURES, "render");

function render(file: string, text: string): Rendered {
  const parsed = parseArticle(file, Buffer.from(text));
  assert.ok(parsed.ok, `${file} does not parse`);
  return renderMarkdown(parsed.markdown, parsed.article.file, parsed.article.bodyLine);
}

const article = (body: string) => `---\ntitle: "x"\ndate: "2020"\n---\n\n${body}`;

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
      const partsFile = path.join(dir, "expected.json");
      const parts = existsSync(partsFile) ? (JSON.parse(readFileSync(partsFile, "utf8")) as Partial<Rendered>) : {};
      assert.deepEqual({ images: rendered.images, links: rendered.links, ids: rendered.ids }, { images: [], links: [], ids: [], ...parts });
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

  test("no script, style, handler or script URL reaches the page from any fixture", () => {
    for (const name of readdirSync(RENDER)) {
      const { html } = render(`articles/${name}.md`, readFileSync(path.join(RENDER, name, "article.md"), "utf8"));
      assert.doesNotMatch(html, /<(script|style|iframe|object|embed|svg)\b|\son[a-z]+=|(href|src)="\s*(javascript|data|vbscript):/i, name);
    }
  });

  test("excerpt is the first paragraph as text, and words are counted", () => {
    const r = render("articles/x.md", article("# Heading\n\nFirst *para*graph with a [link](https://example.com).\n\nSecond one.\n"));
    assert.equal(r.excerpt, "First paragraph with a link.");
    assert.equal(r.wordCount, 8);
  });

  test("<!--more--> ends the excerpt where Jekyll and Hugo end the summary", () => {
    const r = render("articles/x.md", article("First paragraph.\n\n## A heading\n\nSecond paragraph.\n\n<!--more-->\n\nThe rest.\n"));
    assert.equal(r.excerpt, "First paragraph. A heading Second paragraph.");
    assert.doesNotMatch(r.html, /more/);
    assert.equal(r.warnings.length, 0);
  });

  test("hard line breaks (a backslash or two spaces at a line's end) leave no trailing whitespace in the excerpt", () => {
    const r = render("articles/x.md", article("Windows Installer: https://nodejs.org/x.msi \\\nmacOS Installer: https://nodejs.org/x.pkg  \nSource Code: x.tar.gz\n"));
    assert.equal(r.excerpt, "Windows Installer: https://nodejs.org/x.msi\nmacOS Installer: https://nodejs.org/x.pkg\nSource Code: x.tar.gz");
  });

  test("footnote marks are not part of the excerpt or the word count", () => {
    const r = render("articles/x.md", article("Closed in 2019.[^1]\n\n[^1]: A note.\n"));
    assert.equal(r.excerpt, "Closed in 2019.");
    assert.equal(r.wordCount, 6); // "Closed in 2019." + "Footnotes" + "A note."
  });

  test("a body without raw HTML is not handed to the HTML parser, and renders the same", () => {
    const plain = render("articles/x.md", article("Text with **bold**.\n"));
    const withComment = render("articles/x.md", article("Text with **bold**.\n\n<!-- a note -->\n"));
    assert.equal(plain.html, "<p>Text with <strong>bold</strong>.</p>\n");
    assert.equal(withComment.html, plain.html);
  });

  test("lines stay where they were after a shortcode that spans lines", () => {
    const r = render("articles/x.md", article("{% comment %}\none\ntwo\n{% endcomment %}\n\n<script>x</script>\n"));
    assert.equal(r.warnings[0]!.line, 11);
  });

  test("the renderer is pure: the same markdown gives the same render", () => {
    const text = readFileSync(path.join(RENDER, "shortcode-link-tags", "article.md"), "utf8");
    assert.deepEqual(render("articles/x.md", text), render("articles/x.md", text));
  });
});

describe("placing pictures and links, and finding fragments (src/content/markdown/rendered.ts)", () => {
  test("placeLinks puts each link's address in its placeholder, escaped", () => {
    const r = render("articles/x.md", article("[a](/one/) and <a href=\"two.md\">b</a>\n"));
    assert.equal(placeLinks(r.html, (n) => [`/articles/one/`, `/q?a=1&b="2"`][n]!), '<p><a href="/articles/one/">a</a> and <a href="/q?a=1&amp;b=&quot;2&quot;">b</a></p>\n');
  });

  test("placeImages replaces markdown and raw pictures alike", () => {
    const r = render("articles/x.md", article('![a](a.png) <img src="b.png" alt="b" width="10">\n'));
    assert.equal(placeImages(r.html, (n) => `<picture data-n="${n}"></picture>`), '<p><picture data-n="0"></picture> <picture data-n="1"></picture></p>\n');
  });

  test("findFragment: the id itself, the one another generator's spelling means, or none", () => {
    const ids = ["contributors-to-1310", "whats-next", "intro", "intro-1"];
    assert.equal(findFragment("whats-next", ids), "whats-next");
    assert.equal(findFragment("what-s-next", ids), "whats-next");
    assert.equal(findFragment("contributors-to-1-31-0", ids), "contributors-to-1310");
    assert.equal(findFragment("elsewhere", ids), null);
    assert.equal(findFragment("", ids), null);
    // Zola names a heading's emoji in its id; GitHub drops them.
    const emoji = ["i-unsound-issues-", "async-rust-initiatives--", "a-b"];
    assert.equal(findFragment("i-unsound-issues-crab", emoji), "i-unsound-issues-");
    assert.equal(findFragment("async-rust-initiatives-crab-woman-computer", emoji), "async-rust-initiatives--");
    assert.equal(findFragment("i-sound-issues-crab", emoji), null);
    assert.equal(findFragment("a-crab-b", emoji), null);
  });
});
