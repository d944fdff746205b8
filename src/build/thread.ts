// Builds run in a worker thread, for two reasons. Its heap limit can be set from here: Node's
// default is too small for the largest archives, because Eleventy keeps every page it
// renders until all are written, and a limit cannot be raised once a thread runs. And a thread
// can live across builds: serve keeps one, so a rebuild finds the caches and modules loaded.
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { describeFailure, type BuildFailure } from "./failure.ts";
import type { BuildOptions, BuildResult } from "./build.ts";
import { startThread, WorkerStopped, type Remote } from "../util/worker-call.ts";
import { besideOutput, TRASH_DIR } from "../project.ts";
import type { BuildContext } from "./context.ts";
import { emptyTrash } from "./trash.ts";
import type { ProgressListener } from "./stages.ts";

export type BuildRequest = Omit<BuildOptions, "onProgress">;
export type BuildOutcome = { ok: true; result: BuildResult } | { ok: false; failure: BuildFailure };

/**
 * The build thread's heap limit in MB: three quarters of the machine's memory, or what the user
 * set with --max-old-space-size (in NODE_OPTIONS) if they did. It is a ceiling, not a reservation:
 * the heap grows only as far as a build needs.
 */
export function heapLimitMb(): number {
  const chosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => /^--max[-_]old[-_]space[-_]size/.test(a));
  if (chosen) return Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  // In a container, the container's limit (Node reports 2^64 when there is none).
  const memory = Math.min(os.totalmem(), process.constrainedMemory?.() || Infinity);
  return Math.round((memory / 2 ** 20) * 0.75);
}

type Thread = Remote<typeof import("./thread.ts")>;

export class BuildThread {
  #thread: Thread | null = null;
  #building = false;
  /** Per thread, until it has finished what it does after answering (see tidyAfterBuild). */
  readonly #idle = new WeakMap<Thread, Promise<void>>();

  /** One build at a time: the thread prepares the site in one staging folder. */
  async build(request: BuildRequest, onProgress?: ProgressListener): Promise<BuildOutcome> {
    if (this.#building) throw new Error("a build is under way in this thread");
    this.#building = true;
    if (this.#thread === null || this.#thread.stopped) this.#thread = this.#start();
    const thread = this.#thread;
    const built = thread.call("buildHere", request, (event) => onProgress?.(event));
    this.#idle.set(
      thread,
      built.then(
        () => thread.call("tidyAfterBuild", request).catch(() => undefined),
        () => undefined,
      ),
    );
    try {
      return await built;
    } catch (error) {
      // The thread died during the build (one stopped between builds fails none), and could not
      // remove the folder it was preparing the site in.
      await rm(besideOutput(path.resolve(request.root, request.out), "staging"), { recursive: true, force: true }).catch(() => undefined);
      return { ok: false, failure: { kind: "error", message: crashMessage(error as Error), write: false } };
    } finally {
      this.#building = false;
    }
  }

  /**
   * The next build runs in a fresh thread (one that sees changed template code); the old one
   * finishes its build, and writes its caches, first.
   */
  restart(): void {
    const old = this.#thread;
    this.#thread = null;
    if (old !== null) void this.#stop(old);
  }

  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = null;
    if (thread !== null) await this.#stop(thread);
  }

  async #stop(thread: Thread): Promise<void> {
    await this.#idle.get(thread);
    await thread.close();
  }

  #start(): Thread {
    return startThread(import.meta.url, { name: "the build thread", resourceLimits: { maxOldGenerationSizeMb: heapLimitMb() } });
  }
}

function crashMessage(error: Error & { code?: string }): string {
  if (error instanceof WorkerStopped) return error.message;
  if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
    return `out of memory: a build may use up to ${heapLimitMb()} MB on this machine. Close other programs, or allow more with NODE_OPTIONS=--max-old-space-size=<MB>`;
  }
  return `the build thread crashed (${error.message})`;
}

/** Builds, in the build thread. */
export async function buildHere(request: BuildRequest, onProgress: ProgressListener): Promise<BuildOutcome> {
  if (!process.listeners("unhandledRejection").includes(awaitEleventysCopyErrors)) process.on("unhandledRejection", awaitEleventysCopyErrors);
  // Imported here, not at the top: the main thread that starts this one never builds, and need not load Eleventy.
  const [{ buildSite }, { BuildContext }] = await Promise.all([import("./build.ts"), import("./context.ts")]);
  const root = path.resolve(request.root);
  const purpose = request.purpose ?? "build";
  const context = kept?.root === root && kept.purpose === purpose ? kept : new BuildContext(root, purpose);
  kept = context;
  let outcome: BuildOutcome;
  try {
    outcome = { ok: true, result: await buildSite({ ...request, onProgress }, context) };
  } catch (error) {
    outcome = { ok: false, failure: describeFailure(error, request.out) };
  }
  // A one-off build writes its caches before it answers: its thread is ended once it has.
  if (purpose !== "serve") await context.caches.packs.flush();
  return outcome;
}

/**
 * The context of this thread's last build: serve's is kept for its next build (a one-off build's
 * thread builds once). Module scope is this thread's own, so nothing else shares it.
 */
let kept: BuildContext | undefined;

/** What the build thread does once it has answered, while serve shows the rebuilt site. */
export async function tidyAfterBuild(request: BuildRequest): Promise<void> {
  // serve's thread writes its caches, and deletes the replaced site, once the rebuilt site is shown.
  await kept?.caches.packs.flush();
  if (request.purpose === "serve") {
    await emptyTrash(path.join(path.resolve(request.root), TRASH_DIR));
    // The next build renders the article just edited: loading remark now, while serve waits
    // for a save, spares that edit its loading (a build from the cache never loads it).
    await import("../content/markdown/render.ts");
  }
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
