// Pictures named by articles — the lead `image` and markdown images in the body — found, checked
// and turned into a few widths of AVIF and WebP with a JPEG (or, for transparency, PNG) fallback,
// each with its real width and height, by @11ty/eleventy-img.
//
// Encoding is by far the slowest part of a build, so the outputs are kept under
// .cache/news-archive/images/<key>/, where the key is a hash of the picture's bytes and of the
// settings and libraries that encode it: a rebuild copies files instead of encoding again, a
// renamed picture is not encoded twice, and an edited one is. A file whose size and modification
// time are as they were when it was last hashed is not even read again. Deleting the folder is
// always safe.
//
// A picture is looked for beside the article (its folder and folders under it), then under
// public/. Nothing outside those two folders is ever read: not by an absolute path, not by `..`,
// not through a symbolic link (classifyImageSrc and `locate` below).
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import sharp from "sharp";
import { classifyImageSrc } from "./image-src.ts";
import { ARTICLE_SIZES, pictureHtml, type ImageFile, type ImageFormat, type LeadImage, type Picture } from "./picture.ts";
import type { Problem, ProblemKind } from "./problems.ts";
import { mapLimit } from "./map-limit.ts";
import { CACHE_DIR } from "./pack-cache.ts";
import { placedBody, placeImages, type Body, type RenderedBody } from "./rendered.ts";
import type { ArticleMeta } from "./schema.ts";

/** A picture an article asks for. */
export interface ImageRequest {
  /** The article, project-relative ("articles/x.md"): the picture is looked for beside it first. */
  file: string;
  /** "image.src" for the lead picture, "body" for one in the text. */
  field: string;
  line?: number;
  src: string;
}

export interface ImageResults {
  /** One per request, in order; null where the request is one of `problems`. */
  files: (ImageFile | null)[];
  problems: Problem[];
  warnings: Problem[];
  /** Every output file: unprefixed site path → the file in the cache. */
  outputs: Map<string, string>;
  /** Distinct local pictures, and how many of them had to be encoded (the rest came from the cache). */
  pictures: number;
  encoded: number;
}

/** Site folder of every output; names carry the content hash, so they never collide. */
export const IMAGE_DIR = "/img/";
/** From a phone at 1x to an article column at 2x; never wider than the original. */
const WIDTHS = [360, 720, 1080, 1440];
const MODERN = ["avif", "webp"];
/**
 * AVIF's encoder at its default effort (4) took 2.5 s per width of a 1600 px photo on the build
 * machine; at 1 it takes a tenth of that and the files of a photograph come out the same size.
 */
const AVIF = { effort: 1 };
const READABLE = new Set(["jpeg", "png", "webp", "avif", "gif", "tiff", "heif"]);
/** Bump when the shape of a cache entry or the way pictures are encoded changes. */
const FORMAT = "1";
const ENTRY = /^[0-9a-f]{64}$/;
const PARALLEL = 16;

type Located = { ok: true; full: string; shown: string } | { ok: false; missing: boolean; message: string; fix: string };
type Encoded = { ok: true; picture: Picture; cached: boolean } | { ok: false; message: string; fix: string };

/** A picture file as it was when last hashed: while its size and mtime stay the same, so does its key. */
interface Known {
  size: number;
  mtimeMs: number;
  version: string;
  key: string;
}

/** Reading and hashing each picture on every build would cost more than the rest of a warm build. */
interface Memo {
  known: ReadonlyMap<string, Known>;
  seen: Map<string, Known>;
}

export interface Illustrated extends ImageResults {
  /** Per article, in order: its lead picture, and its body with every picture in place. */
  leads: (LeadImage | null)[];
  bodies: Body[];
}

/** Every picture of every article, processed; each body's placeholders replaced by the pictures' markup. */
export async function illustrate(
  root: string,
  publicDir: string,
  pathPrefix: string,
  articles: readonly { file: string; meta: ArticleMeta }[],
  rendered: readonly RenderedBody[],
): Promise<Illustrated> {
  const requests = articles.flatMap((a, i) => [
    ...(a.meta.image === null ? [] : [{ file: a.file, field: "image.src", ...(a.meta.image.line === undefined ? {} : { line: a.meta.image.line }), src: a.meta.image.src }]),
    ...rendered[i]!.images.map((b) => ({ file: a.file, field: "body", ...(b.line === undefined ? {} : { line: b.line }), src: b.src })),
  ]);
  const results = await processImages(root, publicDir, requests);
  let next = 0;
  const leads: (LeadImage | null)[] = [];
  const bodies = articles.map((a, i) => {
    const lead = a.meta.image;
    const leadFile = lead === null ? null : results.files[next++];
    leads.push(lead === null || !leadFile ? null : { alt: lead.alt, caption: lead.caption, credit: lead.credit, file: leadFile });
    const { body, images } = rendered[i]!;
    if (images.length === 0) return body;
    const markup = images.map((image) => {
      const file = results.files[next++];
      // A failed picture is among the problems, and the build stops before this page is written.
      return file ? pictureHtml(pathPrefix, file, { alt: image.alt, title: image.title, sizes: ARTICLE_SIZES, loading: "lazy" }).value : "";
    });
    return placedBody(body, markup, (html) => placeImages(html, (n) => markup[n] ?? ""));
  });
  return { ...results, leads, bodies };
}

async function processImages(root: string, publicDir: string, requests: readonly ImageRequest[]): Promise<ImageResults> {
  const cacheDir = path.join(root, CACHE_DIR, "images");
  await mkdir(cacheDir, { recursive: true });
  const version = settingsVersion();
  const results: ImageResults = { files: [], problems: [], warnings: [], outputs: new Map(), pictures: 0, encoded: 0 };
  // Keyed by the file's real path: ten articles showing one photo read and encode it once.
  const byFile = new Map<string, Promise<Encoded>>();
  const used = new Set<string>();
  const memo: Memo = { known: await readKnown(cacheDir), seen: new Map() };

  results.files = await mapLimit(requests, PARALLEL, async (request): Promise<ImageFile | null> => {
    const fail = (kind: ProblemKind, message: string, fix: string) => {
      results.problems.push({ kind, file: request.file, field: request.field, ...(request.line === undefined ? {} : { line: request.line }), message, fix });
      return null;
    };
    const where = classifyImageSrc(request.src);
    if (where.kind === "invalid") return fail("path-outside", where.message, where.fix);
    if (where.kind === "remote") {
      results.warnings.push({
        kind: "picture-remote",
        file: request.file,
        field: request.field,
        ...(request.line === undefined ? {} : { line: request.line }),
        message: `remote image not processed (no network at build time): ${where.url}`,
        fix: "it is shown from the other site, without sizes or modern formats; save the picture beside the article to have it processed",
      });
      return { kind: "remote", url: where.url };
    }
    const located = await locate(root, publicDir, request.file, where.path);
    if (!located.ok) return fail(located.missing ? "picture-missing" : "path-outside", located.message, located.fix);
    let encoding = byFile.get(located.full);
    if (encoding === undefined) {
      encoding = encode(located.full, located.shown, cacheDir, version, used, memo);
      byFile.set(located.full, encoding);
    }
    const encoded = await encoding;
    if (!encoded.ok) return fail("picture-unreadable", encoded.message, encoded.fix);
    return encoded.picture;
  });

  for (const encoding of byFile.values()) {
    const encoded = await encoding;
    if (!encoded.ok) continue;
    results.pictures += 1;
    if (!encoded.cached) results.encoded += 1;
  }
  for (const key of used) {
    for (const name of await readdir(path.join(cacheDir, key))) {
      if (name !== MANIFEST) results.outputs.set(`${IMAGE_DIR}${name}`, path.join(cacheDir, key, name));
    }
  }
  await prune(cacheDir, used);
  await writeKnown(cacheDir, memo.seen);
  return results;
}

/** Copies the outputs into the site being built (a reflink where the file system can). */
export async function writeImages(siteDir: string, outputs: ReadonlyMap<string, string>): Promise<void> {
  if (outputs.size === 0) return;
  await mkdir(path.join(siteDir, IMAGE_DIR), { recursive: true });
  await mapLimit([...outputs], PARALLEL, ([sitePath, cached]) => copyFile(cached, path.join(siteDir, sitePath), constants.COPYFILE_FICLONE));
}

/** Beside the article first, then under public/; the real file must be inside the folder it was found in. */
async function locate(root: string, publicDir: string, article: string, relative: string): Promise<Located> {
  const articleDir = path.dirname(path.join(root, article));
  const places = [
    { base: articleDir, shown: path.posix.join(path.posix.dirname(article), relative) },
    { base: publicDir, shown: `public/${relative}` },
  ];
  for (const { base, shown } of places) {
    const full = path.join(base, ...relative.split("/"));
    const stat = await lstat(full).catch(() => null);
    if (stat === null) continue;
    const real = await realpath(full).catch(() => null);
    const realBase = await realpath(base).catch(() => base);
    if (real === null || !real.startsWith(realBase + path.sep)) {
      return { ok: false, missing: false, message: `${shown} is a link to a file outside ${path.posix.dirname(shown)}/`, fix: "copy the picture there instead of linking to it" };
    }
    if (stat.isDirectory()) return { ok: false, missing: false, message: `${shown} is a folder, not a picture`, fix: "name the picture file itself, e.g. photo.jpg" };
    return { ok: true, full: real, shown };
  }
  const [beside, underPublic] = places.map((p) => p.shown);
  return {
    ok: false,
    missing: true,
    message: `the picture "${relative}" is missing: there is no ${beside} and no ${underPublic}`,
    fix: "put the picture there, or correct its name (names are case-sensitive)",
  };
}

async function encode(full: string, shown: string, cacheDir: string, version: string, used: Set<string>, memo: Memo): Promise<Encoded> {
  const unreadable = (why: string): Encoded => ({
    ok: false,
    message: `${shown} is not a picture the build can read (${why})`,
    fix: "save it again as JPEG or PNG and check that it opens in an image viewer",
  });
  let bytes: Buffer;
  let file: { size: number; mtimeMs: number };
  try {
    file = await stat(full);
    const was = memo.known.get(full);
    if (was !== undefined && was.size === file.size && was.mtimeMs === file.mtimeMs && was.version === version) {
      const cached = await readManifest(path.join(cacheDir, was.key));
      if (cached !== null) {
        used.add(was.key);
        memo.seen.set(full, was);
        return { ok: true, picture: cached, cached: true };
      }
    }
    bytes = await readFile(full);
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  // An SVG is a program as much as a picture (scripts, references to other files): never processed.
  if (/^\s*(<\?xml|<svg|<!DOCTYPE svg)/i.test(bytes.subarray(0, 256).toString("latin1"))) {
    return { ok: false, message: `${shown} is an SVG drawing, which the build does not process`, fix: "export it as a PNG and use that" };
  }
  let hasAlpha: boolean;
  try {
    const metadata = await sharp(bytes).metadata();
    if (metadata.format === undefined || !READABLE.has(metadata.format)) return unreadable(`${metadata.format ?? "unknown"} pictures are not supported`);
    hasAlpha = metadata.hasAlpha === true;
  } catch (error) {
    return unreadable((error as Error).message);
  }

  const key = hash(version, bytes);
  used.add(key);
  memo.seen.set(full, { size: file.size, mtimeMs: file.mtimeMs, version, key });
  const entry = path.join(cacheDir, key);
  const cached = await readManifest(entry);
  if (cached !== null) return { ok: true, picture: cached, cached: true };
  await rm(entry, { recursive: true, force: true });

  // Encoded beside and renamed into place, so a concurrent build never sees half an entry.
  const temp = `${entry}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const fallback = hasAlpha ? "png" : "jpeg";
    // Loaded only when a picture is encoded: most builds find every picture in the cache.
    const { default: Image } = await import("@11ty/eleventy-img");
    const stats = await Image(bytes, {
      widths: WIDTHS,
      formats: [...MODERN, fallback],
      outputDir: temp,
      urlPath: IMAGE_DIR,
      useCache: false,
      sharpAvifOptions: AVIF,
      // Phone photos are stored sideways with an EXIF note to turn them; the outputs carry no EXIF.
      fixOrientation: true,
      filenameFormat: (_id, _src, width, format) => `${key.slice(0, 16)}-${width}.${format === "jpeg" ? "jpg" : format}`,
    });
    const formats: ImageFormat[] = [...MODERN, fallback].flatMap((format) => {
      const variants = (stats[format] ?? []).map((s) => ({ path: `${IMAGE_DIR}${s.filename}`, width: s.width, height: s.height }));
      return variants.length === 0 ? [] : [{ type: stats[format]![0]!.sourceType, variants: variants.sort((a, b) => a.width - b.width) }];
    });
    const widest = formats[formats.length - 1]?.variants.at(-1);
    if (widest === undefined) return unreadable("it produced no output");
    const picture: Picture = { kind: "picture", width: widest.width, height: widest.height, formats };
    await writeFile(path.join(temp, MANIFEST), JSON.stringify(picture));
    await rename(temp, entry).catch(async () => {
      // Another build finished the same picture first: its entry is as good as this one.
      await rm(temp, { recursive: true, force: true });
    });
    return { ok: true, picture, cached: false };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    return unreadable((error as Error).message);
  }
}

const MANIFEST = "picture.json";
const KNOWN = "files.json";

async function readKnown(cacheDir: string): Promise<Map<string, Known>> {
  try {
    return new Map(Object.entries(JSON.parse(await readFile(path.join(cacheDir, KNOWN), "utf8")) as Record<string, Known>));
  } catch {
    return new Map();
  }
}

/** Only the files this build used, so the list never outgrows the archive. */
async function writeKnown(cacheDir: string, seen: ReadonlyMap<string, Known>): Promise<void> {
  const temp = path.join(cacheDir, `${KNOWN}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const sorted = Object.fromEntries([...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFile(temp, JSON.stringify(sorted))
    .then(() => rename(temp, path.join(cacheDir, KNOWN)))
    .catch(() => rm(temp, { force: true }));
}

async function readManifest(entry: string): Promise<Picture | null> {
  try {
    const picture = JSON.parse(await readFile(path.join(entry, MANIFEST), "utf8")) as Picture;
    return picture.kind === "picture" && Array.isArray(picture.formats) && picture.formats.length > 0 ? picture : null;
  } catch {
    return null;
  }
}

/** Entries this build did not use, and what builds that were killed mid-way left behind. */
async function prune(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const stale = names.filter((n) => {
    if (ENTRY.test(n)) return !used.has(n);
    const pid = /\.tmp-(\d+)-/.exec(n)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  await mapLimit(stale, PARALLEL, (n) => rm(path.join(cacheDir, n), { recursive: true, force: true }));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

let settings: string | undefined;

/** Changes whenever the outputs could: the settings here, eleventy-img, sharp and the codecs under it. */
function settingsVersion(): string {
  const require = createRequire(import.meta.url);
  const imagePackage = require("@11ty/eleventy-img/package.json") as { version: string };
  return (settings ??= hash(FORMAT, JSON.stringify({ WIDTHS, MODERN, AVIF }), imagePackage.version, JSON.stringify(sharp.versions)));
}

function hash(...parts: (string | Buffer)[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(`${part.length}:`).update(part);
  return h.digest("hex");
}
