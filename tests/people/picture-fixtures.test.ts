/**
 * src/content/images/illustrate.ts on fixture projects, tests/fixtures/pictures/<case>/: articles/ and public/ (the
 * project), expected-problems.txt (every error and warning about its pictures, as the CLI prints
 * them) and expected-pages.html (each article's lead picture and body with its pictures in place;
 * the content hash in each picture's file name is written HASH, as it changes with the encoder).
 *
 * Each case is illustrated twice: first only checked (`encode: false`, what `check` runs), which must
 * find exactly the problems the build finds and write nothing; then built.
 * UPDATE_FIXTURES=1 writes the expected files from what the code does now: read them before committing.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { illustrate, type PicturedArticle } from "../../src/content/images/illustrate.ts";
import { loadArticles } from "../../src/content/load.ts";
import { ARTICLE_SIZES, pictureHtml } from "../../src/content/images/picture.ts";
import { formatProblem, type Problem } from "../../src/content/problems.ts";
import { renderAll } from "../../src/build/render-cache.ts";
import { ProjectCaches } from "../../src/cache/project-caches.ts";
import type { Body } from "../../src/content/markdown/rendered.ts";
import { linkTo } from "../../src/content/urls.ts";
import { FIXTURES, projectFrom, removeTempDirs, tempDir } from "../helpers/project.ts";
import { writeMap } from "./pictures.ts";

after(removeTempDirs);

const PICTURES = path.join(FIXTURES, "pictures");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

function printed(errors: readonly Problem[], warnings: readonly Problem[]): string {
  return [...errors.map((p) => formatProblem(p, "error")), ...warnings.map((p) => formatProblem(p, "warning"))].map((l) => `${l}\n`).join("");
}

const unhashed = (text: string) => text.replace(/\/img\/[0-9a-f]{16}/g, "/img/HASH");

/** Each article of the fixture with its rendered body: what the build hands illustrate. */
async function loadAndRender(root: string): Promise<(PicturedArticle & { body: Body })[]> {
  const caches = new ProjectCaches(root, "build");
  const loaded = await loadArticles(caches, "articles");
  assert.deepEqual(loaded.problems, [], "the fixture's articles must load");
  const { outcomes } = await renderAll(caches, loaded.articles);
  return outcomes.map((o) => (o.ok ? { file: o.article.file, meta: o.article.meta, ...o.rendered } : assert.fail(`render failed: ${JSON.stringify(o.problems)}`)));
}

/** Links as a site at the domain root has them. */
const atRoot = linkTo("/");

async function expectFile(file: string, actual: string): Promise<void> {
  if (UPDATE) await writeFile(file, actual);
  assert.equal(actual, await readFile(file, "utf8"), `${path.relative(PICTURES, file)} differs`);
}

describe("picture fixtures (tests/fixtures/pictures)", () => {
  for (const name of readdirSync(PICTURES).sort()) {
    test(name, async () => {
      const dir = path.join(PICTURES, name);
      const root = await projectFrom(`pictures-${name}`, dir);
      const publicDir = path.join(root, "public");
      const articles = await loadAndRender(root);

      const checked = await illustrate(root, publicDir, articles, { encode: false });
      assert.equal(existsSync(path.join(root, ".cache", "news-archive", "images")), false, "checking wrote to the picture cache");
      const built = await illustrate(root, publicDir, articles);

      const problems = printed(built.problems, built.warnings);
      await expectFile(path.join(dir, "expected-problems.txt"), problems);
      assert.equal(printed(checked.problems, checked.warnings), problems, "checking found other problems than building");
      assert.equal(checked.pictures, built.pictures);

      const pages = built.articles.map((a) => {
        const leadHtml = a.image ? pictureHtml(atRoot, a.image.file, { alt: a.image.alt, sizes: ARTICLE_SIZES, loading: "eager" }).value : "none";
        return `== ${a.file}\nlead: ${leadHtml}\n${a.body.html(atRoot)}`;
      });
      await expectFile(path.join(dir, "expected-pages.html"), unhashed(pages.join("\n")));
      for (const [sitePath, cached] of built.outputs) assert.ok(existsSync(cached), `${sitePath} is not in the cache`);
    });
  }
});

describe("illustrate, stated directly", () => {
  test("a drawing and a GIF are copied byte for byte, under a name made of their content", async () => {
    const root = await projectFrom("pictures-copies", path.join(PICTURES, "copied-as-they-are"));
    const articles = await loadAndRender(root);
    const built = await illustrate(root, path.join(root, "public"), articles);
    const copies = [...built.outputs].filter(([sitePath]) => /\.(svg|gif)$/.test(sitePath));
    const sources = ["public/drawings/sized.svg", "public/drawings/viewbox.svg", "public/drawings/points.svg", "public/drawings/labels.svg", "public/drawings/spinner.gif", "articles/inline.svg"];
    const sourceBytes = await Promise.all(sources.map((s) => readFile(path.join(root, s))));
    assert.equal(copies.length, sources.length);
    for (const [sitePath, cached] of copies) {
      const bytes = await readFile(cached);
      assert.ok(sourceBytes.some((s) => s.equals(bytes)), `${sitePath} is not a copy of a source`);
    }
  });

  test("a lead picture without alt text is shown with alt=\"\" (the schema warns about the field)", async () => {
    const root = await tempDir("pictures-lead-alt");
    await writeMap(path.join(root, "articles", "map.png"), { width: 40, height: 30 });
    const body = { digest: "d", html: () => "<p>x</p>" };
    const articles = [
      { file: "articles/a.md", meta: { image: { src: "map.png", alt: "", line: 4 } }, images: [], body },
      { file: "articles/b.md", meta: { image: { src: "map.png", caption: "A map" } }, images: [], body },
    ];
    const built = await illustrate(root, path.join(root, "public"), articles);
    assert.deepEqual([built.problems, built.warnings], [[], []]);
    assert.deepEqual(
      built.articles.map((a) => [a.image?.alt, a.image?.caption]),
      [
        ["", null],
        ["", "A map"],
      ],
    );
    const lead = built.articles[0]?.image ?? assert.fail("the first article has its lead picture");
    assert.match(pictureHtml(atRoot, lead.file, { alt: lead.alt, sizes: ARTICLE_SIZES, loading: "eager" }).value, /<img [^>]*alt=""/);
  });

  test("checking leaves an existing cache exactly as it was, and knows the pictures in it", async () => {
    const root = await projectFrom("pictures-check-cache", path.join(PICTURES, "site-paths"));
    const articles = await loadAndRender(root);
    const publicDir = path.join(root, "public");
    const built = await illustrate(root, publicDir, articles);
    const cache = path.join(root, ".cache", "news-archive", "images");
    const listing = async () => (await readdir(cache, { recursive: true })).sort();
    const before = await listing();
    const known = await readFile(path.join(cache, "files.json"), "utf8");
    const checked = await illustrate(root, publicDir, articles, { encode: false });
    assert.deepEqual(await listing(), before);
    assert.equal(await readFile(path.join(cache, "files.json"), "utf8"), known);
    assert.equal(checked.pictures, built.pictures);
    assert.deepEqual(checked.warnings, built.warnings);
  });

  test("a cache entry that names a file outside the cache is made again, and nothing outside is copied", async () => {
    const root = await projectFrom("pictures-damaged-cache", path.join(PICTURES, "copied-as-they-are"));
    const articles = await loadAndRender(root);
    const publicDir = path.join(root, "public");
    const first = await illustrate(root, publicDir, articles);
    const cache = path.join(root, ".cache", "news-archive", "images");
    const [entry] = (await readdir(cache)).filter((n) => /^[0-9a-f]{64}$/.test(n));
    const manifest = path.join(cache, entry!, "picture.json");
    const picture = JSON.parse(await readFile(manifest, "utf8"));
    picture.formats[0].variants[0].path = "/img/../../../secret.txt";
    await writeFile(manifest, JSON.stringify(picture));
    const second = await illustrate(root, publicDir, articles);
    assert.deepEqual([...second.outputs.keys()].sort(), [...first.outputs.keys()].sort());
    assert.equal(second.encoded, 1, "the damaged entry was not made again");
    for (const cached of second.outputs.values()) assert.ok(cached.startsWith(cache + path.sep) && !cached.includes(".."), cached);
  });
});
