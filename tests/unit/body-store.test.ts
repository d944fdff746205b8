/**
 * The render cache's bodies (src/cache/body-store.ts), on the real file system: what is appended reads
 * back, bodies in too many segments are merged into one, and a segment is deleted only once no
 * build has used it for ten minutes.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, utimes } from "node:fs/promises";
import path from "node:path";
import { BodyStore } from "../../src/cache/body-store.ts";
import { removeTempDirs, tempDir } from "../helpers/project.ts";

after(removeTempDirs);

test("bodies read back as written, in any script", async () => {
  const store = new BodyStore(path.join(await tempDir("bodies"), "bodies"));
  const bodies = ["<p>one</p>", "", "<p dir=\"rtl\">القوات الأمريكية</p>", "<p>🗞️</p>"];
  const refs = await store.append(bodies);
  assert.deepEqual(refs.map((r) => store.read(r)), bodies);
  assert.equal(new Set(refs.map((r) => r.segment)).size, 1, "one segment per append");
});

test("bodies spread over many segments are merged into one, and the old segments go ten minutes later", async () => {
  const dir = path.join(await tempDir("bodies"), "bodies");
  const store = new BodyStore(dir);
  const refs = [];
  for (let i = 0; i < 40; i++) refs.push(...(await store.append([`<p>body ${i}</p>`])));
  assert.equal(store.wasteful(refs.slice(0, 32)), false);
  assert.equal(store.wasteful(refs), true);
  const merged = await store.compact(refs);
  assert.deepEqual(merged.map((r) => store.read(r)), refs.map((r) => store.read(r)));
  assert.equal(store.wasteful(merged), false);

  const kept = new Set(merged.map((r) => r.segment));
  await store.tidy(kept);
  assert.equal((await readdir(dir)).length, 41, "unused segments younger than ten minutes stay: another build may be using them");
  const old = new Date(Date.now() - 11 * 60_000);
  for (const name of await readdir(dir)) await utimes(path.join(dir, name), old, old);
  await store.tidy(kept);
  assert.deepEqual(await readdir(dir), [...kept]);
  // This build may still read the segments it deleted; they are closed when the next one starts.
  assert.equal(store.read(refs[0]!), "<p>body 0</p>");
  store.release();
  assert.equal(store.readable(refs[0]!), false);
});

test("bodies in use that fill less than half of their segments are copied out", async () => {
  const store = new BodyStore(path.join(await tempDir("bodies"), "bodies"));
  const refs = await store.append(Array.from({ length: 10 }, (_, i) => `<p>${"x".repeat(100_000)} ${i}</p>`));
  assert.equal(store.wasteful(refs.slice(0, 5)), false, "half in use");
  assert.equal(store.wasteful(refs.slice(0, 4)), true, "less than half in use");
});
