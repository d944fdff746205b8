// A full garbage collection on demand. The build thread's heap may grow to most of the machine's
// memory (build/thread.ts), and V8 then lets garbage pile up far beyond what is live. Collecting
// between Eleventy runs, when a run's pages have just become garbage, keeps the peak down for
// little time a collection. Figures: docs/ARCHITECTURE.md, measurements.
import v8 from "node:v8";
import vm from "node:vm";

// The flag is process-wide (every thread gets a gc()); should a Node ignore it this late, builds
// go on without the collection rather than fail.
v8.setFlagsFromString("--expose-gc");
export const collectGarbage = vm.runInNewContext("typeof gc === 'function' ? gc : () => {}") as () => void;
