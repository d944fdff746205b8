// Bad pictures and bad names stop the build with an error naming the article, the field and the
// fix, all at once, and leave the last good site as it was. A picture outside the project is
// never read, whatever path or link leads to it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, removeTempDirs, runBuild, tempDir } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";
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
    const bad: Record<string, string> = {
      "missing-file.md": article("Missing", 'image: { src: photos/nowhere.jpg, alt: "Nothing" }'),
      "missing-alt.md": article("No alt", "image: { src: good.jpg }"),
      "empty-alt.md": article("Empty alt", 'image: { src: good.jpg, alt: "   " }'),
      "text-picture.md": article("Text", 'image: { src: text.jpg, alt: "Not a picture" }'),
      "climbs-out.md": article("Climbs", `image: { src: "../../${path.basename(outside)}", alt: "Secret" }`),
      "absolute.md": article("Absolute", `image: { src: "${outside}", alt: "Secret" }`),
      "linked.md": article("Linked", 'image: { src: linked.jpg, alt: "Secret" }'),
      "plain-http.md": article("HTTP", 'image: { src: "http://images.example.com/a.jpg", alt: "Remote" }'),
      "body-missing.md": article("Body", "tags: [x]", "First paragraph.\n\n![A chart](charts/nowhere.png)"),
      "body-climbs.md": article("Body climbs", "tags: [x]", `![Secret](../../${path.basename(outside)})`),
      "no-source-name.md": article("Source", 'source: "!!!"'),
    };
    for (const [name, text] of Object.entries(bad)) await writeFile(path.join(root, "articles", name), text);
    // One level down: `..` to the articles folder is still outside this article's folder.
    await writeFile(path.join(root, "articles", "nested", "up-one.md"), article("Up one", 'image: { src: ../good.jpg, alt: "A road" }'));
    result = await runBuild(root);
  });

  test("the build fails and the last good site is untouched", async () => {
    assert.equal(result.code, 1);
    assert.deepEqual(await hashTree(result.out), lastGood);
    assert.match(result.stderr, /12 problems in 12 articles\. Nothing was built/);
  });

  const cases: [what: string, line: RegExp][] = [
    ["a missing file", /^error: articles\/missing-file\.md:\d+: image\.src: the picture "photos\/nowhere\.jpg" is missing: there is no articles\/photos\/nowhere\.jpg and no public\/photos\/nowhere\.jpg$/],
    ["a missing alt", /^error: articles\/missing-alt\.md:\d+: image\.alt: is missing or empty: the picture needs a text for people who cannot see it$/],
    ["an empty alt", /^error: articles\/empty-alt\.md:\d+: image\.alt: is missing or empty/],
    ["a .jpg that is text", /^error: articles\/text-picture\.md:\d+: image\.src: articles\/text\.jpg is not a picture the build can read \(Input buffer contains unsupported image format\)$/],
    ["a path that climbs out", /^error: articles\/climbs-out\.md:\d+: image\.src: "\.\.\/\.\.\/[^"]+" leaves the article's folder$/],
    ["an absolute path", /^error: articles\/absolute\.md:\d+: image\.src: "\/[^"]+" is an absolute path, and the build only reads pictures inside the project$/],
    ["a link out of the folder", /^error: articles\/linked\.md:\d+: image\.src: articles\/linked\.jpg is a link to a file outside articles\/$/],
    ["a plain http address", /^error: articles\/plain-http\.md:\d+: image\.src: "http:\/\/images\.example\.com\/a\.jpg" is not an https:\/\/ address$/],
    ["a missing picture in the text, with its line", /^error: articles\/body-missing\.md:9: body: the picture "charts\/nowhere\.png" is missing/],
    ["a picture in the text that climbs out", /^error: articles\/body-climbs\.md:7: body: "\.\.\/\.\.\/[^"]+" leaves the article's folder$/],
    ["`..` from a nested article", /^error: articles\/nested\/up-one\.md:\d+: image\.src: "\.\.\/good\.jpg" leaves the article's folder$/],
    ["a source that makes no URL", /^error: articles\/no-source-name\.md:\d+: source: "!!!" cannot be used as a source name/],
  ];
  for (const [what, line] of cases) {
    test(`${what} is an error naming the article and the field`, () => {
      const found = errors(result.stderr).filter((l) => line.test(l));
      assert.equal(found.length, 1, `no error matching ${line} in:\n${errors(result.stderr).join("\n")}`);
    });
  }

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
