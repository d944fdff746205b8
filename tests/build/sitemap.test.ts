// The sitemap is made from the files the build wrote (Eleventy's own list, and the pages reused
// from the last site), not from a listing of the folder: a page the project copies in from public/
// is a page too, on the first build and on every warm one after it.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { listFiles } from "../helpers/site.ts";

after(removeTempDirs);

describe("the sitemap", () => {
  test("lists every page of the site, the ones copied from public/ included, cold and warm", async () => {
    const root = await projectFrom("sitemap", path.join(FIXTURES, "sites", "pages"));
    await mkdir(path.join(root, "public", "about"), { recursive: true });
    await writeFile(path.join(root, "public", "about", "index.html"), "<!doctype html><title>About</title><p>About this archive.</p>\n");
    for (const build of ["cold", "warm"]) {
      const { out } = await buildOk(root);
      const locs = [...(await readFile(path.join(out, "sitemap.xml"), "utf8")).matchAll(/<loc>https:\/\/example\.org(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
      const pages = (await listFiles(out)).filter((f) => f.endsWith("index.html")).map((f) => `/${f.replace(/index\.html$/, "")}`);
      assert.ok(locs.includes("/about/"), `${build}: the page from public/ is missing`);
      assert.deepEqual(locs, [...pages].sort(), `${build}: the sitemap and the built pages differ`);
    }
  });
});
