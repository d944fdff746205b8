// Peak resident memory of a process and every process it starts (Pagefind runs as its own
// binary), read from /proc: VmHWM is the kernel's own high-water mark, so polling only has to
// see each process once before it exits.
import { readFile, readdir } from "node:fs/promises";

/** Node 24 names its main thread, and so its process, "MainThread"; Node 20 and 22 leave it "node". */
const nameOf = (name: string) => (name === "MainThread" ? "node" : name);

async function status(pid: number): Promise<{ ppid: number; hwmKb: number; name: string } | null> {
  try {
    const text = await readFile(`/proc/${pid}/status`, "utf8");
    const field = (key: string) => new RegExp(`^${key}:\\s+(.+)$`, "m").exec(text)?.[1] ?? "";
    return { ppid: Number(field("PPid")), hwmKb: Number.parseInt(field("VmHWM"), 10) || 0, name: nameOf(field("Name")) };
  } catch {
    return null;
  }
}

/** Polls the process tree under `root` until stopped; returns the peak per process name in MB. */
export function watchPeakMemory(root: number, intervalMs = 50): { stop: () => Promise<Map<string, number>> } {
  const peaks = new Map<number, { name: string; mb: number }>();
  let running = true;
  const poll = async () => {
    const pids = (await readdir("/proc")).filter((d) => /^\d+$/.test(d)).map(Number);
    const all = new Map<number, { ppid: number; hwmKb: number; name: string }>();
    await Promise.all(
      pids.map(async (pid) => {
        const s = await status(pid);
        if (s !== null) all.set(pid, s);
      }),
    );
    const tree = new Set([root]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, s] of all) if (!tree.has(pid) && tree.has(s.ppid)) tree.add(pid), (grew = true);
    }
    for (const pid of tree) {
      const s = all.get(pid);
      if (s === undefined) continue;
      const mb = s.hwmKb / 1024;
      if (mb > (peaks.get(pid)?.mb ?? 0)) peaks.set(pid, { name: s.name, mb });
    }
  };
  const loop = (async () => {
    while (running) {
      await poll();
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const byName = new Map<string, number>();
      for (const { name, mb } of peaks.values()) byName.set(name, Math.max(byName.get(name) ?? 0, mb));
      return byName;
    },
  };
}
