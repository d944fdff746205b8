// Pictures on real builds of the people fixture: the lead picture in modern formats with its real
// dimensions, thumbnails in lists, pictures in the text, a remote picture, the cache, public/.
// Every generated file is opened with sharp to check what it really is.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { buildOk, projectFrom, removeTempDirs, tempDir } from "../helpers/project.ts";
import { decodeEntities, hashTree, mainOf, readPage } from "../helpers/site.ts";
import { peopleProject, PHOTO, writeMap, writePhoto } from "./pictures.ts";

after(removeTempDirs);

/** A cache entry is named by the 64-hex-digit hash of a picture's bytes and the settings. */
const cacheEntries = async (root: string) => (await readdir(path.join(root, ".cache", "news-archive", "images"))).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();

const FORMATS: Record<string, string> = { "image/avif": "heif", "image/webp": "webp", "image/jpeg": "jpeg", "image/png": "png" };

interface Img {
  tag: string;
  attributes: Record<string, string>;
}

function parseTag(tag: string): Img {
  const attributes: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) if (m.index! > 0) attributes[m[1]!] = decodeEntities(m[2] ?? "");
  return { tag, attributes };
}

/** The <source> and <img> elements of each <picture> in `markup`. */
function pictures(markup: string): { sources: Img[]; img: Img }[] {
  return [...markup.matchAll(/<picture>([\s\S]*?)<\/picture>/g)].map((m) => ({
    sources: [...m[1]!.matchAll(/<source [^>]*>/g)].map((s) => parseTag(s[0])),
    img: parseTag(/<img [^>]*>/.exec(m[1]!)![0]),
  }));
}

/**
 * Opens every file a picture's srcsets name and checks it is what the markup says: the format of
 * its type, the width of its descriptor, the picture's aspect ratio. Returns the widest fallback's
 * real size.
 */
async function checkPictureFiles(out: string, prefix: string, picture: { sources: Img[]; img: Img }, type: string): Promise<{ width: number; height: number }> {
  const ratio = Number(picture.img.attributes.width) / Number(picture.img.attributes.height);
  let widest = { width: 0, height: 0 };
  for (const [element, mime] of [...picture.sources.map((s) => [s, s.attributes.type!] as const), [picture.img, type] as const]) {
    const candidates = element.attributes.srcset!.split(", ").map((c) => c.split(" ") as [string, string]);
    assert.ok(candidates.length >= 1);
    for (const [url, descriptor] of candidates) {
      assert.ok(url.startsWith(`${prefix}img/`), `${url} is not under ${prefix}img/`);
      const meta = await sharp(path.join(out, url.slice(prefix.length))).metadata();
      assert.equal(meta.format, FORMATS[mime], `${url} is ${meta.format}, not ${mime}`);
      assert.equal(`${meta.width}w`, descriptor, `${url} is ${meta.width} px wide, its descriptor says ${descriptor}`);
      assert.ok(Math.abs(meta.width! / meta.height! - ratio) < 0.01, `${url} is ${meta.width}×${meta.height}, not the picture's shape`);
      if (mime === type && meta.width! > widest.width) widest = { width: meta.width!, height: meta.height! };
    }
  }
  return widest;
}

describe("pictures in the people fixture", () => {
  let root: string;
  let out: string;
  let stderr: string;
  before(async () => {
    root = await peopleProject("people-images");
    ({ out, stderr } = await buildOk(root));
  });

  test("the lead picture is a <figure> with AVIF and WebP sources and a JPEG fallback whose width and height are the real file's", async () => {
    const page = await readPage(out, "/articles/convoy-leaves-the-base/");
    const figure = /<figure class="lead-image">([\s\S]*?)<\/figure>/.exec(page)?.[1];
    assert.ok(figure, "no lead figure");
    const [lead] = pictures(figure);
    assert.ok(lead);
    assert.deepEqual(lead.sources.map((s) => s.attributes.type), ["image/avif", "image/webp"]);
    const widest = await checkPictureFiles(out, "/", lead, "image/jpeg");
    assert.deepEqual([lead.img.attributes.width, lead.img.attributes.height], [String(widest.width), String(widest.height)]);
    // Never wider than the original, and in several widths for small screens.
    assert.ok(widest.width <= PHOTO.width && widest.width >= 1080, `widest is ${widest.width}`);
    assert.ok(lead.sources[0]!.attributes.srcset!.split(", ").length >= 3);
    assert.equal(lead.img.attributes.alt, "Trucks in a line on a desert road at dawn");
    assert.equal(lead.img.attributes.src, lead.img.attributes.srcset!.split(", ").at(-1)!.split(" ")[0]);
  });

  test("the lead picture loads at once; pictures in the text and thumbnails in lists load lazily", async () => {
    const page = mainOf(await readPage(out, "/articles/convoy-leaves-the-base/"));
    const [lead, ...body] = pictures(page);
    assert.equal(lead!.img.attributes.loading, undefined, "the lead picture is lazy");
    assert.equal(lead!.img.attributes.fetchpriority, "high");
    assert.ok(body.length > 0);
    for (const p of body) assert.equal(p.img.attributes.loading, "lazy");
    for (const list of ["/", "/sources/the-guardian/", "/authors/jane-doe/page/2/", "/tags/iraq/page/2/"]) {
      const thumbs = pictures(mainOf(await readPage(out, list)));
      assert.ok(thumbs.length > 0, `no thumbnail on ${list}`);
      for (const t of thumbs) assert.equal(t.img.attributes.loading, "lazy", `a thumbnail on ${list} is not lazy`);
    }
  });

  test("the caption and the credit are in the figure's <figcaption>", async () => {
    const page = await readPage(out, "/articles/convoy-leaves-the-base/");
    assert.match(page, /<figcaption>The last convoy leaves the base\. <span class="credit"><span class="visually-hidden">Credit: <\/span>Photo: Example Agency<\/span><\/figcaption>/);
    // The wire story's picture has neither: no empty figcaption.
    const wire = await readPage(out, "/articles/wire-story/");
    assert.match(wire, /<figure class="lead-image">/);
    assert.doesNotMatch(wire, /<figcaption>/);
  });

  test("a list shows a small thumbnail beside each article with a lead picture, and none beside the others", async () => {
    const home = mainOf(await readPage(out, "/"));
    const items = [...home.matchAll(/<li class="article-item([^"]*)"[\s\S]*?<\/li>/g)];
    assert.deepEqual(
      items.map((m) => [/<a href="([^"]*)"/.exec(m[0])![1], m[1]]),
      [
        ["/articles/convoy-leaves-the-base/", " has-thumbnail"],
        ["/articles/second-report/", ""],
      ],
    );
    const [thumb] = pictures(items[0]![0]);
    // Decorative beside the title that links the article: an empty alt, not the picture's description twice.
    assert.equal(thumb!.img.attributes.alt, "");
    assert.equal(thumb!.img.attributes.sizes, "7rem");
    await checkPictureFiles(out, "/", thumb!, "image/jpeg");
  });

  test("a picture in the text gets the same treatment; a transparent PNG keeps a PNG fallback", async () => {
    const body = /<div class="article-body">([\s\S]*?)<\/div>/.exec(await readPage(out, "/articles/convoy-leaves-the-base/"))![1]!;
    const [map] = pictures(body);
    assert.ok(map, "the map is not a <picture>");
    assert.equal(map.img.attributes.alt, "A map of the route to the border");
    assert.equal(map.img.attributes.title, "The route");
    const widest = await checkPictureFiles(out, "/", map, "image/png");
    assert.deepEqual(widest, { width: 500, height: 400 });
    assert.equal((await sharp(path.join(out, map.img.attributes.src!)).metadata()).hasAlpha, true);
  });

  test("a remote picture stays a plain lazy <img> with its alt text, and the build warns about it", async () => {
    const page = await readPage(out, "/articles/convoy-leaves-the-base/");
    assert.match(page, /<img src="https:\/\/images\.example\.com\/gate\.jpg" alt="Soldiers at the gate" loading="lazy" decoding="async">/);
    assert.match(
      stderr,
      /warning: articles\/2024-03-01-convoy-leaves-the-base\.md:24: body: remote image not processed \(no network at build time\): https:\/\/images\.example\.com\/gate\.jpg/,
    );
  });

  test("OpenGraph and JSON-LD name the lead picture's widest JPEG, which exists at those dimensions", async () => {
    const page = await readPage(out, "/articles/convoy-leaves-the-base/");
    const og = Object.fromEntries([...page.matchAll(/<meta property="(og:image[^"]*)" content="([^"]*)">/g)].map((m) => [m[1], decodeEntities(m[2]!)]));
    const file = path.join(out, new URL(og["og:image"]!).pathname);
    const meta = await sharp(file).metadata();
    assert.deepEqual([og["og:image:type"], og["og:image:width"], og["og:image:height"]], ["image/jpeg", String(meta.width), String(meta.height)]);
    assert.equal(og["og:image:alt"], "Trucks in a line on a desert road at dawn");
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!);
    assert.deepEqual(ld.image, {
      "@type": "ImageObject",
      url: og["og:image"],
      width: meta.width,
      height: meta.height,
      caption: "The last convoy leaves the base.",
      creditText: "Photo: Example Agency",
    });
  });

  test("one picture used by two articles is encoded once; rebuilds, even after a touch, take it from the cache", async () => {
    const lead = (slug: string) => readPage(out, `/articles/${slug}/`).then((p) => pictures(p)[0]!.img.attributes.src);
    assert.equal(await lead("convoy-leaves-the-base"), await lead("wire-story"));
    const cache = path.join(root, ".cache", "news-archive", "images");
    const entries = await cacheEntries(root);
    assert.equal(entries.length, 2, `cache entries: ${entries.join(", ")}`);
    const encodedAt = () => Promise.all(entries.map((e) => stat(path.join(cache, e, "picture.json")).then((s) => s.mtimeMs)));
    const before = await encodedAt();
    const site = await hashTree(out);
    await buildOk(root);
    assert.deepEqual(await encodedAt(), before, "a cached picture was encoded again");
    assert.deepEqual(await hashTree(out), site, "a rebuild from the cache changed the site");
    // A new modification time with the same bytes: read and hashed again, found in the cache.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, "articles", "pictures", "convoy.jpg"), later, later);
    await buildOk(root);
    assert.deepEqual(await encodedAt(), before, "a touched picture was encoded again");
    assert.deepEqual(await hashTree(out), site);
  });

  test("a changed picture is encoded again, its old files leave the site and the cache", async () => {
    const project = await peopleProject("people-changed");
    // Output names start with the hash of the picture's bytes: one name per picture.
    const pictureNames = async (out: string) => {
      const files = await readdir(path.join(out, "img"));
      const name = (ext: string) => new Set(files.filter((f) => f.endsWith(ext)).map((f) => f.split("-")[0]));
      return { photo: [...name(".jpg")], map: [...name(".png")] };
    };
    const before = await pictureNames((await buildOk(project)).out);
    await writePhoto(path.join(project, "articles", "pictures", "convoy.jpg"), PHOTO, 0.3);
    const out = (await buildOk(project)).out;
    const after = await pictureNames(out);
    assert.equal(after.photo.length, 1);
    assert.notDeepEqual(after.photo, before.photo, "the changed photo kept its old files");
    assert.deepEqual(after.map, before.map, "the unchanged map was renamed");
    assert.ok(!(await readdir(path.join(out, "img"))).some((f) => f.startsWith(before.photo[0]!)), "the old photo's files are still in the site");
    const cache = await cacheEntries(project);
    assert.equal(cache.length, 2, `the old photo is still cached: ${cache.join(", ")}`);
  });
});

describe("pictures from public/ and under a path prefix", () => {
  test("a picture under public/ is found when it is not beside the article, and every URL carries the prefix", async () => {
    const root = await tempDir("people-public");
    await mkdir(path.join(root, "articles"), { recursive: true });
    await writeMap(path.join(root, "public", "maps", "region.png"));
    await writeFile(
      path.join(root, "articles", "2024-05-01-public-picture.md"),
      '---\ntitle: "A picture from public"\ndate: "2024-05-01"\nimage: { src: maps/region.png, alt: "The region" }\n---\n\nText.\n',
    );
    const { out } = await buildOk(root, { args: ["--path-prefix", "/news/"] });
    const [lead] = pictures(await readPage(out, "/articles/public-picture/"));
    assert.ok(lead);
    await checkPictureFiles(out, "/news/", lead, "image/png");
  });

  test("a remote lead picture is linked as it is, with a warning, and is left out of lists", async () => {
    const root = await tempDir("people-remote-lead");
    await mkdir(path.join(root, "articles"), { recursive: true });
    await writeFile(
      path.join(root, "articles", "2024-05-02-remote-lead.md"),
      '---\ntitle: "A remote lead"\ndate: "2024-05-02"\nimage: { src: "https://images.example.com/lead.jpg", alt: "A remote lead" }\n---\n\nText.\n',
    );
    const { out, stderr } = await buildOk(root);
    const page = await readPage(out, "/articles/remote-lead/");
    assert.match(page, /<figure class="lead-image">\n<img src="https:\/\/images\.example\.com\/lead\.jpg" alt="A remote lead" fetchpriority="high" decoding="async">/);
    assert.match(page, /<meta property="og:image" content="https:\/\/images\.example\.com\/lead\.jpg">/);
    assert.match(stderr, /warning: articles\/2024-05-02-remote-lead\.md:4: image\.src: remote image not processed \(no network at build time\)/);
    assert.doesNotMatch(mainOf(await readPage(out, "/")), /<img/);
  });

  test("two cold builds of the same archive write byte-identical pictures", async () => {
    const a = await peopleProject("people-same-a");
    const b = await projectFrom("people-same-b", a);
    await rm(path.join(b, ".cache"), { recursive: true, force: true });
    const [ha, hb] = await Promise.all([buildOk(a).then((r) => hashTree(path.join(r.out, "img"))), buildOk(b).then((r) => hashTree(path.join(r.out, "img")))]);
    assert.deepEqual(hb, ha);
  });
});
