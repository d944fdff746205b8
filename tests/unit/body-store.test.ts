/**
 * The render cache's bodies (src/cache/body-store.ts), on the real file system: what is appended reads
 * back, bodies in too many segments are merged into one, and a segment is deleted once no build
 * uses it and no live process claims it (the caches' one rule, src/cache/store.ts).
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BodyStore } from "../../src/cache/body-store.ts";
import { ProjectCaches } from "../../src/cache/project-caches.ts";
import { removeTempDirs, tempDir } from "../helpers/project.ts";

after(removeTempDirs);

const storeIn = (root: string): BodyStore => new ProjectCaches(root, "build").bodies;

test("bodies read back as written, in any script", async () => {
  const store = storeIn(await tempDir("bodies"));
  const bodies = ["<p>one</p>", "", "<p dir=\"rtl\">القوات الأمريكية</p>", "<p>🗞️</p>"];
  const refs = await store.append(bodies);
  assert.deepEqual(refs.map((r) => store.read(r)), bodies);
  assert.equal(new Set(refs.map((r) => r.segment)).size, 1, "one segment per append");
});

test("bodies spread over many segments are merged into one, and the old segments go once no live process claims them", async () => {
  const root = await tempDir("bodies");
  const dir = path.join(root, ".cache", "news-archive", "bodies");
  const store = storeIn(root);
  const refs = [];
  for (let i = 0; i < 40; i++) refs.push(...(await store.append([`<p>body ${i}</p>`])));
  assert.equal(store.wasteful(refs.slice(0, 32)), false);
  assert.equal(store.wasteful(refs), true);
  const merged = await store.compact(refs);
  assert.deepEqual(merged.map((r) => store.read(r)), refs.map((r) => store.read(r)));
  assert.equal(store.wasteful(merged), false);

  const kept = new Set(merged.map((r) => r.segment));
  // Another process (this test's parent, which runs) has a build under way: it claims every entry.
  const claims = path.join(root, ".cache", "news-archive", "claims");
  await mkdir(claims, { recursive: true });
  const other = path.join(claims, `${process.ppid}.json`);
  await writeFile(other, JSON.stringify({ building: true, uses: {} }));
  await store.tidy(kept);
  assert.equal((await readdir(dir)).length, 41, "a build under way elsewhere may be reading any segment");
  // Between its builds it claims what its last build used.
  await writeFile(other, JSON.stringify({ building: false, uses: { bodies: [refs[0]!.segment] } }));
  await store.tidy(kept);
  assert.deepEqual((await readdir(dir)).sort(), [refs[0]!.segment, ...kept].sort(), "a segment another live process uses stays");
  await rm(other);
  await store.tidy(kept);
  assert.deepEqual(await readdir(dir), [...kept]);
  // This build may still read the segments it deleted; they are closed when the next one starts.
  assert.equal(store.read(refs[0]!), "<p>body 0</p>");
  store.release();
  assert.equal(store.readable(refs[0]!), false);
});

test("bodies in use that fill less than half of their segments are copied out", async () => {
  const store = storeIn(await tempDir("bodies"));
  const refs = await store.append(Array.from({ length: 10 }, (_, i) => `<p>${"x".repeat(100_000)} ${i}</p>`));
  assert.equal(store.wasteful(refs.slice(0, 5)), false, "half in use");
  assert.equal(store.wasteful(refs.slice(0, 4)), true, "less than half in use");
});
