// A worker thread running one of our TypeScript modules. tsx is registered in the thread before
// the module is imported there: a thread does not inherit the main thread's loader hooks.
import { Worker, type ResourceLimits } from "node:worker_threads";

/** Starts a thread that imports `moduleUrl` and calls its export `entry`, which reads workerData. */
export function startModuleWorker(moduleUrl: string, entry: string, options: { resourceLimits?: ResourceLimits } = {}): Worker {
  const boot = `const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.module); }).then((m) => m[workerData.entry]());`;
  return new Worker(boot, { ...options, eval: true, workerData: { tsx: import.meta.resolve("tsx/esm/api"), module: moduleUrl, entry } });
}
