// The unchanged part of a new site is hard-linked in (hard-link.ts): at 10,000 articles, 24,000
// links and 10,000 folders, 0.4 s of system calls. serve makes them on a thread of its own, while
// the build thread renders the changed pages and writes the feeds: its builds leave the search
// index for later, so the other core is idle then. It also checks, while the build thread reads
// and renders, which of the last site's files are still there to be linked. A one-off build links
// in its own thread: the other core is indexing the changed search shards, and linking there
// slowed that more than it saved here (an edit of one article at 10,000: 6.1 s against 5.8 s,
// medians of five).
import { existsSync } from "node:fs";
import path from "node:path";
import { parentPort, type Worker } from "node:worker_threads";
import { linkFiles, linkTree } from "./hard-link.ts";
import { startModuleWorker } from "../util/module-worker.ts";

/** `files` null: the whole tree under `from`. */
type Job = { id: number; kind: "link"; from: string; to: string; files: readonly string[] | null } | { id: number; kind: "missing"; dir: string; files: readonly string[] };
type Reply = { id: number; error: { message: string; code?: string; path?: string } | null; missing?: string[] };

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
  link: async (from, to, files) => (files === null ? linkTree(from, to) : linkFiles(from, to, files)),
  missing: async (dir, files) => missingFiles(dir, files),
  close: async () => undefined,
};

function missingFiles(dir: string, files: readonly string[]): string[] {
  return files.filter((f) => !existsSync(path.join(dir, f)));
}

export class LinkThread implements Linker {
  #worker: Worker | null = null;
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (missing: string[]) => void; reject: (error: Error) => void }>();

  async link(from: string, to: string, files: readonly string[] | null): Promise<void> {
    if (files?.length !== 0) await this.#ask({ id: this.#next++, kind: "link", from, to, files });
  }

  missing(dir: string, files: readonly string[]): Promise<string[]> {
    return this.#ask({ id: this.#next++, kind: "missing", dir, files });
  }

  #ask(job: Job): Promise<string[]> {
    const worker = (this.#worker ??= this.#start());
    return new Promise((resolve, reject) => {
      this.#waiting.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #start(): Worker {
    const worker = startModuleWorker(import.meta.url, "runLinkThread");
    worker.on("message", ({ id, error, missing }: Reply) => {
      const waiting = this.#waiting.get(id);
      this.#waiting.delete(id);
      // The file system's code and path travel with the message, so a full disk is reported as one.
      if (error === null) waiting?.resolve(missing ?? []);
      else waiting?.reject(Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code }, error.path === undefined ? {} : { path: error.path }));
    });
    const fail = (error: Error) => {
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
      if (this.#worker === worker) this.#worker = null;
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the link thread stopped (exit code ${code})`)));
    return worker;
  }
}

/** Entry point inside the link thread. */
export function runLinkThread(): void {
  const port = parentPort!;
  port.on("message", (job: Job) => {
    const { id } = job;
    try {
      if (job.kind === "missing") port.postMessage({ id, error: null, missing: missingFiles(job.dir, job.files) } satisfies Reply);
      else {
        if (job.files === null) linkTree(job.from, job.to);
        else linkFiles(job.from, job.to, job.files);
        port.postMessage({ id, error: null } satisfies Reply);
      }
    } catch (caught) {
      const e = caught as NodeJS.ErrnoException;
      port.postMessage({ id, error: { message: e.message, ...(e.code === undefined ? {} : { code: e.code }), ...(e.path === undefined ? {} : { path: e.path }) } } satisfies Reply);
    }
  });
}
