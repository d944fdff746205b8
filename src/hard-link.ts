// Unchanged output (pages, search shards) goes into the new site as hard links: no bytes copied,
// and the old site can be deleted after the swap without touching them. Where a link is not
// possible (another file system), the file is copied.
import { copyFile, link, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { mapLimit } from "./map-limit.ts";

export async function linkFiles(fromDir: string, toDir: string, files: readonly string[]): Promise<void> {
  const dirs = [...new Set(files.map((f) => path.dirname(path.join(toDir, f))))];
  await mapLimit(dirs, 64, (dir) => mkdir(dir, { recursive: true }));
  await mapLimit(files, 64, async (f) => {
    const from = path.join(fromDir, f);
    const to = path.join(toDir, f);
    await link(from, to).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EXDEV" || error.code === "EPERM") return copyFile(from, to);
      throw error;
    });
  });
}

export async function linkTree(fromDir: string, toDir: string): Promise<void> {
  const entries = await readdir(fromDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(fromDir, path.join(e.parentPath, e.name)));
  await linkFiles(fromDir, toDir, files);
}
