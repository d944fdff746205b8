// Pictures named by articles — the lead `image`, markdown images and <img> elements in the body —
// found, checked and made ready for the site: photographs turned into a few widths of AVIF and WebP
// with a JPEG (or, for transparency, PNG) fallback, each with its real width and height, by
// @11ty/eleventy-img; SVG drawings and GIFs (which encoding would flatten or stop) copied as they
// are, with the size they are shown at.
//
// Encoding is by far the slowest part of a build, so the outputs are kept under
// .cache/news-archive/images/<key>/, where the key is a hash of the picture's bytes and of the
// settings and code that make it: a rebuild copies files instead of encoding again, a renamed
// picture is not encoded twice, and an edited one is. A file whose size and modification time are
// as they were when it was last hashed is not even read again. Deleting the folder is always safe.
//
// What the build refuses (an error): a link to a file outside the folder it is in, a file that is
// not a picture, a drawing that could run code or fetch other files (svg.ts). What it builds with a
// warning, and without the picture (the page shows its alt text instead): a picture that is not
// there, a path that leads out of the article's folder (never read). And with a warning and the
// picture: one without alt text, one on another site (linked, not fetched: the build has no network).
//
// A picture is looked for beside the article (its folder and folders under it), then under public/;
// a site path (/img/x.png) under public/ only. Nothing outside those two folders is ever read: not
// by an absolute path, not by `..`, not through a symbolic link (image-src.ts and `locate` below).
import { createHash } from "node:crypto";
import { constants, readFileSync } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import sharp from "sharp";
import { html } from "../../util/html.ts";
import { classifyImageSrc, imagePlaces, type ImageSrc } from "./image-src.ts";
import { mapLimit } from "../../util/map-limit.ts";
import { versionOnce } from "../../cache/code-version.ts";
import { ProjectCaches } from "../../cache/project-caches.ts";
import type { CacheFolder } from "../../cache/store.ts";
import { writeFileAtomic } from "../../project.ts";
import { sniffPicture } from "./picture-bytes.ts";
import { ARTICLE_SIZES, pictureHtml, type ImageFile, type ImageFormat, type LeadImage, type Picture } from "./picture.ts";
import type { Problem, ProblemKind } from "../problems.ts";
import { placedBody, placeImages, type Body, type BodyImage } from "../markdown/rendered.ts";
import type { Link } from "../urls.ts";
import { svgHazard, svgSize } from "./svg.ts";

/** A picture an article asks for. */
export interface ImageRequest {
  /** The article, project-relative ("articles/x.md"): the picture is looked for beside it first. */
  file: string;
  /** "image.src" for the lead picture, "body" for one in the text. */
  field: string;
  line?: number;
  src: string;
}

/**
 * What illustrate needs of an article: its file, its lead picture and the pictures in its text. The
 * alt text may be missing or empty (a warning, and alt="" in the page), as front-matter brought
 * from other tools often is.
 */
export interface PicturedArticle {
  file: string;
  meta: { image: { src: string; alt?: string | null; caption?: string | null; credit?: string | null; line?: number } | null };
  /** Every picture in the body, in order: what its placeholders stand for (markdown/rendered.ts). */
  images: readonly BodyImage[];
}

/** An article whose pictures are placed: its lead picture (null when it has none or it is missing) and its body with every picture in it. */
export type WithPictures<A> = A & { image: LeadImage | null; body: Body };

export interface IllustrateOptions {
  /**
   * false: find and check every picture as a build would, and report the same problems, without
   * encoding or copying anything or changing the cache (for `check`).
   */
  encode?: boolean;
  /** The project's caches, whose picture folder is used (by default, a one-off build's). */
  caches?: ProjectCaches;
}

/** Every problem with the articles' pictures. */
export interface PictureReport {
  /** Errors: what stops the build. */
  problems: Problem[];
  warnings: Problem[];
  /** Distinct local pictures found and readable. */
  pictures: number;
}

export interface Illustrated<A> extends PictureReport {
  /** Each article as it came, in order, with its pictures placed. */
  articles: WithPictures<A>[];
  /** Every output file: unprefixed site path → the file in the cache. */
  outputs: Map<string, string>;
  /** How many of the pictures had to be encoded or copied (the rest came from the cache). */
  encoded: number;
}

/** Site folder of every output; names carry the content hash, so they never collide. */
export const IMAGE_DIR = "/img/";
/** From a phone at 1x to an article column at 2x; never wider than the original. */
const WIDTHS = [360, 720, 1080, 1440];
const MODERN = ["avif", "webp"];
/**
 * AVIF's encoder at its default effort (4) is slow for each width of a photo; at 1 it is many times
 * faster and the files of a photograph come out the same size. Figures: docs/ARCHITECTURE.md,
 * measurements.
 */
const AVIF = { effort: 1 };
/** What the image library is asked to encode; GIF and SVG never reach it (picture-bytes.ts). */
const READABLE = new Set(["jpeg", "png", "webp", "avif", "tiff", "heif"]);
/** Bump when the shape of a cache entry or the way pictures are made changes. */
const FORMAT = "2";
const PARALLEL = 16;

type Located =
  | { kind: "found"; full: string }
  /** `near`: files whose names differ only in case, as written from a computer whose disk ignores case. */
  | { kind: "missing"; places: string[]; near: string[] }
  | { kind: "refused"; message: string; fix: string };
/** A file made ready: `picture` is null when it was only checked (encode: false) and not yet in the cache. */
type Prepared = { ok: true; picture: Picture | null; cached: boolean } | { ok: false; kind: ProblemKind; message: string; fix: string };

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

interface Context {
  cache: CacheFolder;
  version: string;
  /** Cache entries this build uses, and the picture each holds: the rest are pruned. */
  used: Map<string, Picture>;
  memo: Memo;
  encode: boolean;
}

/** Every picture of every article, made ready; each body's placeholders replaced by the pictures' markup. */
export async function illustrate<A extends PicturedArticle & { body: Body }>(
  root: string,
  publicDir: string,
  articles: readonly A[],
  options?: IllustrateOptions & { encode?: true },
): Promise<Illustrated<A>>;
/** Every picture problem of every article, found as a build finds them, with nothing encoded or written. */
export async function illustrate(root: string, publicDir: string, articles: readonly PicturedArticle[], options: IllustrateOptions & { encode: false }): Promise<PictureReport>;
export async function illustrate(
  root: string,
  publicDir: string,
  articles: readonly (PicturedArticle & { body?: Body })[],
  options: IllustrateOptions = {},
): Promise<Illustrated<PicturedArticle & { body?: Body }> | PictureReport> {
  const encode = options.encode !== false;
  const at = (line: number | undefined) => (line === undefined ? {} : { line });
  // Each article with its requests: the files found for them are looked up by request, not by place.
  const asked = articles.map((a) => ({
    article: a,
    lead: a.meta.image === null ? null : { file: a.file, field: "image.src", ...at(a.meta.image.line), src: a.meta.image.src },
    body: a.images.map((b) => ({ image: b, request: { file: a.file, field: "body", ...at(b.line), src: withPageImage(b.src, a.meta.image) } })),
  }));
  const requests = asked.flatMap((x) => [...(x.lead === null ? [] : [x.lead]), ...x.body.map((b) => b.request)]);
  const cache = (options.caches ?? new ProjectCaches(root, "build")).folder("images", new Set([KNOWN]));
  const results = await processImages(root, publicDir, requests, encode, cache);
  const warnings = [...missingAlts(articles), ...results.warnings].sort(byPlace);
  const report = { problems: results.problems.sort(byPlace), warnings, pictures: results.pictures };
  if (!encode) return report;

  const fileFor = (request: ImageRequest) => results.files.get(request) ?? null;
  const placed = asked.map(({ article, lead, body }) => {
    if (article.body === undefined) throw new Error("illustrate: a body is needed to place pictures in");
    const image = article.meta.image;
    const leadFile = lead === null ? null : fileFor(lead);
    const leadImage = image === null || leadFile === null ? null : { alt: altOf(image), caption: image.caption ?? null, credit: image.credit ?? null, file: leadFile };
    if (body.length === 0) return { ...article, image: leadImage, body: article.body };
    // A picture that is not there is told by its alt text, as a browser would show a broken one.
    // A refused one is among the problems, and the build stops before this page is written.
    const pictures = body.map(({ image: b, request }) => ({ ...bodyText(b), file: fileFor(request) }));
    return { ...article, image: leadImage, body: placedBody(article.body, pictures, (text, link) => placeImages(text, (n) => bodyPicture(pictures[n], link))) };
  });
  return { ...report, articles: placed, outputs: results.outputs, encoded: results.encoded };
}

/** A picture of the text as the page shows it: its markup, or its alt text when it is missing. */
function bodyPicture(picture: { alt: string; title: string | null; file: ImageFile | null } | undefined, link: Link): string {
  if (picture === undefined) return "";
  const { alt, title, file } = picture;
  return file === null ? html`${alt}`.value : pictureHtml(link, file, { alt, title, sizes: ARTICLE_SIZES, loading: "lazy" }).value;
}

/** Jekyll's `{{ page.image }}` in the text is the lead picture: `![The chart]({{ site.baseurl }}{{ page.image }})`. */
const PAGE_IMAGE = /\{\{-?\s*page\.image(?:\.path)?\s*-?\}\}/g;

function withPageImage(src: string, lead: { src: string } | null): string {
  return lead === null ? src : src.replace(PAGE_IMAGE, () => lead.src);
}

/**
 * A picture in the text with a title and no alt text (`![](chart.svg "Requests per second")`) is
 * described by its title: as alt text, not also as a title (an empty alt with a title is invalid HTML).
 */
function bodyText(image: BodyImage): { alt: string; title: string | null } {
  const alt = altOf(image);
  const title = image.title?.trim() || null;
  return alt === "" && title !== null ? { alt: title, title: null } : { alt, title };
}

/** Missing, empty or blank: all the same to a reader who cannot see the picture. */
function altOf(image: { alt?: string | null }): string {
  return (image.alt ?? "").trim();
}

/**
 * A picture in the text without a description says nothing to a reader who cannot see it, nor to
 * a search engine. One with a caption is described by it: alt="" then keeps a screen reader from
 * saying it twice, as HTML has it for a figure's picture. (A lead picture's alt text is a
 * front-matter field: the schema warns about it.)
 */
function missingAlts(articles: readonly PicturedArticle[]): Problem[] {
  return articles.flatMap((a) =>
    a.images.flatMap((b): Problem[] =>
      bodyText(b).alt !== "" || b.captioned === true
        ? []
        : [
            {
              kind: "picture-no-alt",
              file: a.file,
              field: "body",
              ...(b.line === undefined ? {} : { line: b.line }),
              message: `the picture "${b.src}" has no alt text, so it is shown with alt="" (as a decoration)`,
              fix: 'describe what the picture shows between the brackets: ![Trucks leaving the base at dawn](photo.jpg), or in alt="…" of an <img>',
            },
          ],
    ),
  );
}

/** Pictures are looked at in parallel; their problems are reported in the order of the articles. */
function byPlace(a: Problem, b: Problem): number {
  const order = (x: Problem) => [x.file, String(x.line ?? 0).padStart(9, "0"), x.field, x.kind, x.message];
  const [ka, kb] = [order(a), order(b)];
  const i = ka.findIndex((part, n) => part !== kb[n]);
  return i === -1 ? 0 : ka[i]! < kb[i]! ? -1 : 1;
}

interface Processed extends PictureReport {
  /** The file each request found: null where the picture is missing, or refused (then among `problems`). */
  files: Map<ImageRequest, ImageFile | null>;
  outputs: Map<string, string>;
  encoded: number;
}

async function processImages(root: string, publicDir: string, requests: readonly ImageRequest[], encode: boolean, cache: CacheFolder): Promise<Processed> {
  const cacheDir = cache.dir;
  // Checking only reads: it leaves no folder behind, as it writes no entry.
  if (encode) await mkdir(cacheDir, { recursive: true });
  const context: Context = { cache, version: settingsVersion(), used: new Map(), memo: { known: await readKnown(cacheDir), seen: new Map() }, encode };
  const results: Processed = { files: new Map(), problems: [], warnings: [], outputs: new Map(), pictures: 0, encoded: 0 };
  // Keyed by the file's real path: ten articles showing one photo read and encode it once.
  const byFile = new Map<string, Promise<Prepared>>();

  const find = async (request: ImageRequest): Promise<ImageFile | null> => {
    const problem = (kind: ProblemKind, message: string, fix: string): Problem => ({
      kind,
      file: request.file,
      field: request.field,
      ...(request.line === undefined ? {} : { line: request.line }),
      message,
      fix,
    });
    const refuse = (kind: ProblemKind, message: string, fix: string) => {
      results.problems.push(problem(kind, message, fix));
      return null;
    };
    const where = classifyImageSrc(request.src);
    if (where.kind === "invalid") return refuse("path-outside", where.message, where.fix);
    if (where.kind === "remote") {
      results.warnings.push(remoteWarning(problem, where.url, where.secure));
      return { kind: "remote", url: where.url };
    }
    // What a page shows in place of a picture it does not have.
    const instead = request.field === "body" ? "the page shows its alt text in its place" : "the article is shown without a lead picture";
    if (where.kind === "outside") {
      results.warnings.push(problem("path-outside", `${where.message}; ${instead}`, where.fix));
      return null;
    }
    const located = await locate(root, publicDir, request.file, where);
    if (located.kind === "refused") return refuse("path-outside", located.message, located.fix);
    if (located.kind === "missing" && located.places.length === 0) {
      results.warnings.push(
        problem(
          "path-outside",
          `"${request.src}" leads out of the article's folder, so it is not read; ${instead}`,
          "copy the picture beside the article (or under public/) and write its path from there, e.g. photo.jpg",
        ),
      );
      return null;
    }
    if (located.kind === "missing") {
      const fix =
        located.near.length > 0
          ? `correct the name: there is ${located.near.join(" and ")}, and names are case-sensitive on the web`
          : "put the picture there (public/ is served at the site's root: copy in what the old site served, e.g. Hugo's static/ or Jekyll's assets/), or correct its name (names are case-sensitive)";
      results.warnings.push(problem("picture-missing", `the picture "${request.src}" is missing: there is no ${located.places.join(" and no ")}; ${instead}`, fix));
      return null;
    }
    let preparing = byFile.get(located.full);
    if (preparing === undefined) {
      preparing = prepare(located.full, path.relative(root, located.full).split(path.sep).join("/"), context);
      byFile.set(located.full, preparing);
    }
    const prepared = await preparing;
    if (!prepared.ok) return refuse(prepared.kind, prepared.message, prepared.fix);
    return prepared.picture;
  };
  await mapLimit(requests, PARALLEL, async (request) => results.files.set(request, await find(request)));

  for (const preparing of byFile.values()) {
    const prepared = await preparing;
    if (!prepared.ok) continue;
    results.pictures += 1;
    if (!prepared.cached) results.encoded += 1;
  }
  if (!encode) return results;
  for (const [key, picture] of context.used) {
    for (const variant of picture.formats.flatMap((f) => f.variants)) {
      results.outputs.set(variant.path, path.join(cache.path(key), variant.path.slice(IMAGE_DIR.length)));
    }
  }
  await cache.prune(new Set(context.used.keys()));
  await writeKnown(cacheDir, context.memo.seen);
  return results;
}

function remoteWarning(problem: (kind: ProblemKind, message: string, fix: string) => Problem, url: string, secure: boolean): Problem {
  return secure
    ? problem(
        "picture-remote",
        `remote image not processed (no network at build time): ${url}`,
        "it is shown from the other site, without sizes or modern formats; save the picture beside the article to have it processed",
      )
    : problem(
        "picture-remote",
        `remote image over plain http, not processed: ${url}; a page served over https shows it only if its site also answers over https`,
        "change the address to https:// if the other site serves the picture so, or save the picture beside the article to have it processed",
      );
}

/** Copies the outputs into the site being built (a reflink where the file system can). */
export async function writeImages(siteDir: string, outputs: ReadonlyMap<string, string>): Promise<void> {
  if (outputs.size === 0) return;
  await mkdir(path.join(siteDir, IMAGE_DIR), { recursive: true });
  await mapLimit([...outputs], PARALLEL, ([sitePath, cached]) => copyFile(cached, path.join(siteDir, sitePath), constants.COPYFILE_FICLONE));
}

/** Where the picture is, in the order image-src.ts gives; the real file must be inside the folder it was found in. */
async function locate(root: string, publicDir: string, article: string, src: ImageSrc & { kind: "local" }): Promise<Located> {
  const places = imagePlaces(src, article);
  for (const place of places) {
    const base = place.base === "public" ? publicDir : path.dirname(path.join(root, article));
    const baseShown = place.base === "public" ? "public/" : `${path.posix.dirname(article)}/`;
    const full = path.join(base, ...place.path.split("/"));
    const stat = await lstat(full).catch(() => null);
    if (stat === null) continue;
    const real = await realpath(full).catch(() => null);
    const realBase = await realpath(base).catch(() => base);
    if (real === null || !real.startsWith(realBase + path.sep)) {
      return { kind: "refused", message: `${place.shown} is a link to a file outside ${baseShown}`, fix: "copy the picture there instead of linking to it" };
    }
    if (stat.isDirectory()) return { kind: "refused", message: `${place.shown} is a folder, not a picture`, fix: "name the picture file itself, e.g. photo.jpg" };
    return { kind: "found", full: real };
  }
  const near = await Promise.all(places.map((place) => sameNameButCase(place.base === "public" ? publicDir : path.dirname(path.join(root, article)), place.path)));
  return { kind: "missing", places: places.map((p) => p.shown), near: near.flatMap((names, i) => names.map((n) => path.posix.join(path.posix.dirname(places[i]!.shown), n))) };
}

/** Files beside where `relative` was looked for whose names differ from its name only in case. */
async function sameNameButCase(base: string, relative: string): Promise<string[]> {
  const name = path.posix.basename(relative).toLowerCase();
  const names = await readdir(path.join(base, ...path.posix.dirname(relative).split("/"))).catch(() => [] as string[]);
  return names.filter((n) => n.toLowerCase() === name).sort();
}

/** Reads (unless the memo knows it), checks and, when encoding, encodes or copies one picture file. */
async function prepare(full: string, shown: string, context: Context): Promise<Prepared> {
  const { cache, version, used, memo } = context;
  const unreadable = (why: string): Prepared => ({
    ok: false,
    kind: "picture-unreadable",
    message: `${shown} is not a picture the build can read (${why})`,
    fix: "save it again as JPEG, PNG, GIF or SVG and check that it opens in an image viewer",
  });
  let bytes: Buffer;
  let file: { size: number; mtimeMs: number };
  try {
    file = await stat(full);
    const was = memo.known.get(full);
    if (was !== undefined && was.size === file.size && was.mtimeMs === file.mtimeMs && was.version === version) {
      const cached = await readManifest(cache.path(was.key));
      if (cached !== null) {
        used.set(was.key, cached);
        memo.seen.set(full, was);
        return { ok: true, picture: cached, cached: true };
      }
    }
    bytes = await readFile(full);
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }

  const sniffed = sniffPicture(bytes);
  let make: (key: string, temp: string) => Promise<Picture>;
  if (sniffed.kind === "svg") {
    const hazard = svgHazard(sniffed.text);
    if (hazard !== null) {
      return {
        ok: false,
        kind: "picture-unsafe",
        message: `${shown} is an SVG drawing the site cannot publish: ${hazard}`,
        fix: "remove that from the drawing (save it again as plain SVG from the drawing program, with pictures and fonts embedded), or export it as a PNG and use that",
      };
    }
    make = copyAs(bytes, "svg", "image/svg+xml", svgSize(sniffed.text));
  } else if (sniffed.kind === "gif") {
    make = copyAs(bytes, "gif", "image/gif", sniffed);
  } else {
    let hasAlpha: boolean;
    try {
      const metadata = await sharp(bytes).metadata();
      if (metadata.format === undefined || !READABLE.has(metadata.format)) return unreadable(`${metadata.format ?? "unknown"} pictures are not supported`);
      hasAlpha = metadata.hasAlpha === true;
    } catch (error) {
      return unreadable((error as Error).message);
    }
    make = encodeAs(bytes, hasAlpha ? "png" : "jpeg");
  }

  const key = hash(version, bytes);
  const cached = await readManifest(cache.path(key));
  if (!context.encode) return { ok: true, picture: cached, cached: cached !== null };
  let picture = cached;
  if (picture === null) {
    try {
      picture = await writeEntry(cache, key, (temp) => make(key, temp));
    } catch (error) {
      return unreadable((error as Error).message);
    }
  }
  // Only a picture that has its entry: a failed one is made again by the next build, not skipped.
  used.set(key, picture);
  memo.seen.set(full, { size: file.size, mtimeMs: file.mtimeMs, version, key });
  return { ok: true, picture, cached: cached !== null };
}

/** A drawing or an animation, copied as it is: one file, shown at its own size. */
function copyAs(bytes: Buffer, extension: string, type: string, size: { width: number; height: number }) {
  return async (key: string, temp: string): Promise<Picture> => {
    const name = `${key.slice(0, 16)}.${extension}`;
    await mkdir(temp, { recursive: true });
    await writeFile(path.join(temp, name), bytes);
    const variant = { path: `${IMAGE_DIR}${name}`, width: size.width, height: size.height };
    return { kind: "picture", width: size.width, height: size.height, formats: [{ type, variants: [variant] }] };
  };
}

/** A photograph or a raster picture, encoded in the modern formats and a fallback at several widths. */
function encodeAs(bytes: Buffer, fallback: "png" | "jpeg") {
  return async (key: string, temp: string): Promise<Picture> => {
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
    if (widest === undefined) throw new Error("it produced no output");
    return { kind: "picture", width: widest.width, height: widest.height, formats };
  };
}

/** An entry with its manifest, made through a temporary folder (CacheFolder.write): a concurrent build never sees half of one. */
async function writeEntry(cache: CacheFolder, key: string, make: (temp: string) => Promise<Picture>): Promise<Picture> {
  // An entry whose manifest could not be read (damaged) is made again.
  await rm(cache.path(key), { recursive: true, force: true });
  return cache.write(key, async (temp) => {
    const picture = await make(temp);
    await writeFile(path.join(temp, MANIFEST), JSON.stringify(picture));
    return picture;
  });
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
  const sorted = Object.fromEntries([...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomic(path.join(cacheDir, KNOWN), JSON.stringify(sorted)).catch(() => undefined);
}

/**
 * The files an entry lists are copied into the site by name, so each must be a bare name of the
 * form this module gives (a damaged manifest must not make a build copy a file from elsewhere).
 */
const OUTPUT_PATH = /^\/img\/[0-9a-f]{16}(?:-\d+)?\.(?:avif|webp|jpg|png|svg|gif)$/;

async function readManifest(entry: string): Promise<Picture | null> {
  try {
    const picture = JSON.parse(await readFile(path.join(entry, MANIFEST), "utf8")) as Picture;
    const paths = Array.isArray(picture.formats) ? picture.formats.flatMap((f) => (Array.isArray(f.variants) ? f.variants.map((v) => v.path) : [null])) : [];
    return picture.kind === "picture" && paths.length > 0 && paths.every((p) => typeof p === "string" && OUTPUT_PATH.test(p)) ? picture : null;
  } catch {
    return null;
  }
}

/**
 * Changes whenever the outputs could: the settings here, eleventy-img, sharp and the codecs under
 * it, and the rules a drawing is checked by (an entry stands for a file that passed them).
 */
const settingsVersion = versionOnce(() => {
  const require = createRequire(import.meta.url);
  const imagePackage = require("@11ty/eleventy-img/package.json") as { version: string };
  const rules = ["./svg.ts", "./picture-bytes.ts"].map((file) => readFileSync(new URL(file, import.meta.url)));
  return hash(FORMAT, JSON.stringify({ WIDTHS, MODERN, AVIF }), imagePackage.version, JSON.stringify(sharp.versions), ...rules);
});

function hash(...parts: (string | Buffer)[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(`${part.length}:`).update(part);
  return h.digest("hex");
}
