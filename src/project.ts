// Where a project keeps its settings, or the package's own when it has none (public files: public-files.ts):
// `build` and `check` must read the same ones, or check would judge another site than build makes.
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SITE_FILE } from "./site-config.ts";

/** The package's own templates, public files and site.json, used when a project has none. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The folder whose templates/_data/site.json is read. */
export async function siteFolder(root: string): Promise<string> {
  return (await exists(path.join(root, SITE_FILE))) ? root : PACKAGE_ROOT;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
