/**
 * A project's public/ adds to the package's files and replaces them by name; it never takes away
 * the style sheet, search script or favicon every page links to. Archives arrive with a public/ of
 * their own (Hugo's static/, Jekyll's assets/).
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, realArticlesProject, REPO, removeTempDirs } from "../helpers/project.ts";

after(removeTempDirs);

test("a project's public/ adds its files, keeps the package's, and replaces them by name", async () => {
  const root = await realArticlesProject("public-files");
  await mkdir(path.join(root, "public", "static", "images"), { recursive: true });
  await writeFile(path.join(root, "public", "static", "images", "map.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(root, "public", "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><title>own</title></svg>');
  const { out } = await buildOk(root);

  assert.ok((await readFile(path.join(out, "static", "images", "map.svg"), "utf8")).startsWith("<svg"), "the project's own file");
  assert.equal(await readFile(path.join(out, "style.css"), "utf8"), await readFile(path.join(REPO, "public", "style.css"), "utf8"), "the package's style sheet");
  assert.equal(await readFile(path.join(out, "search.js"), "utf8"), await readFile(path.join(REPO, "public", "search.js"), "utf8"), "the package's search script");
  assert.match(await readFile(path.join(out, "favicon.svg"), "utf8"), /<title>own<\/title>/, "the project's favicon replaces the package's");
  const home = await readFile(path.join(out, "index.html"), "utf8");
  assert.match(home, /<link rel="stylesheet" href="\/style\.css/);
});
