// Every path the build reads or writes that is not an article's: the package's own fallbacks, the
// project's caches, and the folders a build prepares its site in beside the output. `build`,
// `check` and `serve` must use the same ones, or check would judge another site than build makes.
import { randomBytes } from "node:crypto";
import { readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's own templates, public files and site.json, used when a project has none. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A project's site settings (site-config.ts), relative to it or to PACKAGE_ROOT. */
export const SITE_FILE = "templates/_data/site.json";

/** Where a project's caches live, relative to it. Deleting the folder is always safe. */
export const CACHE_DIR = ".cache/news-archive";
/** Where serve builds: drafts are in it, so it is never the deployable _site/. */
export const SERVE_DIR = `${CACHE_DIR}/site`;
/** Where replaced sites wait to be deleted (see build/trash.ts). */
export const TRASH_DIR = `${CACHE_DIR}/trash`;

/** The project's caches, each a folder or file under CACHE_DIR (see cache/store.ts for the rule they are kept by). */
export const CACHES = {
  /** Parsed front-matter by file content (content/load.ts). */
  parse: "load.v8",
  /** The render cache's index (build/render-cache.ts)… */
  render: "render.v8",
  /** …and the rendered bodies it points into (cache/body-store.ts). */
  bodies: "bodies",
  /** Encoded pictures by content (content/images/illustrate.ts). */
  images: "images",
  /** Pagefind bundles by shard records (search/search-index.ts). */
  search: "search",
  /** Each output folder's page keys (site/page-plan.ts). */
  pages: "pages",
  /** Which live process uses which entries (cache/claims.ts). */
  claims: "claims",
} as const;

export type CacheName = keyof typeof CACHES;

/** The absolute path of one of a project's caches. */
export function cachePath(root: string, name: CacheName): string {
  return path.join(root, CACHE_DIR, CACHES[name]);
}

/** The folder whose templates/_data/site.json is read. */
export async function siteFolder(root: string): Promise<string> {
  return (await exists(path.join(root, SITE_FILE))) ? root : PACKAGE_ROOT;
}

/** The project's templates/ if it has any template, else the package's. */
export async function templatesFolder(root: string): Promise<string> {
  const own = path.join(root, "templates");
  const files = await readdir(own).catch(() => [] as string[]);
  return files.some((f) => f.endsWith(".11ty.ts")) ? own : path.join(PACKAGE_ROOT, "templates");
}

/**
 * The folders a build keeps beside its output `<out>`: the site being prepared (`staging`), the
 * replaced site between the two renames of the swap (`old`), and one being deleted where it could
 * not be moved to the trash (`trash`). Each carries the pid of the process that made it.
 */
export type BesideKind = "staging" | "old" | "trash";
const BESIDE: Record<BesideKind, string> = { staging: ".tmp-", old: ".old-", trash: ".trash-" };

export function besideOutput(out: string, kind: BesideKind, pid: number = process.pid): string {
  return `${out}${BESIDE[kind]}${pid}`;
}

/** What a name in the output's parent folder is, if one of besideOutput's names for an output called `base`. */
export function besideKind(name: string, base: string): BesideKind | null {
  for (const [kind, infix] of Object.entries(BESIDE) as [BesideKind, string][]) if (name.startsWith(`${base}${infix}`)) return kind;
  return null;
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** A name beside `file` no other writer uses, carrying this pid so a prune can tell a dead writer's leftovers (cache/store.ts). */
export function tempName(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** The pid in a name made by tempName, or null if it is not one. */
export function tempOwner(name: string): number | null {
  const pid = /\.tmp-(\d+)-[0-9a-f]+$/.exec(name)?.[1];
  return pid === undefined ? null : Number(pid);
}

/**
 * Makes `file` (a file or a folder) beside its place and renames it into place, so a reader never
 * sees half of it and a killed writer leaves the previous one. `make` writes the temporary path it
 * is given. On failure nothing is left behind and the error is thrown. `keyed`: the name stands for
 * the content (a cache entry), so one another writer put in place first is as good as this one.
 */
export async function writeAtomic<T>(file: string, make: (temp: string) => Promise<T>, options: { keyed?: boolean } = {}): Promise<T> {
  const temp = tempName(file);
  try {
    const made = await make(temp);
    await rename(temp, file).catch((error: NodeJS.ErrnoException) => {
      if (options.keyed !== true || (error.code !== "ENOTEMPTY" && error.code !== "EEXIST")) throw error;
    });
    return made;
  } finally {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** writeAtomic for a file's whole contents. */
export function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  return writeAtomic(file, (temp) => writeFile(temp, data));
}
