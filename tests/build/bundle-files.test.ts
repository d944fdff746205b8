/**
 * A page bundle's files that its article links to (the Rust blog's survey charts as .svg, an
 * application's questions as .txt) are published beside the article's page, as Hugo and Zola do,
 * and the links lead there. Nothing else is: not a file the article does not link to, not one
 * outside its folder, not HTML nor a drawing with a script, which would run with the site's origin.
 * Fixture: tests/fixtures/bundle-files/ (where it comes from: its LICENCE-NOTE.md).
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkLinks } from "../helpers/links.ts";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { listFiles } from "../helpers/site.ts";

after(removeTempDirs);

test("a bundle's linked files are published beside its page, and nothing else of its folder", async () => {
  const fixture = path.join(FIXTURES, "bundle-files");
  const root = await projectFrom("bundle-files", fixture);
  const { out, stdout, stderr } = await buildOk(root, { args: ["--verbose"] });
  const report = stdout + stderr;

  const files = (await listFiles(path.join(out, "articles"))).filter((f) => !f.endsWith(".html")).sort();
  assert.deepEqual(files, ["2023-rust-annual-survey-2023-results/do-you-use-rust.png", "2023-rust-annual-survey-2023-results/do-you-use-rust.svg", "increasing-rusts-reach/application.txt"]);
  for (const [published, source] of [
    ["increasing-rusts-reach/application.txt", "Increasing-Rusts-Reach/application.txt"],
    ["2023-rust-annual-survey-2023-results/do-you-use-rust.svg", "2023-Rust-Annual-Survey-2023-results/do-you-use-rust.svg"],
  ]) {
    assert.deepEqual(await readFile(path.join(out, "articles", published!)), await readFile(path.join(fixture, "articles", source!)), published);
  }

  const reach = await readFile(path.join(out, "articles", "increasing-rusts-reach", "index.html"), "utf8");
  assert.match(reach, /<a href="\/articles\/increasing-rusts-reach\/application\.txt">application's questions in this text file<\/a>/);
  const links = await checkLinks(out, { prefix: "/", siteUrl: "https://example.org" });
  assert.deepEqual(links.broken.map((b) => b.replace(/: .*/, "")).sort(), [
    "/articles/2023-rust-annual-survey-2023-results/ → ../outside.txt",
    "/articles/2023-rust-annual-survey-2023-results/ → timing.html",
    "/articles/2023-rust-annual-survey-2023-results/ → unsafe.svg",
  ]);
  assert.match(report, /the link to "\.\.\/outside\.txt" is not a page of this site/);
  assert.match(report, /the link to "unsafe\.svg" is a file in the article's folder that is not published: it is an SVG drawing the site cannot publish: it holds a <script> element/);
  assert.match(report, /the link to "timing\.html" is a file in the article's folder that is not published: only text, PDF and pictures/);
  assert.doesNotMatch(report, /application\.txt: file: is not a markdown article/, "a published file is part of the site");
  assert.match(report, /notes\.txt: file: is not a markdown article/, "a file no link names stays out, with its warning");
});
