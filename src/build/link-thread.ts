// The unchanged part of a new site is hard-linked in (hard-link.ts): a link per file and a folder
// per page, which add up on a large archive. serve makes them on a thread of its own, while
// the build thread renders the changed pages and writes the feeds: its builds leave the search
// index for later, so the other core is idle then. It also checks, while the build thread reads
// and renders, which of the last site's files are still there to be linked. A one-off build links
// in its own thread: the other core is indexing the changed search shards, and linking there
// slowed that more than it saved here. Figures: docs/ARCHITECTURE.md, measurements.
import { existsSync } from "node:fs";
import path from "node:path";
import { linkFiles, linkTree } from "./hard-link.ts";
import { startThread, type Remote } from "../util/worker-call.ts";

export interface Linker {
  /** Links `files` (relative paths), or every file under `from` (null), into `to`. */
  link(from: string, to: string, files: readonly string[] | null): Promise<void>;
  /** Which of `files` (relative paths) are not in `dir`: the last site's files, before they are linked. */
  missing(dir: string, files: readonly string[]): Promise<string[]>;
  /** Stops linking: links under way are abandoned (the build has ended or failed). */
  close(): Promise<void>;
}

/** Links in the calling thread. */
export const linkHere: Linker = {
  link: async (from, to, files) => link(from, to, files),
  missing: async (dir, files) => missingFiles(dir, files),
  close: async () => undefined,
};

/** Links on a thread of its own, started when first needed (again, if it stopped). */
export class LinkThread implements Linker {
  #thread: Remote<typeof import("./link-thread.ts")> | null = null;

  async link(from: string, to: string, files: readonly string[] | null): Promise<void> {
    if (files?.length !== 0) await this.#running().call("link", from, to, files);
  }

  missing(dir: string, files: readonly string[]): Promise<string[]> {
    return this.#running().call("missingFiles", dir, files);
  }

  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = null;
    await thread?.close();
  }

  #running(): Remote<typeof import("./link-thread.ts")> {
    if (this.#thread === null || this.#thread.stopped) this.#thread = startThread(import.meta.url, { name: "the link thread" });
    return this.#thread;
  }
}

/** `files` null: the whole tree under `from`. Runs in the calling thread (linkHere) or the link thread. */
export function link(from: string, to: string, files: readonly string[] | null): void {
  if (files === null) linkTree(from, to);
  else linkFiles(from, to, files);
}

/** Runs in the calling thread (linkHere) or the link thread. */
export function missingFiles(dir: string, files: readonly string[]): string[] {
  return files.filter((f) => !existsSync(path.join(dir, f)));
}
