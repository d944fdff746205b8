// Unchanged output (pages, feeds, search shards) goes into the new site as hard links: no bytes
// copied, and the old site can be deleted after the swap without touching them. Where a link is
// not possible (another file system), the file is copied.
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmdirSync, unlinkSync } from "node:fs";
import path from "node:path";

/**
 * Links are made with synchronous calls: faster than as promises, by far while the search stage
 * shares libuv's four threads. Figures: docs/ARCHITECTURE.md, measurements.
 */
export function linkFiles(fromDir: string, toDir: string, files: readonly string[]): void {
  for (const dir of new Set(files.map((f) => path.dirname(path.join(toDir, f))))) mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const from = path.join(fromDir, f);
    const to = path.join(toDir, f);
    try {
      linkSync(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EXDEV" && code !== "EPERM") throw error;
      copyFileSync(from, to);
    }
  }
}

/** Links every file under `fromDir` into `toDir`. */
export function linkTree(fromDir: string, toDir: string): void {
  const entries = readdirSync(fromDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(fromDir, path.join(e.parentPath, e.name)));
  linkFiles(fromDir, toDir, files);
}

/**
 * Deletes a site folder. Node 20's fs.rm walks a tree with a promise per entry, much slower on a
 * large site than one synchronous listing and an unlink per file.
 * Symbolic links are unlinked, never followed.
 */
export function removeTree(dir: string): void {
  const folders = [dir];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) folders.push(full);
    else unlinkSync(full);
  }
  // A folder's path is longer than its parent's: longest first empties every folder before its parent.
  for (const folder of folders.sort((a, b) => b.length - a.length)) rmdirSync(folder);
}
