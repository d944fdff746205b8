// Fixture archives copied into fresh temporary folders, and the real CLI run on them.
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = path.join(REPO, "tests", "fixtures");
const BIN = path.join(REPO, "bin", "news-archive.js");

const made: string[] = [];

/** A fresh empty folder, removed by `removeTempDirs` (call it from `after`). */
export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `news-archive-test-${label}-`));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A temp project holding a copy of the repository's five real articles (and nothing else). */
export async function realArticlesProject(label: string): Promise<string> {
  const root = await tempDir(label);
  await cp(path.join(REPO, "articles"), path.join(root, "articles"), { recursive: true });
  return root;
}

/** A temp project holding a copy of each given folder's contents (later folders win). */
export async function projectFrom(label: string, ...folders: string[]): Promise<string> {
  const root = await tempDir(label);
  for (const folder of folders) await cp(folder, root, { recursive: true });
  return root;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/news-archive.js …` as a user would, in `cwd`. The deploy variables are removed
 * from the environment unless a test sets them, so a developer's shell cannot change the result.
 */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NEWS_ARCHIVE_PATH_PREFIX;
  delete env.NEWS_ARCHIVE_SITE_URL;
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") reject(error);
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/** `news-archive build --root <root> --out <out>` plus any extra flags; `out` defaults to `<root>/_site`. */
export async function runBuild(
  root: string,
  options: { out?: string; args?: string[]; env?: Record<string, string> } = {},
): Promise<CliResult & { out: string }> {
  const out = options.out ?? path.join(root, "_site");
  const result = await runCli(["build", "--root", root, "--out", out, ...(options.args ?? [])], {
    cwd: root,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  return { ...result, out };
}

/** A build that must succeed; a failure shows the CLI's own output. */
export async function buildOk(root: string, options: Parameters<typeof runBuild>[1] = {}): Promise<CliResult & { out: string }> {
  const result = await runBuild(root, options);
  if (result.code !== 0) throw new Error(`build of ${root} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  return result;
}
