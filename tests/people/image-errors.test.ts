// Pictures that cannot be used (a link out of the folder, a file that is not a picture, a drawing
// that could run code) stop the build with an error naming the article, the field and the fix, all
// at once, and leave the last good site as it was. A picture outside the article's folder and
// public/ is never read, whatever path or link leads to it: a path is a warning, the build goes on
// without the picture. So are pictures that are only imperfect (missing, no alt text, remote).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, removeTempDirs, runBuild, tempDir } from "../helpers/project.ts";
import { hashTree, mainOf, readPage } from "../helpers/site.ts";
import { writePhoto } from "./pictures.ts";

after(removeTempDirs);

/** A project with one good article and its picture, plus the given articles (name → text). */
async function project(label: string, articles: Record<string, string>): Promise<string> {
  const root = await tempDir(label);
  await writePhoto(path.join(root, "articles", "good.jpg"), { width: 400, height: 250 });
  await writeFile(path.join(root, "articles", "good.md"), article("A good one", 'image: { src: good.jpg, alt: "A road" }'));
  for (const [name, text] of Object.entries(articles)) await writeFile(path.join(root, "articles", name), text);
  return root;
}

function article(title: string, frontMatter: string, body = "Text."): string {
  return `---\ntitle: "${title}"\ndate: "2024-05-01"\n${frontMatter}\n---\n\n${body}\n`;
}

/** The CLI's error lines, "file: field: message", without the fixes. */
function errors(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.startsWith("error: "));
}

describe("pictures that cannot be used", () => {
  let root: string;
  let outside: string;
  let result: Awaited<ReturnType<typeof runBuild>>;
  let lastGood: Record<string, string>;

  before(async () => {
    root = await project("people-bad", {});
    const first = await buildOk(root);
    lastGood = await hashTree(first.out);
    // A real picture beside the project: reachable by `..` or a link, and never to be read.
    outside = path.join(path.dirname(root), `${path.basename(root)}-secret.jpg`);
    await writePhoto(outside, { width: 300, height: 200 });
    await writeFile(path.join(root, "articles", "text.jpg"), "This is a text file with a picture's name.\n");
    await symlink(outside, path.join(root, "articles", "linked.jpg"));
    await mkdir(path.join(root, "articles", "nested"), { recursive: true });
    await mkdir(path.join(root, "public"), { recursive: true });
    await writeFile(path.join(root, "public", "unsafe.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n');
    const bad: Record<string, string> = {
      "text-picture.md": article("Text", 'image: { src: text.jpg, alt: "Not a picture" }'),
      "climbs-out.md": article("Climbs", `image: { src: "../../${path.basename(outside)}", alt: "Secret" }`),
      "linked.md": article("Linked", 'image: { src: linked.jpg, alt: "Secret" }'),
      "body-climbs.md": article("Body climbs", "tags: [x]", `![Secret](../../${path.basename(outside)})`),
      "unsafe-drawing.md": article("Drawing", "tags: [x]", "![A drawing](/unsafe.svg)"),
      // Every problem with one article's pictures at once, errors and warnings alike.
      "many.md": article(
        "Many",
        'image: { src: text.jpg, alt: "Not a picture" }',
        `![Secret](../${path.basename(outside)})\n\n![A drawing](/unsafe.svg)\n\n![A chart](charts/nowhere.png)\n\n![](good.jpg)`,
      ),
      "no-source-name.md": article("Source", 'source: "!!!"'),
      // Absolute file paths are site paths: looked for under public/ only, so the secret is not found.
      "absolute.md": article("Absolute", `image: { src: "${outside}", alt: "Secret" }`),
    };
    for (const [name, text] of Object.entries(bad)) await writeFile(path.join(root, "articles", name), text);
    // One level down: `..` to the articles folder is still outside this article's folder.
    await writeFile(path.join(root, "articles", "nested", "up-one.md"), article("Up one", 'image: { src: ../good.jpg, alt: "A road" }'));
    result = await runBuild(root, { args: ["--verbose"] });
  });

  test("the build fails and the last good site is untouched", async () => {
    assert.equal(result.code, 1);
    assert.deepEqual(await hashTree(result.out), lastGood);
    assert.match(result.stderr, /6 problems in 5 articles\. Nothing was built/);
  });

  const cases: [what: string, line: RegExp][] = [
    ["a .jpg that is text", /^error: articles\/text-picture\.md:\d+: image\.src: articles\/text\.jpg is not a picture the build can read \(Input buffer contains unsupported image format\)$/],
    ["a link out of the folder", /^error: articles\/linked\.md:\d+: image\.src: articles\/linked\.jpg is a link to a file outside articles\/$/],
    ["a drawing with a script", /^error: articles\/unsafe-drawing\.md:7: body: public\/unsafe\.svg is an SVG drawing the site cannot publish: it holds a <script> element$/],
    ["a source that makes no URL", /^error: articles\/no-source-name\.md:\d+: source: "!!!" cannot be used as a source name/],
    ["the unreadable lead of an article with many problems", /^error: articles\/many\.md:\d+: image\.src: articles\/text\.jpg is not a picture/],
    ["its unsafe drawing", /^error: articles\/many\.md:9: body: public\/unsafe\.svg is an SVG drawing the site cannot publish/],
  ];
  for (const [what, line] of cases) {
    test(`${what} is an error naming the article and the field`, () => {
      const found = errors(result.stderr).filter((l) => line.test(l));
      assert.equal(found.length, 1, `no error matching ${line} in:\n${errors(result.stderr).join("\n")}`);
    });
  }

  const warned: [what: string, line: RegExp][] = [
    ["a path that climbs out", /^warning: articles\/climbs-out\.md:\d+: image\.src: "\.\.\/\.\.\/[^"]+" leads out of the article's folder, so it is not read; the article is shown without a lead picture$/],
    ["a picture in the text that climbs out", /^warning: articles\/body-climbs\.md:7: body: "\.\.\/\.\.\/[^"]+" leads out of the article's folder, so it is not read; the page shows its alt text in its place$/],
    // Served as /nested/up-one/, the page's `../good.jpg` is the file beside it, which is not there.
    ["`..` from a nested article, looked for beside it only", /^warning: articles\/nested\/up-one\.md:\d+: image\.src: the picture "\.\.\/good\.jpg" is missing: there is no articles\/nested\/good\.jpg;/],
    ["its picture that climbs out, in the same run as its errors", /^warning: articles\/many\.md:7: body: the picture "\.\.\/[^"]+" is missing: there is no articles\/[^"]+-secret\.jpg;/],
    ["its missing picture", /^warning: articles\/many\.md:11: body: the picture "charts\/nowhere\.png" is missing/],
    ["its picture without alt text", /^warning: articles\/many\.md:13: body: the picture "good\.jpg" has no alt text/],
  ];
  for (const [what, line] of warned) {
    test(`${what} is a warning naming the article and the field`, () => {
      const warnings = result.stderr.split("\n").filter((l) => l.startsWith("warning: "));
      assert.equal(warnings.filter((l) => line.test(l)).length, 1, `no warning matching ${line} in:\n${warnings.join("\n")}`);
    });
  }

  test("an absolute file path is looked for under public/ only, and the file it names is not read", () => {
    const absolute = `public${outside}`.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    assert.match(result.stderr, new RegExp(`^warning: articles/absolute\\.md:\\d+: image\\.src: the picture "[^"]+" is missing: there is no ${absolute};`, "m"));
  });

  test("every error says how to fix it", () => {
    const lines = result.stderr.split("\n");
    lines.forEach((l, i) => {
      if (l.startsWith("error: ")) assert.match(lines[i + 1] ?? "", /^ {4}fix: \S/, `no fix after ${l}`);
    });
  });

  test("the good article's picture is not among the errors", () => {
    assert.doesNotMatch(result.stderr, /articles\/good\.md/);
  });
});

describe("pictures that are only imperfect", () => {
  let root: string;
  let result: Awaited<ReturnType<typeof runBuild>>;

  before(async () => {
    root = await project("people-imperfect", {
      "missing-lead.md": article("Missing lead", 'image: { src: photos/nowhere.jpg, alt: "Nothing" }', "Text."),
      "imperfect-body.md": article(
        "Imperfect body",
        "tags: [x]",
        "![A chart of the vote](charts/nowhere.png)\n\n![](good.jpg)\n\n![An old photo](http://images.example.com/old.jpg)",
      ),
    });
    // A real picture in the project, outside the articles folder: `../../` from a nested article reaches it.
    await writePhoto(path.join(root, "secret.jpg"), { width: 64, height: 64 });
    await mkdir(path.join(root, "articles", "deep"));
    await writeFile(path.join(root, "articles", "deep", "climbs-out.md"), article("Climbs", "tags: [x]", "![A secret](../../secret.jpg)"));
    result = await buildOk(root, { args: ["--verbose"] });
  });

  test("are built, each with a warning of its kind naming the article, the field and the line", () => {
    const warnings = result.stderr.split("\n").filter((l) => l.startsWith("warning: "));
    for (const line of [
      /^warning: articles\/missing-lead\.md:\d+: image\.src: the picture "photos\/nowhere\.jpg" is missing: there is no articles\/photos\/nowhere\.jpg and no public\/photos\/nowhere\.jpg; the article is shown without a lead picture$/,
      /^warning: articles\/imperfect-body\.md:7: body: the picture "charts\/nowhere\.png" is missing: .*; the page shows its alt text in its place$/,
      /^warning: articles\/imperfect-body\.md:9: body: the picture "good\.jpg" has no alt text, so it is shown with alt="" \(as a decoration\)$/,
      /^warning: articles\/imperfect-body\.md:11: body: remote image over plain http, not processed: http:\/\/images\.example\.com\/old\.jpg/,
    ]) {
      assert.equal(warnings.filter((l) => line.test(l)).length, 1, `no warning matching ${line} in:\n${warnings.join("\n")}`);
    }
  });

  test("a picture out of the article's folder is not read, and the page shows its alt text", async () => {
    assert.match(result.stderr, /^warning: articles\/deep\/climbs-out\.md:7: body: "\.\.\/\.\.\/secret\.jpg" leads out of the article's folder, so it is not read/m);
    assert.match(mainOf(await readPage(result.out, "/articles/climbs-out/")), /<p>A secret<\/p>/);
    // Only the good article's photo was made: 3 formats at its one width.
    assert.equal((await readdir(path.join(result.out, "img"))).length, 3);
  });

  test("a missing picture in the text is replaced by its alt text; a missing lead picture leaves no figure", async () => {
    const body = mainOf(await readPage(result.out, "/articles/imperfect-body/"));
    assert.match(body, /<p>A chart of the vote<\/p>/);
    assert.match(body, /<picture>(?:(?!<\/picture>)[\s\S])*<img [^>]*alt=""[^>]*><\/picture>/);
    assert.match(body, /<img src="http:\/\/images\.example\.com\/old\.jpg" alt="An old photo"/);
    assert.doesNotMatch(mainOf(await readPage(result.out, "/articles/missing-lead/")), /lead-image|<img/);
  });

  test("--strict refuses them", async () => {
    const strict = await runBuild(root, { out: path.join(root, "_strict"), args: ["--strict"] });
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /^error: articles\/missing-lead\.md:\d+: image\.src: the picture "photos\/nowhere\.jpg" is missing/m);
  });
});
