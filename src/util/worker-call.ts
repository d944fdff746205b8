// The one way work leaves the calling thread: a worker thread or a child process imports a module
// and runs its named exports when called, and each call is a promise of the export's result.
//
// Arguments and results are copied (the structured clone of postMessage; v8 serialization between
// processes, which copies the same values). A function passed as an argument becomes, in the
// worker, a function that calls the caller's one back, its result ignored: progress reports.
// An error thrown in the worker is rethrown here with its message, name, stack and plain fields
// (`code`, `path`: a full disk is still reported as one). A worker that stops fails every call
// under way with WorkerStopped; an 'error' it ends with (a thread out of memory) fails them with
// that error.
//
// A TypeScript module is loaded through tsx, registered in the worker first: a thread does not
// inherit the caller's loader hooks, and a process is started without them. Other modules (a
// `node:` one) start without tsx, and so sooner.
import { spawn, type ChildProcess } from "node:child_process";
import { Worker, type ResourceLimits } from "node:worker_threads";

/** The worker's side, in plain JavaScript: it runs before tsx is registered. */
const WORKER = `const { parentPort, workerData } = require("node:worker_threads");
const setup = workerData ?? JSON.parse(process.argv[1]);
const port = parentPort ?? { on: (e, f) => process.on(e, f), postMessage: (m) => process.send(m), unref: () => process.channel.unref() };
const loaded = (setup.tsx === null ? Promise.resolve() : import(setup.tsx).then((tsx) => tsx.register())).then(() => import(setup.module));
const waiting = [];
let running = 0;
const plain = (v) => v === null || (typeof v !== "object" && typeof v !== "function");
const carried = (e) => e instanceof Error ? { ...Object.fromEntries(Object.entries(e).filter(([, v]) => plain(v))), name: e.name, message: e.message, stack: e.stack } : { message: String(e) };
port.on("message", async (m) => {
  if (m.end === true) return port.unref();
  const { id, name, args, callbacks } = m;
  for (const i of callbacks) args[i] = (value) => port.postMessage({ id, callback: i, value });
  if (running === setup.concurrency) await new Promise((r) => waiting.push(r));
  else running += 1;
  try {
    port.postMessage({ id, value: await (await loaded)[name](...args) });
  } catch (error) {
    port.postMessage({ id, error: carried(error) });
  }
  const next = waiting.shift();
  if (next === undefined) running -= 1;
  else next();
});`;

/** The worker ended (it was closed, crashed or exited) before it answered. */
export class WorkerStopped extends Error {}

export interface WorkerOptions {
  /** Names the worker in WorkerStopped's message: "the link thread" stopped (exit code 1). */
  name: string;
  /** Calls run at once; more wait in the worker, in the order they were made. Unlimited by default. */
  concurrency?: number;
}

type Fn = (...args: never[]) => unknown;
type Callable<M> = { [K in keyof M]: M[K] extends Fn ? K : never }[keyof M] & string;
type Call<M, K extends keyof M> = M[K] extends Fn ? M[K] : never;

type Reply = { id: number; value: unknown } | { id: number; error: Record<string, unknown> & { message: string } } | { id: number; callback: number; value: unknown };

/** How the calls reach the worker and how it ends, for a thread or a process. */
interface Channel {
  post(message: unknown): void;
  listen(onReply: (reply: Reply) => void, onError: (error: Error) => void, onExit: (how: string) => void): void;
  kill(): void;
}

/** A module running in a worker; `M` is its type (`typeof import("./module.ts")`). */
export class Remote<M> {
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void; callbacks: Map<number, (value: unknown) => unknown> }>();
  #ended = false;
  #stopped = false;
  readonly #exited: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly channel: Channel,
  ) {
    this.#exited = new Promise((resolve) =>
      channel.listen(
        (reply) => this.#answer(reply),
        (error) => this.#failAll(error),
        (how) => {
          this.#stopped = true;
          this.#failAll(new WorkerStopped(`${name} stopped (${how})`));
          resolve();
        },
      ),
    );
  }

  /** Whether it has ended: a call now would fail. */
  get stopped(): boolean {
    return this.#stopped || this.#ended;
  }

  call<K extends Callable<M>>(name: K, ...args: Parameters<Call<M, K>>): Promise<Awaited<ReturnType<Call<M, K>>>> {
    if (this.stopped) return Promise.reject(new WorkerStopped(`${this.name} stopped`));
    const id = this.#next++;
    const callbacks = new Map<number, (value: unknown) => unknown>();
    const sent = (args as unknown[]).map((a, i) => {
      if (typeof a !== "function") return a;
      callbacks.set(i, a as (value: unknown) => unknown);
      return undefined;
    });
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, callbacks });
      this.channel.post({ id, name, args: sent, callbacks: [...callbacks.keys()] });
    });
  }

  /**
   * No more calls: the worker ends once those under way are answered, or once nothing is left
   * that could answer them (a call waiting on a process that died fails, and does not wait for ever).
   */
  end(): Promise<void> {
    if (!this.stopped) this.channel.post({ end: true });
    this.#ended = true;
    return this.#exited;
  }

  /** Stops the worker now; calls under way fail. */
  close(): Promise<void> {
    this.#ended = true;
    if (!this.#stopped) this.channel.kill();
    return this.#exited;
  }

  #answer(reply: Reply): void {
    const waiting = this.#waiting.get(reply.id);
    if (waiting === undefined) return;
    if ("callback" in reply) {
      waiting.callbacks.get(reply.callback)?.(reply.value);
      return;
    }
    this.#waiting.delete(reply.id);
    if ("error" in reply) {
      const { message, ...fields } = reply.error;
      waiting.reject(Object.assign(new Error(message), fields));
    } else waiting.resolve(reply.value as never);
  }

  #failAll(error: Error): void {
    for (const w of this.#waiting.values()) w.reject(error);
    this.#waiting.clear();
  }
}

/** A child process whose standard error is kept, for a caller to report why it stopped. */
export class RemoteProcess<M> extends Remote<M> {
  constructor(
    name: string,
    private readonly child: ChildProcess,
    readonly stderr: () => string,
  ) {
    super(name, {
      // Sending to a process that has ended fails; its exit says why.
      post: (message) => child.send(message as object, () => undefined),
      listen: (onReply, onError, onExit) => {
        child.on("message", onReply);
        child.on("error", onError);
        child.on("close", (code, signal) => onExit(signal ?? `exit code ${code}`));
      },
      kill: () => child.kill(),
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
}

function setup(moduleUrl: string, options: WorkerOptions) {
  return { module: moduleUrl, tsx: /\.[cm]?ts$/.test(moduleUrl) ? import.meta.resolve("tsx/esm/api") : null, concurrency: options.concurrency ?? null };
}

/** Starts a worker thread running `moduleUrl` (its exports called with `call`). */
export function startThread<M>(moduleUrl: string, options: WorkerOptions & { resourceLimits?: ResourceLimits }): Remote<M> {
  const worker = new Worker(WORKER, { eval: true, workerData: setup(moduleUrl, options), resourceLimits: options.resourceLimits });
  return new Remote<M>(options.name, {
    post: (message) => worker.postMessage(message),
    listen: (onReply, onError, onExit) => {
      worker.on("message", onReply);
      worker.on("error", onError);
      worker.on("exit", (code) => onExit(`exit code ${code}`));
    },
    kill: () => void worker.terminate(),
  });
}

/**
 * Starts a child process running `moduleUrl`: for work that may leave a call unanswered when
 * something it drives dies, or that writes to standard error what the caller should read.
 */
export function startProcess<M>(moduleUrl: string, options: WorkerOptions): RemoteProcess<M> {
  const child = spawn(process.execPath, ["-e", WORKER, JSON.stringify(setup(moduleUrl, options))], { stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new RemoteProcess<M>(options.name, child, () => stderr);
}
