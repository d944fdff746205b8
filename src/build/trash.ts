// A replaced site is moved into the cache's trash folder and deleted later, on a thread of its
// own: a large archive's site is many files, and deleting them held up the end of every build.
// A one-off build empties the trash while it writes the pages, once its articles are read
// (beside the reading, the deleting slowed it as much as it saved); serve empties it once the
// rebuilt site is shown. A trash folder that cannot be emptied (a build killed meanwhile) is
// emptied by the next build; deleting it by hand is safe. Figures: docs/ARCHITECTURE.md,
// measurements.
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { readdirSync } from "node:fs";
import { removeTree } from "./hard-link.ts";
import { startThread } from "../util/worker-call.ts";

/**
 * Moves `dir` into `trash`. Where it cannot be moved there (another file system), it is deleted
 * now, renamed to `doomed` first (project.ts's besideOutput "trash"): a build killed meanwhile
 * leaves that, which no build takes for a site (build.ts, recoverInterruptedSwap).
 */
export async function discard(dir: string, trash: string, doomed: string): Promise<void> {
  await mkdir(trash, { recursive: true });
  const moved = await rename(dir, path.join(trash, `${path.basename(dir)}-${Date.now().toString(36)}-${process.pid}`)).then(
    () => true,
    () => false,
  );
  if (moved) return;
  await rename(dir, doomed);
  try {
    removeTree(doomed);
  } catch {
    // The site is in place: what is left of the old one goes with the next build.
  }
}

/**
 * Deletes what is in `trash` now on a thread of its own; resolves once it is gone (or could not
 * be). What the build puts there later is left for the next one.
 */
export function emptyTrash(trash: string): Promise<void> {
  let names: string[] = [];
  try {
    names = readdirSync(trash);
  } catch {
    // No trash folder: nothing to empty.
  }
  if (names.length === 0) return Promise.resolve();
  // Node's own rmSync, not removeTree (hard-link.ts): the thread then starts without tsx, which
  // made a warm build measurably slower, as it takes the core the build's other work uses.
  const thread = startThread<typeof import("node:fs")>("node:fs", { name: "the trash thread" });
  const emptied = names.map((name) => thread.call("rmSync", path.join(trash, name), { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined));
  return Promise.all(emptied).then(() => thread.end());
}
