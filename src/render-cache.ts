// Rendered article bodies, kept by content hash so a rebuild after editing one article renders one
// article. The cache is one file, `.cache/news-archive/render.v8` in the project (see
// pack-cache.ts; a long-running `serve` keeps it in memory between builds).
//
// The key covers everything the output depends on: the markdown, the file and line it starts at
// (warnings name them), and a version of the renderer — its own source and the versions of the
// libraries it calls. Deleting the file is always safe: it is filled again on the next build.
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { codeVersion } from "./code-version.ts";
import { CACHE_DIR, PackCache, type PackOptions } from "./pack-cache.ts";
import type { Rendered } from "./rendered.ts";
import { renderMany, type RenderInput, type RenderOutcome } from "./render-pool.ts";

/** Bump when the shape of a cache entry changes. */
const FORMAT = "2";
const LIBRARIES = ["remark", "remark-html", "hast-util-sanitize", "mdast-util-to-string"];

let versionPromise: Promise<string> | undefined;

export interface RenderedAll {
  /** One per input, in order: the body, or the article's problems (those are not cached). */
  outcomes: RenderOutcome[];
  /** How many were not in the cache, and on how many threads they were rendered. */
  rendered: number;
  threads: number;
}

/** Renders every input, in order, through the cache; only the articles not in it are rendered. */
export async function renderAll(root: string, inputs: readonly RenderInput[], cacheOptions: PackOptions = { remember: false }): Promise<RenderedAll> {
  const version = await (versionPromise ??= rendererVersion());
  const cache = await PackCache.open(path.join(root, CACHE_DIR, "render.v8"), isRendered, cacheOptions);
  const keys = inputs.map((input) => hash(version, input.file, String(input.bodyLine), input.markdown));
  const results: (RenderOutcome | undefined)[] = keys.map((key) => {
    const rendered = cache.get(key);
    return rendered === undefined ? undefined : { ok: true, rendered };
  });
  const missing = results.flatMap((r, i) => (r === undefined ? [i] : []));
  const { outcomes, threads } = await renderMany(missing.map((i) => inputs[i]!));
  missing.forEach((i, n) => {
    const outcome = outcomes[n]!;
    results[i] = outcome;
    if (outcome.ok) cache.set(keys[i]!, outcome.rendered);
  });
  cache.save();
  return { outcomes: results as RenderOutcome[], rendered: missing.length, threads };
}

function isRendered(entry: unknown): entry is Rendered {
  const e = entry as Partial<Rendered> | null;
  return typeof e?.html === "string" && typeof e.excerpt === "string" && typeof e.wordCount === "number" && Array.isArray(e.warnings) && Array.isArray(e.images);
}
function hash(...parts: string[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(`${part.length}:${part}`);
  return h.digest("hex");
}

/** Changes whenever the renderer's source or one of its libraries changes. */
function rendererVersion(): Promise<string> {
  const files = ["./render.ts", "./rendered.ts"].map((f) => fileURLToPath(new URL(f, import.meta.url)));
  return codeVersion(files, LIBRARIES).then((code) => `${FORMAT}:${code}`);
}
