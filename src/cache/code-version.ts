// A fingerprint of the code a cache entry was made by: the source files themselves, the versions
// of the libraries they call and npm's record of every installed package (so an update of a
// library's own dependency, say micromark under remark, counts too). A cache keyed by it can never
// serve an entry that older code made.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PACKAGE_ROOT } from "../project.ts";
import { fileURLToPath } from "node:url";

export async function codeVersion(files: readonly string[], packages: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  // Paths relative to the package, not absolute: moving the project is not a change of code, but
  // moving a file within it (a template into _lib/) is.
  for (const file of files) hash.update(`${path.relative(PACKAGE_ROOT, file)}\0`).update(await readFile(file)).update("\0");
  const lockfiles = new Set<string>();
  for (const name of packages) {
    const dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
    hash.update(`${name}@${await packageVersion(name, dir)}\0`);
    const modules = dir.split(path.sep).lastIndexOf("node_modules");
    if (modules !== -1) lockfiles.add(path.join(dir.split(path.sep).slice(0, modules + 1).join(path.sep) || path.sep, ".package-lock.json"));
  }
  for (const lockfile of lockfiles) hash.update(await readFile(lockfile).catch(() => "no lockfile"));
  return hash.digest("hex");
}

async function packageVersion(name: string, from: string): Promise<string> {
  let dir = from;
  for (;;) {
    const manifest = await readFile(path.join(dir, "package.json"), "utf8").then(
      (text) => JSON.parse(text) as { name?: string; version?: string },
      () => null,
    );
    if (manifest?.name === name) return manifest.version ?? "unknown";
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

/**
 * A code version worked out once per thread, when first asked for. It is a constant of the code
 * this thread loaded, not state between builds: code that changes is loaded by a new thread
 * (serve starts one when it sees a change to templates or src/).
 */
export function versionOnce<T extends string | Promise<string>>(make: () => T): () => T {
  let version: T | undefined;
  return () => (version ??= make());
}
