// Rendered article bodies, kept by content hash so a rebuild after editing one article renders one
// article. The cache's index is one file, `.cache/news-archive/render.v8` in the project (see
// cache/pack-cache.ts; a long-running `serve` keeps it in memory between builds); the bodies' HTML
// is in `bodies/` beside it, read only where a page shows it (see cache/body-store.ts).
//
// The key covers everything the output depends on: the markdown (by the digest content/load.ts
// takes of it, so a cached body needs no text), the file and line it starts at
// (warnings name them), and a version of the renderer — its own source and the versions of the
// libraries it calls. Deleting the file is always safe: it is filled again on the next build.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isBodyRef, type BodyRef, type BodyStore } from "../cache/body-store.ts";
import { codeVersion, versionOnce } from "../cache/code-version.ts";
import type { SourceArticle } from "../content/load.ts";
import type { PackCache } from "../cache/pack-cache.ts";
import { ProjectCaches } from "../cache/project-caches.ts";
import type { Problem } from "../content/problems.ts";
import type { Rendered, RenderedBody } from "../content/markdown/rendered.ts";
import { renderMany, type RenderInput } from "./render-pool.ts";

/** Bump when the shape of a cache entry changes. */
const FORMAT = "5";
const LIBRARIES = ["unified", "remark-parse", "remark-gfm", "remark-rehype", "rehype-raw", "rehype-sanitize", "hast-util-sanitize", "rehype-stringify", "hast-util-to-string", "github-slugger", "unist-util-visit"];


/** An entry of the index: the render without its HTML, and where the HTML lies. */
type Stored = Omit<Rendered, "html"> & { body: BodyRef };

/** An article with its body, or with the problems that kept it from rendering (those are not cached). */
export type ArticleRender<T> = { ok: true; article: T; rendered: RenderedBody } | { ok: false; article: T; problems: Problem[] };

export interface RenderedAll<T> {
  /** One per input, in order. */
  outcomes: ArticleRender<T>[];
  /** How many were not in the cache, and on how many threads they were rendered. */
  rendered: number;
  threads: number;
}

/** An article to render: what keys its render, and its markdown, read only if it must be rendered. */
export type RenderSource = Pick<SourceArticle, "file" | "bodyLine" | "markdownDigest" | "markdown">;

/** Renders every input, in order, through the cache; only the articles not in it are rendered. */
export async function renderAll<T extends RenderSource>(caches: ProjectCaches, inputs: readonly T[]): Promise<RenderedAll<T>> {
  const version = await rendererVersion();
  const store = caches.bodies;
  store.release();
  const isStored = (entry: unknown): entry is Stored => isRender(entry) && isBodyRef(entry.body) && store.readable(entry.body);
  const cache = await caches.openPack("render", isStored);
  const readOnly = caches.purpose === "check";
  const entries = inputs.map((article): { article: T; key: string; outcome: ArticleRender<T> | null } => {
    const key = hash(version, article.file, String(article.bodyLine), article.markdownDigest);
    const stored = cache.get(key);
    const outcome: ArticleRender<T> | null = stored === undefined ? null : { ok: true, article, rendered: { ...stored, body: { digest: key, html: () => store.read(stored.body) } } };
    return { article, key, outcome };
  });
  const missing = entries.filter((e) => e.outcome === null);
  const pool = await renderMany(missing.map((e): RenderInput => ({ markdown: e.article.markdown(), file: e.article.file, bodyLine: e.article.bodyLine })));
  // The pool answers in the order it was asked.
  const answered = missing.map((entry, n) => ({ entry, outcome: pool.outcomes[n]! }));
  // Fresh bodies are written at once and read back like cached ones, rather than held until the pages are written.
  const fresh = answered.flatMap(({ entry, outcome }) => {
    if (outcome.ok) return [{ entry, rendered: outcome.rendered }];
    entry.outcome = { ok: false, article: entry.article, problems: outcome.problems };
    return [];
  });
  // A cache that cannot be written (a read-only checkout, a full disk) only costs speed: the
  // bodies are then kept in memory for this build, as they are for a check, which writes nothing.
  const refs = readOnly ? null : await store.append(fresh.map((f) => f.rendered.html)).catch(() => null);
  fresh.forEach(({ entry, rendered: { html, ...rest } }, n) => {
    const body = refs?.[n];
    if (body !== undefined) cache.set(entry.key, { ...rest, body });
    entry.outcome = { ok: true, article: entry.article, rendered: { ...rest, body: { digest: entry.key, html: body === undefined ? () => html : () => store.read(body) } } };
  });
  if (!readOnly) {
    await compactBodies(store, cache);
    cache.save();
    await store.tidy(new Set(cache.entries().map(([, e]) => e.body.segment)));
  }
  return { outcomes: entries.flatMap((e) => (e.outcome === null ? [] : [e.outcome])), rendered: missing.length, threads: pool.threads };
}

/** Copies the bodies in use into one segment when they are spread too thin (see cache/body-store.ts). */
async function compactBodies(store: BodyStore, cache: PackCache<Stored>): Promise<void> {
  const used = cache.entries();
  if (!store.wasteful(used.map(([, e]) => e.body))) return;
  const moved = await store.compact(used.map(([, e]) => e.body)).catch(() => null);
  if (moved !== null) used.forEach(([key, entry], n) => cache.set(key, { ...entry, body: moved[n]! }));
}

function isRender(entry: unknown): entry is Omit<Rendered, "html"> & { body: unknown } {
  const e = entry as Partial<Rendered> | null;
  return typeof e?.excerpt === "string" && typeof e.wordCount === "number" && Array.isArray(e.warnings) && Array.isArray(e.images) && Array.isArray(e.links) && Array.isArray(e.ids);
}
function hash(...parts: string[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(`${part.length}:${part}`);
  return h.digest("hex");
}

/** Changes whenever the renderer's source (content/markdown/) or one of its libraries changes. */
const rendererVersion = versionOnce(async () => {
  const markdown = fileURLToPath(new URL("../content/markdown/", import.meta.url));
  const files = (await readdir(markdown)).filter((f) => f.endsWith(".ts")).sort().map((f) => path.join(markdown, f));
  return codeVersion(files, LIBRARIES).then((code) => `${FORMAT}:${code}`);
});
