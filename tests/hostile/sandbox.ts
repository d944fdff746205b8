// A sandbox for one real build: a temp folder holding the project and a folder beside it, so a test
// can prove the build wrote nothing outside its output folder, and read what the CLI printed.
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import path from "node:path";
import { tempDir } from "../helpers/project.ts";

export interface Sandbox {
  /** The temp folder: the project's parent, snapshotted with it. */
  dir: string;
  project: string;
  out: string;
}

export async function makeSandbox(label: string): Promise<Sandbox> {
  const dir = await tempDir(`hostile-${label}`);
  const project = path.join(dir, "project");
  return { dir, project, out: path.join(project, "_site") };
}

/** Relative path → what is there: "dir", "file <sha256>", "link <target>" or "special" (a pipe is never read: it would wait forever). */
export type Snapshot = Map<string, string>;

export async function snapshot(dir: string): Promise<Snapshot> {
  const found: Snapshot = new Map();
  const walk = async (rel: string): Promise<void> => {
    const full = path.join(dir, rel);
    const stat = await lstat(full);
    if (stat.isSymbolicLink()) found.set(rel, `link ${await readlink(full)}`);
    else if (stat.isDirectory()) {
      if (rel !== "") found.set(rel, "dir");
      for (const name of await readdir(full)) await walk(path.join(rel, name));
    } else if (stat.isFile()) found.set(rel, `file ${createHash("sha256").update(await readFile(full)).digest("hex")}`);
    else found.set(rel, "special");
  };
  await walk("");
  return found;
}

/** Every difference between two snapshots that `allowed` does not excuse, as "added x" / "removed x" / "changed x". */
export function changes(before: Snapshot, after: Snapshot, allowed: (rel: string) => boolean): string[] {
  const found: string[] = [];
  for (const [rel, what] of after) {
    if (allowed(rel)) continue;
    if (!before.has(rel)) found.push(`added ${rel}`);
    else if (before.get(rel) !== what) found.push(`changed ${rel}`);
  }
  for (const rel of before.keys()) if (!after.has(rel) && !allowed(rel)) found.push(`removed ${rel}`);
  return found.sort();
}

/**
 * What a successful build may write: its output folder, its cache (documented as safe to delete,
 * and not output), and the project's published-urls.txt, the list of addresses it has published.
 */
export function buildMayWrite(rel: string): boolean {
  const parts = rel.split(path.sep);
  return parts[0] === "project" && (parts[1] === "_site" || parts[1] === ".cache" || (parts[1] === "published-urls.txt" && parts.length === 2));
}

/** Signs that the CLI crashed instead of reporting: stack frames, JavaScript error names, a Rust panic. */
export function crashSigns(output: string): string[] {
  const signs = output.split("\n").filter((line) => /^\s+at\s/.test(line) || /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/.test(line) || /panicked at|stack backtrace/.test(line));
  return signs;
}

export interface PrintedProblem {
  kind: "error" | "warning";
  file: string;
  line?: number;
  field: string;
  message: string;
}

/** The problems the CLI printed, `error: file[:line]: field: message`, each followed by its `    fix:` line. */
export function printedProblems(stderr: string): { problems: PrintedProblem[]; withoutFix: string[] } {
  const lines = stderr.split("\n");
  const problems: PrintedProblem[] = [];
  const withoutFix: string[] = [];
  lines.forEach((text, i) => {
    const m = /^(error|warning): (.+?)(?::(\d+))?: ([a-z-]+): (.*)$/.exec(text);
    if (m === null) return;
    problems.push({ kind: m[1] as "error" | "warning", file: m[2]!, ...(m[3] === undefined ? {} : { line: Number(m[3]) }), field: m[4]!, message: m[5]! });
    if (!/^ {4}fix: \S/.test(lines[i + 1] ?? "")) withoutFix.push(text);
  });
  return { problems, withoutFix };
}
