// A replaced site is moved into the cache's trash folder and deleted later, on a thread of its
// own: at 10,000 articles it is 24,000 files, and deleting them took 0.5 s at the end of every
// build. A one-off build empties the trash while it reads and renders (the other core is mostly
// idle then); serve empties it once the rebuilt site is shown. A trash folder that cannot be
// emptied (a build killed meanwhile) is emptied by the next build; deleting it by hand is safe.
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { removeTree } from "./hard-link.ts";

/** Plain JavaScript, so the thread starts without loading tsx. */
const EMPTY = `const { readdirSync, rmSync } = require("node:fs");
const path = require("node:path");
const { workerData } = require("node:worker_threads");
let names = [];
try { names = readdirSync(workerData); } catch {}
for (const name of names) rmSync(path.join(workerData, name), { recursive: true, force: true, maxRetries: 2 });`;

/**
 * Moves `dir` into `trash`. Where it cannot be moved there (another file system), it is deleted
 * now, under a name of its own beside it: a build killed meanwhile leaves `<dir>.trash-<pid>`,
 * which no build takes for a site (build.ts, recoverInterruptedSwap).
 */
export async function discard(dir: string, trash: string): Promise<void> {
  await mkdir(trash, { recursive: true });
  const moved = await rename(dir, path.join(trash, `${path.basename(dir)}-${Date.now().toString(36)}-${process.pid}`)).then(
    () => true,
    () => false,
  );
  if (moved) return;
  const doomed = `${dir.replace(/\.old-\d+$/, "")}.trash-${process.pid}`;
  await rename(dir, doomed);
  try {
    removeTree(doomed);
  } catch {
    // The site is in place: what is left of the old one goes with the next build.
  }
}

/** Deletes what is in `trash` on a thread of its own; resolves once it is empty (or could not be). */
export function emptyTrash(trash: string): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(EMPTY, { eval: true, workerData: trash });
    worker.once("error", () => resolve());
    worker.once("exit", () => resolve());
  });
}
