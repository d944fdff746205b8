/**
 * The sources, templates, tests and bench type-check under the strict settings in tsconfig.json.
 * tsx runs TypeScript without checking it, so without this a type error would only show in an
 * editor.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(import.meta.dirname, "../..");

test("tsc --noEmit finds no type error", () => {
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", ROOT], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
