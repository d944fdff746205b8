// A fingerprint of the code a cache entry was made by: the source files themselves and the
// versions of the libraries they call. A cache keyed by it can never serve an entry that older
// code made.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export async function codeVersion(files: readonly string[], packages: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${path.basename(file)}\0`).update(await readFile(file)).update("\0");
  for (const name of packages) hash.update(`${name}@${await packageVersion(name)}\0`);
  return hash.digest("hex");
}

async function packageVersion(name: string): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
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
