/**
 * tests/fixtures/sites/hostile: an article whose title, source, author, tags, url and summary are
 * markup (`<script>`, quotes, `&`). A reader must see exactly that text, and no page may hold it
 * as live markup. Raw HTML and script links in the body are dropped, each with a warning.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { anchorsIn, decodeEntities, innerOf, linksIn, listFiles, readPage } from "../helpers/site.ts";

after(removeTempDirs);

const TITLE = `<script>alert(1)</script> Tom & Jerry's "quoted" story`;
const SOURCE = `<script>alert('source')</script> Smith & Sons "Daily"`;
const AUTHOR = `<img src=x onerror=alert(1)> Ann & Bob's "desk"`;
const URL_FIELD = `https://example.com/story?a=1&b="><script>alert(1)</script>`;
const SUMMARY = `</p><script>alert('summary')</script> Summary & more`;
const TAGS = ["<script>alert(1)</script>", "Q&A", `"Quoted" tag`];

/** The text a reader sees in an element: it must hold no markup of its own, only escaped text. */
function textIn(page: string, tag: string, attributes = ""): string {
  const inner = innerOf(page, tag, attributes);
  assert.ok(inner !== undefined, `no <${tag}${attributes}> on the page`);
  assert.doesNotMatch(inner, /[<>]/, `<${tag}${attributes}> holds live markup: ${inner}`);
  return decodeEntities(inner).trim();
}

describe("every value from an article is escaped", () => {
  let out: string;
  let stderr: string;
  let rebuildStderr: string;
  before(async () => {
    const root = await projectFrom("hostile", path.join(FIXTURES, "sites", "hostile"));
    // --verbose: every warning in full, on a line of its own, not the first few of each kind.
    const result = await buildOk(root, { args: ["--verbose"] });
    out = result.out;
    stderr = result.stderr;
    rebuildStderr = (await buildOk(root, { args: ["--verbose"] })).stderr;
  });

  test("no built page holds an inline script, an event handler or a script link", async () => {
    const pages = (await listFiles(out)).filter((f) => f.endsWith(".html"));
    assert.ok(pages.length >= 10);
    for (const file of pages) {
      const page = await readFile(path.join(out, file), "utf8");
      // The only scripts allowed: JSON-LD data, which must stay inert JSON, and the site's own files.
      for (const [, attributes, content] of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
        if (/\btype="application\/ld\+json"/.test(attributes!)) {
          assert.doesNotMatch(content!, /</, `${file}: JSON-LD holds a < that could close the script`);
          JSON.parse(content!);
        } else {
          assert.match(attributes!, /\ssrc="\/[^/"]/, `${file}: inline script <script${attributes}>`);
          assert.equal(content!.trim(), "", `${file}: a script with src also holds code`);
        }
      }
      assert.equal(page.match(/<script\b/gi)?.length ?? 0, page.match(/<\/script\s*>/gi)?.length ?? 0, `${file}: unbalanced <script>`);
      assert.doesNotMatch(page, /<(img|b|svg)\s[^>]*\son\w+=/i, file);
      for (const link of linksIn(page)) assert.doesNotMatch(link, /^\s*(javascript|data|vbscript):/i, `${file}: ${link}`);
    }
  });

  test("the article's JSON-LD carries the title as data, not markup", async () => {
    const page = await readPage(out, "/articles/hostile/");
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === "string") strings.push(value);
      else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const [, json] of page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) collect(JSON.parse(json!));
    assert.ok(strings.includes(TITLE), "the JSON-LD does not hold the title exactly");
  });

  test("the article page shows title, byline, source, tags and original link as text", async () => {
    const page = await readPage(out, "/articles/hostile/");
    assert.equal(textIn(page, "h1"), TITLE);
    // With the site's name the title would pass 70 characters, so it is the article's alone.
    assert.equal(textIn(page, "title"), TITLE);
    // The byline links each author to their page; the name inside the link is text.
    const byline = innerOf(page, "p", ' class="byline"') ?? "";
    const author = /^By <a href="[^"]*" rel="author">([^<>]*)<\/a>$/.exec(byline);
    assert.ok(author !== null, `the byline holds live markup: ${byline}`);
    assert.equal(decodeEntities(author[1]!), AUTHOR);
    assert.equal(textIn(page, "a", ' class="source"'), SOURCE);
    const tagLinks = anchorsIn(page)
      .filter((a) => a.attributes.rel === "tag")
      .map((a) => [a.href, a.text]);
    assert.deepEqual(tagLinks, [
      ["/tags/script-alert-1-script/", TAGS[0]],
      ["/tags/q-a/", TAGS[1]],
      ["/tags/quoted-tag/", TAGS[2]],
    ]);
    const original = /<p>Original: <a href="([^"]*)" rel="nofollow noopener">([^<]*)<\/a><\/p>/.exec(page);
    assert.ok(original !== null, "the original link is missing or holds markup");
    assert.equal(decodeEntities(original[1]!), URL_FIELD);
    assert.equal(decodeEntities(original[2]!), URL_FIELD);
    const description = /<meta name="description" content="([^"]*)">/.exec(page);
    assert.equal(decodeEntities(description?.[1] ?? ""), SUMMARY);
  });

  test("lists, tag pages and neighbours' links show the same text, escaped", async () => {
    for (const url of ["/", "/tags/q-a/", "/archive/2020/05/"]) {
      const page = await readPage(out, url);
      assert.equal(textIn(page, "a", ' href="/articles/hostile/"'), TITLE, url);
      const source = /<p class="meta"><time [^>]*>[^<]*<\/time> · <a class="source" href="\/sources\/[^"]+\/">([^<]*)<\/a><\/p>/.exec(page);
      assert.equal(decodeEntities(source?.[1] ?? ""), SOURCE, url);
    }
    const neighbour = await readPage(out, "/articles/neighbour/");
    const newer = /<a rel="next" href="\/articles\/hostile\/"><span>Newer<\/span> ([^<]*)<\/a>/.exec(neighbour);
    assert.equal(decodeEntities(newer?.[1] ?? ""), TITLE);
  });

  test("a tag made of markup gets a plain slug and its page shows the tag as text", async () => {
    const page = await readPage(out, "/tags/script-alert-1-script/");
    assert.equal(textIn(page, "title"), TAGS[0], "the tag alone: with the site's name the title would pass 70 characters");
    assert.match(page, /<h1><span class="kicker">Tag<\/span> &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
    const index = await readPage(out, "/tags/");
    assert.match(index, /<a href="\/tags\/quoted-tag\/">&quot;Quoted&quot; tag<\/a>/);
  });

  test("unsafe raw HTML and links in the body are removed, scripts with their text, each reported with file and line", async () => {
    const body = innerOf(await readPage(out, "/articles/hostile/"), "div", ' class="article-body"') ?? "";
    assert.doesNotMatch(body, /onclick|alert|<script|javascript:|data:/);
    // The safe element stays without its handler; the script goes with the code it held.
    assert.match(body, /<p>Body text with {2}inline and a <b>bold<\/b> word\.<\/p>/);
    // An image whose source is dropped keeps its alt text, so an <img> without src never reaches the page.
    assert.match(body, /A <a>link<\/a> and an image/);
    const expected = [
      'warning: articles/hostile.md:14: body: raw HTML "<script>" is removed with its content: articles cannot run scripts',
      'warning: articles/hostile.md:14: body: raw HTML "<b onclick=\\"alert(1)\\">": its onclick attribute is removed (articles cannot run scripts)',
      'warning: articles/hostile.md:16: body: raw HTML "<script>" is removed with its content: articles cannot run scripts',
      'warning: articles/hostile.md:18: body: the javascript: link "javascript:alert(1)" is removed (only web and mail links are kept)',
      'warning: articles/hostile.md:18: body: the data: link "data:image/png;base64,iVBORw0KGgo=" is removed (only web and mail links are kept)',
    ];
    const lines = stderr.split("\n").map((line) => line.trim());
    for (const line of expected) assert.ok(lines.includes(line), `stderr lacks:\n${line}\n--- stderr:\n${stderr}`);
  });

  test("a second build of the same articles reports the same warnings again", () => {
    assert.match(stderr, /warning:/);
    assert.equal(rebuildStderr, stderr);
  });
});
