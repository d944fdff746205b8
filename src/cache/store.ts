// A cache folder: entries named by what they hold (a content hash, or a segment name), each
// written beside its place and renamed into it (writeAtomic), so a reader never sees half of one.
// Every cache folder is kept by one rule, applied by `prune` once a build knows what it used:
//
//   An entry goes when the build just finished did not use it and no live process claims it.
//   A process claims every entry while one of its builds is under way, and a process that builds
//   again (serve) claims what its last build used until it exits (claims.ts).
//
// So a `build` never deletes a picture, a body segment or a search bundle that a running `serve`
// uses, however long it has been idle, and one-off builds keep the cache at the size of one
// archive. A half-written entry goes once the process that was writing it is gone.
//
// The pack files (load.v8, render.v8: pack-cache.ts) are one file each, rewritten whole by each
// build with only what it used; serve keeps its own entries in memory, so they are never taken from it.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { tempOwner, writeAtomic } from "../project.ts";
import { mapLimit } from "../util/map-limit.ts";
import { isRunning, type Claims } from "./claims.ts";

export class CacheFolder {
  constructor(
    readonly dir: string,
    /** The folder's name in the claims. */
    private readonly name: string,
    private readonly claims: Claims,
    /** The folder's own files that are not entries (the pictures' files.json): never pruned. */
    private readonly own: ReadonlySet<string> = new Set(),
  ) {}

  path(entry: string): string {
    return path.join(this.dir, entry);
  }

  /**
   * Makes an entry (a file or a folder) through a temporary path and renames it into place; an
   * entry another process put there first is kept, the name standing for the content.
   */
  write<T>(entry: string, make: (temp: string) => Promise<T>): Promise<T> {
    return writeAtomic(this.path(entry), make, { keyed: true });
  }

  /** Applies the rule (see the top) after a build that used `used`; returns the names deleted. */
  async prune(used: ReadonlySet<string>): Promise<string[]> {
    this.claims.use(this.name, used);
    const others = await this.claims.others(this.name);
    if (others.everything) return [];
    const doomed = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => {
      if (used.has(name) || others.names.has(name) || this.own.has(name)) return false;
      const writer = tempOwner(name);
      return writer === null || (writer !== process.pid && !isRunning(writer));
    });
    const gone = await mapLimit(doomed, 16, (name) => rm(this.path(name), { recursive: true, force: true }).then(() => true, () => false));
    return doomed.filter((_, i) => gone[i]);
  }
}
