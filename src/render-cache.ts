// Rendered article bodies, kept by content hash so a rebuild after editing one article renders one
// article. Two layers: memory (a long-running `serve` keeps the last build's bodies) and files under
// `.cache/news-archive/render/` in the project (a fresh `build` process finds them there).
//
// The key covers everything the output depends on: the markdown, the file and line it starts at
// (warnings name them), and a version of the renderer — its own source and the versions of the
// libraries it calls. Deleting the folder is always safe: it is filled again on the next build.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mapLimit } from "./map-limit.ts";
import { renderMarkdown, type Rendered } from "./render.ts";

export const CACHE_DIR = ".cache/news-archive";

export interface RenderInput {
  markdown: string;
  file: string;
  bodyLine: number;
}

/** Bump when the shape of a cache entry changes. */
const FORMAT = "1";
const LIBRARIES = ["remark", "remark-html", "hast-util-sanitize", "mdast-util-to-string"];
const ENTRY = /^[0-9a-f]{64}\.json$/;
/** Files read or written at once: enough to keep the disk busy, few enough never to run out of file handles. */
const PARALLEL = 64;

/** Bodies used by the last run in this process, so a warm `serve` rebuild touches no files. */
let memory = new Map<string, Rendered>();
let versionPromise: Promise<string> | undefined;

/**
 * Renders every input, in order, through the cache. Entries not used by this run are removed
 * afterwards, so the folder holds one archive's bodies rather than every version ever written.
 */
export async function renderAll(root: string, inputs: readonly RenderInput[]): Promise<Rendered[]> {
  const dir = path.join(root, CACHE_DIR, "render");
  const version = await (versionPromise ??= rendererVersion());
  const writable = await mkdir(dir, { recursive: true }).then(
    () => true,
    () => false,
  );
  const used = new Map<string, Rendered>();
  const results = await mapLimit(inputs, PARALLEL, async (input) => {
    const key = hash(version, input.file, String(input.bodyLine), input.markdown);
    const rendered = memory.get(key) ?? (await readEntry(dir, key)) ?? (await renderAndStore(dir, key, input, writable));
    used.set(key, rendered);
    return rendered;
  });
  memory = used;
  if (writable) await prune(dir, used);
  return results;
}

async function readEntry(dir: string, key: string): Promise<Rendered | null> {
  try {
    const entry = JSON.parse(await readFile(path.join(dir, `${key}.json`), "utf8")) as Rendered;
    const valid = typeof entry.html === "string" && typeof entry.excerpt === "string" && typeof entry.wordCount === "number" && Array.isArray(entry.warnings);
    return valid ? entry : null;
  } catch {
    return null;
  }
}

async function renderAndStore(dir: string, key: string, input: RenderInput, writable: boolean): Promise<Rendered> {
  const rendered = renderMarkdown(input.markdown, input.file, input.bodyLine);
  if (writable) {
    // Written beside and renamed into place, so a concurrent build never reads half an entry.
    // A cache that cannot be written (read-only checkout, full disk) only costs speed.
    const temp = path.join(dir, `${key}.${process.pid}.tmp`);
    await writeFile(temp, JSON.stringify(rendered))
      .then(() => rename(temp, path.join(dir, `${key}.json`)))
      .catch(() => unlink(temp).catch(() => undefined));
  }
  return rendered;
}

async function prune(dir: string, used: ReadonlyMap<string, Rendered>): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => ENTRY.test(n) && !used.has(n.slice(0, -".json".length)));
  await mapLimit(stale, PARALLEL, (n) => unlink(path.join(dir, n)).catch(() => undefined));
}

function hash(...parts: string[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(`${part.length}:${part}`);
  return h.digest("hex");
}

/** Changes whenever the renderer's source or one of its libraries changes. */
async function rendererVersion(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = [FORMAT, await readFile(path.join(here, "render.ts"), "utf8")];
  for (const name of LIBRARIES) parts.push(`${name}@${await packageVersion(name)}`);
  return hash(...parts);
}

async function packageVersion(name: string): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const manifest = await readFile(path.join(dir, "package.json"), "utf8").then(
      (text) => JSON.parse(text) as { name?: string; version?: string },
      () => null,
    );
    if (manifest?.name === name) return manifest.version ?? "unknown";
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}
