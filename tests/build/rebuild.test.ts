/**
 * Rebuilding: a deleted article's pages (and the tag, month and year pages only it filled) are gone
 * after the next build, and no page links to them; the same input always gives the same bytes,
 * wherever the project lives.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { checkLinks } from "../helpers/links.ts";
import { hashTree, listFiles } from "../helpers/site.ts";

after(removeTempDirs);

const FIXTURE = path.join(FIXTURES, "sites", "pages");

describe("rebuilding", () => {
  test("a deleted article's page, and the pages only it filled, disappear on the next build", async () => {
    const root = await projectFrom("delete", FIXTURE);
    const { out } = await buildOk(root);
    const gone = ["articles/january-withdrawal/index.html", "tags/russia/index.html", "archive/2020/index.html", "archive/2020/01/index.html"];
    const first = await listFiles(out);
    for (const file of gone) assert.ok(first.includes(file), `${file} was not built in the first place`);

    await rm(path.join(root, "articles", "2020-01-08-january-withdrawal.md"));
    await buildOk(root);

    const second = await listFiles(out);
    for (const file of gone) assert.ok(!second.includes(file), `${file} lingers after its article was deleted`);
    assert.ok(second.includes("articles/new-year-statement/index.html"));
    for (const file of second.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      assert.doesNotMatch(await readFile(path.join(out, file), "utf8"), /january-withdrawal|January withdrawal/, `${file} still mentions the deleted article`);
    }
    assert.deepEqual((await checkLinks(out, { prefix: "/", siteUrl: "https://example.org" })).broken, []);
    assert.deepEqual((await readdir(root)).filter((f) => f.startsWith("_site.")), [], "staging or old folders left beside the site");
  });

  test("two builds of the same input are byte-identical, in the same folder and in another", async () => {
    const a = await projectFrom("same-a", FIXTURE);
    const b = await projectFrom("same-b", FIXTURE);
    const { out: outA } = await buildOk(a);
    const first = await hashTree(outA);
    await buildOk(a);
    const second = await hashTree(outA);
    const { out: outB } = await buildOk(b);
    const other = await hashTree(outB);

    assert.ok(Object.keys(first).length > 20, "too few files to compare");
    assert.deepEqual(second, first, "rebuilding the same project changed files");
    assert.deepEqual(other, first, "the same articles in another folder built differently");
  });
});
