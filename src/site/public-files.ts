// What the build copies to the site's root. The site's own files (style sheet, search script,
// favicon) are the package's; a project's public/ adds its pictures and files and replaces any of
// the package's by name. An archive brought from Hugo or Jekyll arrives with a public/ (its static/
// or assets/) that knows nothing of our style sheet, so the two are layered, not swapped.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { PACKAGE_ROOT } from "../project.ts";

export interface PublicFiles {
  /** The project's public/, or the package's when the project has none: copied whole, and pictures are looked up in it. */
  dir: string;
  /** The package's files that `dir` lacks: absolute path → path under the site's root ("style.css"). */
  fallbacks: Record<string, string>;
  /** Every file the build copies to the site's root, as site paths: "/style.css". */
  paths: string[];
}

export async function publicFiles(root: string): Promise<PublicFiles> {
  const own = path.join(root, "public");
  const packaged = path.join(PACKAGE_ROOT, "public");
  const [ownFiles, packagedFiles] = await Promise.all([filesUnder(own), filesUnder(packaged)]);
  if (ownFiles === null || own === packaged) return { dir: packaged, fallbacks: {}, paths: sitePaths(packagedFiles ?? []) };
  const present = new Set(ownFiles);
  const fallbacks: Record<string, string> = {};
  for (const file of packagedFiles ?? []) if (!present.has(file)) fallbacks[path.join(packaged, file)] = file;
  return { dir: own, fallbacks, paths: sitePaths([...ownFiles, ...Object.values(fallbacks)]) };
}

function sitePaths(files: readonly string[]): string[] {
  return files.map((f) => `/${f}`);
}

/** Files under a folder, relative with `/`; null when there is no such folder. */
async function filesUnder(dir: string): Promise<string[] | null> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => null);
  if (entries === null) return null;
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}
