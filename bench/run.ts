// npm run bench [-- --sizes 1000,10000] [--huge] [--runs 3] [--json bench-result.json] [--node PATH …]
//
// Builds generated archives and prints, as medians of several runs: a cold build (no cache), a
// warm rebuild with nothing changed, a rebuild after adding one article and after editing one,
// an edit under `serve` (page served, then search updated), peak memory of every process, pages per second and the time of each build stage; and the same
// corpus built by plain Eleventy 3.1.7 as a baseline. Builds run on tmpfs (/dev/shm) when there is
// one: this machine's disk is too noisy on many small files for figures to mean anything.
//
// `--node PATH`, given more than once, runs every build and serve with each of those Node binaries
// side by side (`--node /usr/bin/node --node ~/node24/bin/node`): each has its own copy of the
// archive, and their builds alternate run by run, so a busy moment of the machine does not favour
// one of them (serve is run with one Node, then the next).
import { execFileSync, spawn } from "node:child_process";
import { appendFile, cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { article, generateArchive } from "./generate.ts";
import { freePort } from "../tests/helpers/free-port.ts";
import { watchPeakMemory } from "./peak-memory.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, "..", "bin", "news-archive.js");
const ELEVENTY = path.join(HERE, "..", "node_modules", "@11ty", "eleventy", "cmd.cjs");

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    huge: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    json: { type: "string", default: "bench-result.json" },
    "no-baseline": { type: "boolean", default: false },
    node: { type: "string", multiple: true, default: [process.execPath] },
  },
});
const sizes = values.sizes.split(",").map(Number).concat(values.huge ? [100_000] : []);
const runs = Number(values.runs);
const scratch = path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "news-archive-bench");

/** A Node to build with, and where its copy of an archive is. */
interface Target {
  node: string;
  version: string;
  dir: string;
}
const nodes = values.node.map((node) => ({ node: path.resolve(node), version: execFileSync(node, ["--version"], { encoding: "utf8" }).trim() }));

interface Measure {
  seconds: number;
  peakMb: Record<string, number>;
  pages: number;
  stages: Record<string, number>;
}

/** Runs one command, returning wall time, per-process peak memory and the build's own report. */
async function measure(node: string, command: string[], cwd: string, statsFile: string | null): Promise<Measure> {
  if (statsFile !== null) await rm(statsFile, { force: true });
  const started = performance.now();
  const child = spawn(node, command, {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...(statsFile === null ? {} : { NEWS_ARCHIVE_STATS: statsFile }), ...heapFor(command) },
  });
  const memory = watchPeakMemory(child.pid!);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  const peaks = await memory.stop();
  if (code !== 0) throw new Error(`${command.join(" ")} failed (${code}):\n${stderr.slice(-2000)}`);
  const stats = statsFile !== null && existsSync(statsFile) ? (JSON.parse(await readFile(statsFile, "utf8")) as { pages: number; stages: Record<string, number> }) : { pages: 0, stages: {} };
  return { seconds, peakMb: Object.fromEntries([...peaks].map(([k, v]) => [k, Math.round(v)])), pages: stats.pages, stages: stats.stages };
}

/**
 * Plain Eleventy (the baseline) needs more than Node's default heap at the largest sizes.
 * Our build is given nothing: it sizes its build thread's heap itself (src/build/thread.ts).
 */
function heapFor(command: string[]): Record<string, string> {
  const huge = sizes.some((s) => s >= 50_000) && command[0] === ELEVENTY;
  return huge ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=16384`.trim() } : {};
}

function median(ms: Measure[]): Measure {
  const sorted = [...ms].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  const peakMb: Record<string, number> = {};
  for (const m of ms) for (const [k, v] of Object.entries(m.peakMb)) peakMb[k] = Math.max(peakMb[k] ?? 0, v);
  return { ...mid, peakMb };
}

/** What one scenario runs for one target: made ready before each run, then measured. */
interface Job {
  prepare: (run: number) => Promise<void>;
  command: string[];
  cwd: string;
  stats: string | null;
}

/** Runs a scenario `times` for every target, the targets taking turns; a row per target. */
async function scenario(size: number, name: string, times: number, targets: readonly Target[], job: (t: Target) => Job): Promise<Row[]> {
  const results = targets.map(() => [] as Measure[]);
  for (let run = 0; run < times; run++) {
    for (const [i, t] of targets.entries()) {
      const { prepare, command, cwd, stats } = job(t);
      await prepare(run);
      results[i]!.push(await measure(t.node, command, cwd, stats));
      process.stderr.write(`  ${name}${label(t)} run ${run + 1}/${times}: ${results[i]!.at(-1)!.seconds.toFixed(2)} s\n`);
    }
  }
  return targets.map((t, i) => ({ size, node: t.version, name, ...median(results[i]!) }));
}

/** Names the Node in progress lines only when there are several. */
const label = (t: Target) => (nodes.length > 1 ? ` (${t.version})` : "");

interface Row {
  size: number;
  node: string;
  name: string;
  seconds: number;
  peakMb: Record<string, number>;
  pages: number;
  stages: Record<string, number>;
}
const rows: Row[] = [];

for (const size of sizes) {
  // The first Node's copy is where it always was (bench:search opens scratch/10000/_site).
  const targets: Target[] = nodes.map((n, i) => ({ ...n, dir: path.join(scratch, i === 0 ? String(size) : `${size}-node${i + 1}`) }));
  for (const t of targets) {
    await rm(t.dir, { recursive: true, force: true });
    process.stderr.write(`generating ${size} articles in ${t.dir}\n`);
    await generateArchive(t.dir, size);
  }
  const out = (t: Target) => path.join(t.dir, "_site");
  const stats = (t: Target) => path.join(scratch, `stats-${path.basename(t.dir)}.json`);
  const build = (t: Target, prepare: (run: number) => Promise<void>): Job => ({ prepare, command: [CLI, "build", "--root", t.dir, "--out", out(t)], cwd: t.dir, stats: stats(t) });
  const edited = (t: Target) => path.join(t.dir, "articles", "article-000000.md");
  // The 100,000 build is run once: it is about whether it builds, and in how much memory.
  const times = size >= 100_000 ? 1 : runs;
  rows.push(
    ...(await scenario(size, "cold build", times, targets, (t) =>
      build(t, async () => {
        await rm(path.join(t.dir, ".cache"), { recursive: true, force: true });
        await rm(out(t), { recursive: true, force: true });
      }),
    )),
  );
  rows.push(...(await scenario(size, "warm, nothing changed", times, targets, (t) => build(t, async () => {}))));
  rows.push(
    ...(await scenario(size, "add one article", times, targets, (t) =>
      build(t, async (run) => {
        const { text } = article(size + 1000 + run);
        await writeFile(path.join(t.dir, "articles", `added-${run}.md`), text);
      }),
    )),
  );
  rows.push(...(await scenario(size, "edit one article", times, targets, (t) => build(t, (run) => appendFile(edited(t), `\nA correction, number ${run}.\n`)))));

  // serve's first build renders every page again (its own output folder): skipped at 100,000, where
  // the question is whether the build runs at all, and in how much memory.
  if (size < 100_000) for (const t of targets) rows.push(...(await serveEdits(t, size, edited(t), times)));

  if (!values["no-baseline"]) {
    const baseline = (t: Target) => path.join(scratch, `baseline-${path.basename(t.dir)}`);
    for (const t of targets) {
      await rm(baseline(t), { recursive: true, force: true });
      await mkdir(baseline(t), { recursive: true });
      await cp(path.join(HERE, "baseline"), baseline(t), { recursive: true });
      await cp(path.join(t.dir, "articles"), path.join(baseline(t), "articles"), { recursive: true });
    }
    rows.push(
      ...(await scenario(size, "baseline: plain Eleventy", times, targets, (t) => ({
        prepare: () => rm(path.join(baseline(t), "_site"), { recursive: true, force: true }),
        command: [ELEVENTY, "--quiet"],
        cwd: baseline(t),
        stats: null,
      }))),
    );
  }
}

/**
 * `serve` (a running build thread, its caches in memory) after an edit: the wall time from saving
 * the file to the rebuilt page being served, and to the search index being updated after it.
 */
async function serveEdits(target: Target, size: number, edited: string, times: number): Promise<Row[]> {
  const { node, dir } = target;
  const port = await freePort();
  const child = spawn(node, [CLI, "serve", "--root", dir, "--port", String(port)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const closed = new Promise((resolve) => child.once("close", resolve));
  const memory = watchPeakMemory(child.pid!);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const line = async (pattern: RegExp, from: number) => {
    const deadline = Date.now() + 600_000;
    while (!pattern.test(stdout.slice(from))) {
      const failed = child.exitCode !== null || /not updated|error:/.test(stderr) || Date.now() > deadline;
      if (failed) throw new Error(`serve did not print ${pattern} (exit code ${child.exitCode}):\n${stdout.slice(-1000)}\n${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const page: number[] = [];
  const search: number[] = [];
  let peaks: Map<string, number>;
  try {
    await line(/^Serving /m, 0);
    for (let run = 0; run < times; run++) {
      const from = stdout.length;
      const started = performance.now();
      await appendFile(edited, `\nA correction made while serving, number ${run}.\n`);
      await line(/^Built /m, from);
      page.push((performance.now() - started) / 1000);
      await line(/^Updated the search index/m, from);
      search.push((performance.now() - started) / 1000);
      process.stderr.write(`  serve: edit one article${label(target)} run ${run + 1}/${times}: page ${page.at(-1)!.toFixed(2)} s, search ${search.at(-1)!.toFixed(2)} s\n`);
    }
  } finally {
    peaks = await memory.stop();
    if (child.exitCode === null) child.kill("SIGINT");
    await closed;
  }
  const peakMb = Object.fromEntries([...peaks].map(([k, v]) => [k, Math.round(v)]));
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [
    { size, node: target.version, name: "serve: edit one, page served", seconds: mid(page), peakMb, pages: 0, stages: {} },
    { size, node: target.version, name: "serve: edit one, search updated", seconds: mid(search), peakMb: {}, pages: 0, stages: {} },
  ];
}

// Side by side: each scenario's rows for every Node together, each against its own Node's baseline.
const order = (r: Row) => rows.findIndex((s) => s.size === r.size && s.name === r.name);
const baselineOf = (r: Row) => rows.find((s) => s.size === r.size && s.node === r.node && s.name.startsWith("baseline"))?.seconds;
const table = [
  "| articles | node | scenario | wall s | × baseline | pages/s | peak MB (per process) | stages s |",
  "| ---: | --- | --- | ---: | ---: | ---: | --- | --- |",
  ...[...rows].sort((a, b) => order(a) - order(b)).map((r) => {
    const base = baselineOf(r);
    const stages = Object.entries(r.stages).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(", ");
    const peaks = Object.entries(r.peakMb).map(([k, v]) => `${k} ${v}`).join(", ");
    const pagesPerSecond = r.pages > 0 ? Math.round(r.pages / r.seconds) : "";
    return `| ${r.size} | ${r.node} | ${r.name} | ${r.seconds.toFixed(2)} | ${base === undefined ? "" : (r.seconds / base).toFixed(2)} | ${pagesPerSecond} | ${peaks} | ${stages} |`;
  }),
].join("\n");
console.log(table);
await writeFile(values.json, JSON.stringify({ date: new Date().toISOString(), nodes: nodes.map((n) => n.version), cpus: os.cpus().length, runs, rows }, null, 2));
console.log(`\nresults: ${values.json}`);
