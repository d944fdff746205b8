/**
 * The render cache (.cache/news-archive/render.v8 in the project, bodies in bodies/ beside it): a
 * build with it warm must write exactly the bytes a build without it writes, must really take
 * bodies from it, must never serve a body for text that changed, and must shrug off a damaged or
 * deleted cache.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { buildOk, removeTempDirs, REPO, tempDir } from "../helpers/project.ts";
import { hashTree, readPage } from "../helpers/site.ts";

const CACHE = path.join(".cache", "news-archive", "render.v8");
const BODIES = path.join(".cache", "news-archive", "bodies");

type Entry = { body: { segment: string; offset: number; length: number } };
const ARTICLE = "us-troops-leaving-syria-cannot-stay-in-iraq";

after(removeTempDirs);

async function pack(root: string): Promise<Map<string, Entry>> {
  return deserialize(await readFile(path.join(root, CACHE))) as Map<string, Entry>;
}

async function bodyOf(root: string, { body }: Entry): Promise<string> {
  const segment = await readFile(path.join(root, BODIES, body.segment));
  return segment.subarray(body.offset, body.offset + body.length).toString("utf8");
}

async function entries(root: string): Promise<string[]> {
  return [...(await pack(root)).keys()].sort();
}

describe("render cache", () => {
  let root: string;
  let cold: Record<string, string>;

  before(async () => {
    root = await tempDir("render-cache");
    await cp(path.join(REPO, "articles"), path.join(root, "articles"), { recursive: true });
    const { out } = await buildOk(root, { out: path.join(root, "cold") });
    cold = await hashTree(out);
  });

  test("a cold build fills the cache with one entry per article", async () => {
    assert.equal((await entries(root)).length, 5);
  });

  test("a warm build writes byte-identical output", async () => {
    const { out } = await buildOk(root, { out: path.join(root, "warm") });
    assert.deepEqual(await hashTree(out), cold);
  });

  test("a warm build takes the bodies from the cache, not from the renderer", async () => {
    const entries = await pack(root);
    let marked = 0;
    for (const entry of entries.values()) {
      const html = await bodyOf(root, entry);
      if (!html.includes("Pentagon comments on withdrawal")) continue;
      // A segment of its own for the marked body, named as the cache names them.
      const bytes = Buffer.from(html.replace("Pentagon comments on withdrawal", "FROM THE CACHE"));
      await writeFile(path.join(root, BODIES, "marked-00000000"), bytes);
      entry.body = { segment: "marked-00000000", offset: 0, length: bytes.length };
      marked++;
    }
    await writeFile(path.join(root, CACHE), serialize(entries));
    assert.equal(marked, 1);
    const { out } = await buildOk(root, { out: path.join(root, "marked") });
    assert.match(await readPage(out, `/articles/${ARTICLE}/`), /FROM THE CACHE/);
  });

  test("a damaged cache is rendered again, and the output is the cold build's", async () => {
    await writeFile(path.join(root, CACHE), "{ not a cache");
    const { out } = await buildOk(root, { out: path.join(root, "damaged") });
    assert.deepEqual(await hashTree(out), cold);
  });

  test("an edited article is rendered afresh, and its old entry is removed", async () => {
    const file = path.join(root, "articles", `${ARTICLE}.md`);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("Beginning of the American withdrawal", "Start of the American withdrawal"));
    const before = await entries(root);
    const { out } = await buildOk(root, { out: path.join(root, "edited") });
    const page = await readPage(out, `/articles/${ARTICLE}/`);
    assert.match(page, /<h2 id="start-of-the-american-withdrawal">Start of the American withdrawal<\/h2>/);
    assert.ok(!page.includes("Beginning of the American withdrawal"));
    const after = await entries(root);
    assert.equal(after.length, 5, "one entry per article, none left over");
    assert.equal(after.filter((n) => !before.includes(n)).length, 1, "exactly one new entry");
    await writeFile(file, text);
  });

  test("an entry of another shape is rendered again", async () => {
    const entries = await pack(root);
    for (const [key, entry] of entries) entries.set(key, { ...entry, body: 42 } as unknown as Entry);
    await writeFile(path.join(root, CACHE), serialize(entries));
    const { out } = await buildOk(root, { out: path.join(root, "reshaped") });
    assert.deepEqual(await hashTree(out), cold);
  });

  test("a body whose segment is gone, or cut short, is rendered again, and the output is the cold build's", async () => {
    const segments = await readdir(path.join(root, BODIES));
    assert.ok(segments.length > 0);
    const [first, ...rest] = segments;
    await truncate(path.join(root, BODIES, first!), 10);
    for (const name of rest) await rm(path.join(root, BODIES, name));
    const { out } = await buildOk(root, { out: path.join(root, "bodiless") });
    assert.deepEqual(await hashTree(out), cold);
    for (const entry of (await pack(root)).values()) assert.match(await bodyOf(root, entry), /<p>/);
  });

  test("a segment name that is a path is not followed", async () => {
    const entries = await pack(root);
    for (const entry of entries.values()) entry.body.segment = "../render.v8";
    await writeFile(path.join(root, CACHE), serialize(entries));
    const { out } = await buildOk(root, { out: path.join(root, "traversal") });
    assert.deepEqual(await hashTree(out), cold);
  });

  test("deleting the cache folder is safe: the next build is a cold build with the same output", async () => {
    await rm(path.join(root, ".cache"), { recursive: true });
    const { out } = await buildOk(root, { out: path.join(root, "recold") });
    assert.deepEqual(await hashTree(out), cold);
    assert.equal((await entries(root)).length, 5);
  });
});
