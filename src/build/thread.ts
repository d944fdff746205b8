// Builds run in a worker thread, for two reasons. Its heap limit can be set from here: Node's
// default (about 4 GB) is too small for 100,000 articles, because Eleventy keeps every page it
// renders until all are written, and a limit cannot be raised once a thread runs. And a thread
// can live across builds: serve keeps one, so a rebuild finds the caches and modules loaded.
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { parentPort, type Worker } from "node:worker_threads";
import { describeFailure, type BuildFailure } from "./failure.ts";
import type { BuildOptions, BuildResult } from "./build.ts";
import { startModuleWorker } from "../util/module-worker.ts";
import { besideOutput, TRASH_DIR } from "../project.ts";
import type { BuildContext } from "./context.ts";
import { emptyTrash } from "./trash.ts";
import type { ProgressListener, StageEvent } from "./stages.ts";

export type BuildRequest = Omit<BuildOptions, "onProgress">;
export type BuildOutcome = { ok: true; result: BuildResult } | { ok: false; failure: BuildFailure };
/** `idle` follows `done` once the thread has finished what it leaves until after answering. */
type Message = { type: "progress"; event: StageEvent } | { type: "done"; outcome: BuildOutcome } | { type: "idle" };

/**
 * The build thread's heap limit in MB: three quarters of the machine's memory, or what the user
 * set with --max-old-space-size (in NODE_OPTIONS) if they did. It is a ceiling, not a reservation:
 * a 10,000-article build uses well under 1 GB of it.
 */
export function heapLimitMb(): number {
  const chosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => /^--max[-_]old[-_]space[-_]size/.test(a));
  if (chosen) return Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  // In a container, the container's limit (Node reports 2^64 when there is none).
  const memory = Math.min(os.totalmem(), process.constrainedMemory?.() || Infinity);
  return Math.round((memory / 2 ** 20) * 0.75);
}

export class BuildThread {
  #worker: Worker | null = null;
  /** The build under way, and the thread it runs in. */
  #pending: { worker: Worker; staging: string; settle: (outcome: BuildOutcome) => void; onProgress: ProgressListener | undefined } | null = null;

  /** Per thread, until it has finished what it does after answering (see runBuildThread). */
  #idle = new WeakMap<Worker, Promise<void>>();

  /** One build at a time: the thread prepares the site in one staging folder. */
  build(request: BuildRequest, onProgress?: ProgressListener): Promise<BuildOutcome> {
    if (this.#pending !== null) throw new Error("a build is under way in this thread");
    const worker = (this.#worker ??= this.#start());
    const staging = besideOutput(path.resolve(request.root, request.out), "staging");
    this.#idle.set(
      worker,
      new Promise((resolve) => {
        const idle = (m: Message) => {
          if (m.type !== "idle") return;
          worker.off("message", idle);
          resolve();
        };
        worker.on("message", idle);
        worker.once("exit", () => resolve());
      }),
    );
    return new Promise((resolve) => {
      this.#pending = { worker, staging, settle: resolve, onProgress };
      worker.postMessage(request);
    });
  }

  /**
   * The next build runs in a fresh thread (one that sees changed template code); the old one
   * finishes its build, and writes its caches, first.
   */
  restart(): void {
    const old = this.#worker;
    this.#worker = null;
    if (old !== null) void this.#stop(old);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker !== null) await this.#stop(worker);
  }

  async #stop(worker: Worker): Promise<void> {
    await this.#idle.get(worker);
    await worker.terminate();
  }

  #start(): Worker {
    const limit = heapLimitMb();
    const worker = startModuleWorker(import.meta.url, "runBuildThread", { resourceLimits: { maxOldGenerationSizeMb: limit } });
    // Only a thread that dies during a build is a crash; one that was told to stop is not. Its
    // 'error' and 'exit' both come here: the first settles the build, the second finds none.
    const crashed = (why: string) => {
      if (this.#worker === worker) this.#worker = null;
      const pending = this.#pending;
      if (pending?.worker !== worker) return;
      this.#pending = null;
      // The thread could not remove the folder it was preparing the site in.
      void rm(pending.staging, { recursive: true, force: true })
        .catch(() => undefined)
        .then(() => pending.settle({ ok: false, failure: { kind: "error", message: why, write: false } }));
    };
    worker.on("message", (m: Message) => {
      if (m.type === "progress") this.#pending?.onProgress?.(m.event);
      else if (m.type === "done") this.#settle(m.outcome);
    });
    worker.on("error", (error: Error & { code?: string }) =>
      crashed(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `out of memory: a build may use up to ${limit} MB on this machine. Close other programs, or allow more with NODE_OPTIONS=--max-old-space-size=<MB>`
          : `the build thread crashed (${error.message})`,
      ),
    );
    worker.on("exit", (code) => crashed(`the build thread stopped (exit code ${code})`));
    return worker;
  }

  #settle(outcome: BuildOutcome): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.settle(outcome);
  }
}

/** Entry point inside the build thread. */
export async function runBuildThread(): Promise<void> {
  // Imported here, not at the top: the main thread that starts this one never builds, and need not load Eleventy.
  const [{ buildSite }, { BuildContext }] = await Promise.all([import("./build.ts"), import("./context.ts")]);
  const port = parentPort!;
  process.on("unhandledRejection", awaitEleventysCopyErrors);
  /** serve's, kept for its next build; a one-off build's thread builds once. */
  let kept: BuildContext | undefined;
  port.on("message", async (request: BuildRequest) => {
    const root = path.resolve(request.root);
    const purpose = request.purpose ?? "build";
    const context = kept?.root === root && kept.purpose === purpose ? kept : new BuildContext(root, purpose);
    if (purpose === "serve") kept = context;
    let outcome: BuildOutcome;
    try {
      const onProgress = (event: StageEvent) => port.postMessage({ type: "progress", event } satisfies Message);
      outcome = { ok: true, result: await buildSite({ ...request, onProgress }, context) };
    } catch (error) {
      outcome = { ok: false, failure: describeFailure(error, request.out) };
    }
    const packs = context.caches.packs;
    // A one-off build writes its caches before it answers: its thread is ended once it has.
    if (purpose !== "serve") await packs.flush();
    port.postMessage({ type: "done", outcome } satisfies Message);
    // serve's thread writes them, and deletes the replaced site, once the rebuilt site is shown.
    await packs.flush();
    if (purpose === "serve") {
      await emptyTrash(path.join(root, TRASH_DIR));
      // The next build renders the article just edited: loading remark now, while serve waits
      // for a save, spares that edit 0.3 s (a build from the cache never loads it).
      await import("../content/markdown/render.ts");
    }
    port.postMessage({ type: "idle" } satisfies Message);
  });
}

/**
 * Eleventy starts copying public/ before it renders the pages, and handles a failed copy only
 * once they are rendered (TemplatePassthroughManager.copyAll), so a copy that fails meanwhile (a
 * full disk) is for that moment an unhandled rejection, and would end the thread. Eleventy then
 * fails the build with it, which is reported as any failed write is. Any other unhandled rejection
 * still ends the thread.
 */
function awaitEleventysCopyErrors(reason: unknown): void {
  if (reason instanceof Error && reason.name === "TemplatePassthroughManagerCopyError") return;
  throw reason;
}
