// src/content/images/image-src.ts: where a picture named in an article is looked for, as a table of what real
// archives write and what it means. Pure: no file is read.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { classifyImageSrc, imagePlaces, type ImageSrc } from "../../src/content/images/image-src.ts";

/** The places looked in, as project-relative files; or the kind of a src that is not local. */
function lookedFor(src: string, article = "articles/2024-01-01-a.md"): string[] | string {
  const where: ImageSrc = classifyImageSrc(src);
  return where.kind === "local" ? imagePlaces(where, article).map((p) => p.shown) : where.kind;
}

describe("classifyImageSrc and imagePlaces", () => {
  const cases: [written: string, article: string | undefined, expected: string[] | string][] = [
    ["photo.jpg", undefined, ["articles/photo.jpg", "public/photo.jpg"]],
    ["./pictures/photo.jpg", undefined, ["articles/pictures/photo.jpg", "public/pictures/photo.jpg"]],
    // Site paths: under public/ only; Hugo's static/ folder is served at the root.
    ["/images/photo.jpg", undefined, ["public/images/photo.jpg"]],
    ["/static/images/photo.jpg", undefined, ["public/static/images/photo.jpg", "public/images/photo.jpg"]],
    ["{{ site.baseurl }}/assets/photo.jpg", undefined, ["public/assets/photo.jpg"]],
    ["{{site.url}}{{site.baseurl}}/assets/photo.jpg", undefined, ["public/assets/photo.jpg"]],
    ["{{- site.baseurl -}}assets/photo.jpg", undefined, ["public/assets/photo.jpg"]],
    // URL paths: a query and a fragment are not part of the name; escapes are decoded, `\` is `/`.
    ["/images/photo.jpg?v=2#top", undefined, ["public/images/photo.jpg"]],
    ["my%20photo.jpg", undefined, ["articles/my photo.jpg", "public/my photo.jpg"]],
    [".2022_%5Bgsoc%5D.assets/volume.png", undefined, ["articles/.2022_[gsoc].assets/volume.png", "public/.2022_[gsoc].assets/volume.png"]],
    ["100%.png", undefined, ["articles/100%.png", "public/100%.png"]],
    ["images\\photo.jpg", undefined, ["articles/images/photo.jpg", "public/images/photo.jpg"]],
    // A site path cannot climb out of public/, as a browser resolves /../x to /x.
    ["/../../etc/passwd", undefined, ["public/etc/passwd"]],
    ["/etc/passwd", undefined, ["public/etc/passwd"]],
    // `../` from a page served as a folder of its own name is the page's file's folder; no further.
    ["../photo.jpg", "articles/blog/a-post.md", ["articles/blog/photo.jpg"]],
    ["../../photo.jpg", "articles/blog/a-post.md", []],
    ["%2e%2e/%2e%2e/photo.jpg", "articles/blog/a-post.md", []],
    ["..\\..\\photo.jpg", "articles/blog/a-post.md", []],
    ["../photo.jpg", "articles/a-post/index.md", []],
    ["../photo.jpg", "articles/blog/_index.md", []],
    ["pictures/../../photo.jpg", "articles/blog/a-post.md", ["articles/blog/photo.jpg"]],
    // Not paths of the site.
    ["C:\\Users\\me\\photo.jpg", undefined, "outside"],
    ["c:/Users/me/photo.jpg", undefined, "outside"],
    ["\\\\server\\share\\photo.jpg", undefined, "outside"],
    ["https://example.org/a.jpg", undefined, "remote"],
    ["http://example.org/a.jpg", undefined, "remote"],
    ["//example.org/a.jpg", undefined, "remote"],
    ["data:image/png;base64,AAAA", undefined, "invalid"],
    ["file:///etc/passwd", undefined, "invalid"],
    ["", undefined, "invalid"],
    ["pictures/", undefined, "invalid"],
    ["/", undefined, "invalid"],
    ["{{ site.baseurl }}", undefined, "invalid"],
    ["photo%00.jpg", undefined, "invalid"],
  ];
  for (const [written, article, expected] of cases) {
    test(`${JSON.stringify(written)}${article === undefined ? "" : ` from ${article}`}`, () => {
      assert.deepEqual(lookedFor(written, article), expected);
    });
  }

  test("a plain http:// address is remote and not secure", () => {
    assert.deepEqual(classifyImageSrc("http://example.org/a.jpg"), { kind: "remote", url: "http://example.org/a.jpg", secure: false });
  });
});
