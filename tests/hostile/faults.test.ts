/**
 * Faults around a build, with the real CLI on generated archives (bench/generate.ts):
 *
 * - a build killed with SIGKILL at moments spread over its whole run leaves a complete site
 *   (the previous one, or the new one when the kill came after the swap), and the next build
 *   succeeds and is byte-identical to a clean build of the same articles in a fresh project
 *   (its search index included);
 * - an output folder that cannot be written gives one clear line, exit 1, the last site kept;
 * - a full disk (a tmpfs mounted small; this needs root, and the suite says so when it cannot)
 *   gives one line naming the full disk, exit 1, the last site kept and nothing left behind.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, readdir, readFile, rm, statfs, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { generateArchive } from "../../bench/generate.ts";
import { REPO, removeTempDirs, runBuild, type CliResult } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";
import { crashSigns, makeSandbox, type Sandbox } from "./sandbox.ts";

after(removeTempDirs);

const BIN = path.join(REPO, "bin", "news-archive.js");

/**
 * The project folder holds articles/, the render cache, the output and the list of published
 * addresses the build keeps: nothing else may remain (a half-written list, .tmp-<pid>, included).
 */
async function leftovers(project: string): Promise<string[]> {
  return (await readdir(project)).filter((n) => !["articles", ".cache", "_site", "published-urls.txt"].includes(n));
}

/** Edits an article and adds one, so the next build's output differs from the last; `n` makes each change new. */
async function changeArticles(project: string, n: number): Promise<void> {
  const articles = path.join(project, "articles");
  const first = path.join(articles, "article-000000.md");
  await writeFile(first, `${await readFile(first, "utf8")}\nParagraph ${n}, added after the first build.\n`);
  await writeFile(path.join(articles, `added-${n}.md`), `---\ntitle: "Added article ${n}"\ndate: "2024-0${1 + (n % 9)}-1${n % 10}"\ntags: [Added]\n---\n\nAdded after the first build.\n`);
}

function assertOneClearLine(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 1, `exit code\n${result.stderr}`);
  assert.deepEqual(crashSigns(result.stdout + result.stderr), [], "the output shows a crash");
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line, not:\n${result.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stdout, /Built/);
}

const NEW_SITE_URL = ["--site-url", "https://moved.example.org"];
const FULL_DISK = /^news-archive: cannot write .*: the disk is full\. The last good site in .* is as it was\.$/;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to 10 s for every process in group `pgid` to end, then kills the rest. True if any outlived the leader. */
async function waitForGroup(pgid: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const lingered = alive();
  for (let i = 0; i < 100 && alive(); i++) await sleep(100);
  if (alive()) process.kill(-pgid, "SIGKILL");
  return lingered;
}

const NO_TMPFS = "cannot mount a tmpfs here (not root): there is no full disk to fill without faking the file system calls";

async function usedBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return (s.blocks - s.bfree) * s.bsize;
}

function run(command: string[], args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(command[0]!, [...command.slice(1), ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") reject(error);
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

// The three groups run side by side; the tests inside each run in order (nested suites would
// otherwise inherit the concurrency and, say, build the killed project while it is being killed).
describe("faults", { concurrency: 2 }, () => {
  // Its tests run in order: each builds on the state the one before left.
  describe("a build killed with SIGKILL at a random moment", { concurrency: 1 }, () => {
    const ARTICLES = 300;
    const KILLS = 6;
    let box: Sandbox;
    let runMs: number;

    before(async () => {
      box = await makeSandbox("kill");
      await generateArchive(box.project, ARTICLES);
      const first = await runBuild(box.project, { out: box.out });
      assert.equal(first.code, 0, first.stderr);
      // How long a build after an edit takes (caches warm, as they are for the builds to be killed).
      await changeArticles(box.project, 0);
      const started = performance.now();
      const timed = await runBuild(box.project, { out: box.out });
      assert.equal(timed.code, 0, timed.stderr);
      runMs = performance.now() - started;
    });

    test(`${KILLS} kills spread over the run each leave a whole site: the previous one, or the new one once swapped in`, async (t) => {
      // One random moment in each of KILLS equal slices of the run: start-up, loading, rendering,
      // Eleventy, feeds, search index and swap all get their chance. A build that finishes before
      // its kill shortens the run the next slices are cut from. Each killed build has new articles
      // to build, as a real one would, so the previous site and the new one differ.
      const outcomes: string[] = [];
      let interrupted = 0;
      for (let i = 0; i < KILLS; i++) {
        await changeArticles(box.project, i + 1);
        const previous = await hashTree(box.out);

        const delay = Math.round(((i + Math.random()) * runMs) / KILLS);
        const started = performance.now();
        const child = spawn(process.execPath, [BIN, "build", "--root", box.project, "--out", box.out], { cwd: box.project, detached: true, stdio: "ignore" });
        const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? `exit ${code}`)));
        await sleep(delay);
        child.kill("SIGKILL");
        const how = await exited;
        if (how === "SIGKILL") interrupted += 1;
        else runMs = Math.min(runMs, performance.now() - started);
        // Pagefind's indexer runs as a child of the build and outlives it for a moment: wait for the
        // whole process group to end (then end what is left), so it cannot write while we look.
        const orphans = await waitForGroup(child.pid!);

        assert.ok(existsSync(box.out), `killed after ${delay} ms: the output folder is gone`);
        const after = await hashTree(box.out);
        let which = "the previous site, untouched";
        if (!isDeepEqual(after, previous)) {
          // Killed after the swap: then it must be the whole new site, as a build that is not killed makes it.
          const complete = await runBuild(box.project, { out: box.out });
          assert.equal(complete.code, 0, complete.stderr);
          assert.deepEqual(after, await hashTree(box.out), `killed after ${delay} ms: the output is neither the previous site nor the whole new one`);
          which = how === "SIGKILL" ? "the whole new site (killed after the swap)" : "the whole new site (it finished first)";
        }
        outcomes.push(`${delay} ms (${how}${orphans ? ", a child process outlived it" : ""}): ${which}`);
      }
      t.diagnostic(`killed after ${outcomes.join("; ")}`);
      assert.ok(interrupted >= KILLS / 2, `only ${interrupted} of ${KILLS} kills came while the build was running`);
    });

    let site: Record<string, string>;
    let clean: Record<string, string>;
    const part = (hashes: Record<string, string>, search: boolean) => Object.fromEntries(Object.entries(hashes).filter(([f]) => f.startsWith("pagefind/") === search));

    test("the next build succeeds and leaves nothing behind", async () => {
      const result = await runBuild(box.project, { out: box.out });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(await leftovers(box.project), [], "staging or old folders left beside the output");
      site = await hashTree(box.out);
      const cleanProject = path.join(box.dir, "clean-project");
      await cp(path.join(box.project, "articles"), path.join(cleanProject, "articles"), { recursive: true });
      const reference = await runBuild(cleanProject, { out: path.join(cleanProject, "_site") });
      assert.equal(reference.code, 0, reference.stderr);
      clean = await hashTree(path.join(cleanProject, "_site"));
    });

    test("its pages, feeds and sitemap match a clean build in a fresh project byte for byte", () => {
      assert.deepEqual(part(site, false), part(clean, false));
    });

    test("its search index matches the clean build's byte for byte", () => {
      assert.deepEqual(part(site, true), part(clean, true));
    });
  });

  describe("an output folder that cannot be written", { concurrency: 1 }, () => {
    let box: Sandbox;
    before(async () => {
      box = await makeSandbox("unwritable");
      await generateArchive(box.project, 20);
    });

    // Root writes through chmod 0555, so as root the build is run as the unprivileged user
    // "nobody" (uid 65534) with setpriv, which is how a CI runner or web host user meets this.
    const asRoot = process.getuid?.() === 0;
    const setpriv = spawnSync("setpriv", ["--version"]).status === 0;
    test("the output's parent folder is read-only (chmod 0555): one line, permission denied, the last site kept", { skip: asRoot && !setpriv ? "running as root without setpriv: chmod cannot stop root" : false }, async () => {
      const parent = path.join(box.project, "www");
      const out = path.join(parent, "_site");
      await mkdir(parent);
      const first = await runBuild(box.project, { out });
      assert.equal(first.code, 0, first.stderr);
      const before = await hashTree(out);
      for (const dir of [box.dir, box.project]) await chmod(dir, 0o755);
      await chmod(parent, 0o555);
      await changeArticles(box.project, 1);

      const command = asRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath] : [process.execPath];
      const result = await run(command, [BIN, "build", "--root", box.project, "--out", out], { HOME: box.dir });
      await chmod(parent, 0o755);

      assertOneClearLine(result, new RegExp(`^news-archive: cannot write ${escape(parent)}/ .*: permission denied\\. The last good site in ${escape(out)}/ is as it was\\.$`));
      assert.deepEqual(await hashTree(out), before);
      assert.deepEqual(await readdir(parent), ["_site"]);
    });

    test("the output path runs through a file: one line saying so, the file untouched", async () => {
      const file = path.join(box.project, "notes.txt");
      await writeFile(file, "not a folder\n");
      const result = await runBuild(box.project, { out: path.join(file, "_site") });
      assertOneClearLine(result, /^news-archive: cannot write .*notes\.txt\/ .*: a part of that path is a file, not a folder\./);
      assert.equal(await readFile(file, "utf8"), "not a folder\n");
    });

    test("--out names an existing file: refused, and the file is not replaced by the site", async () => {
      const file = path.join(box.project, "keep-me.txt");
      await writeFile(file, "precious\n");
      const result = await runBuild(box.project, { out: file });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /refusing to build into .*keep-me\.txt: it is a file/);
      assert.deepEqual(crashSigns(result.stderr), []);
      assert.equal(await readFile(file, "utf8"), "precious\n");
    });
  });

  describe("a full disk", { concurrency: 1 }, () => {
    let box: Sandbox;
    const mounts: string[] = [];

    /** A real, small file system at `dir`: a tmpfs, which only root (CAP_SYS_ADMIN) may mount. */
    async function tmpfs(dir: string): Promise<boolean> {
      await mkdir(dir, { recursive: true });
      const ok = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", dir]).status === 0;
      if (ok) mounts.push(dir);
      return ok;
    }

    /** Remounts `disk` so that only `free` bytes are left on it. */
    async function leaveFree(disk: string, free: number): Promise<void> {
      const size = Math.ceil(((await usedBytes(disk)) + free) / 4096) * 4;
      assert.equal(spawnSync("mount", ["-o", `remount,size=${size}k`, disk]).status, 0, "remount");
    }

    before(async () => {
      box = await makeSandbox("full-disk");
    });

    after(() => {
      for (const dir of mounts) spawnSync("umount", [dir]);
    });

    test("the disk holding the output fills while the pages are written: one line naming the full disk, the last site kept", async (t) => {
      const disk = path.join(box.dir, "output-disk");
      if (!(await tmpfs(disk))) return t.skip(NO_TMPFS);
      await generateArchive(box.project, 30);
      const out = path.join(disk, "_site");
      const first = await runBuild(box.project, { out });
      assert.equal(first.code, 0, first.stderr);
      const previous = await hashTree(out);

      // The new site is deployed at a new address, so no page of the last one can be reused
      // (hard-linked, taking no room): it needs room for all its pages, and gets a quarter of that.
      const used = await usedBytes(disk);
      const measuring = await runBuild(box.project, { out: path.join(disk, "measured"), args: NEW_SITE_URL });
      assert.equal(measuring.code, 0, measuring.stderr);
      const siteBytes = (await usedBytes(disk)) - used;
      await rm(path.join(disk, "measured"), { recursive: true });
      await changeArticles(box.project, 1);
      await leaveFree(disk, Math.floor(siteBytes / 4));

      const result = await runBuild(box.project, { out, args: NEW_SITE_URL });
      assertOneClearLine(result, FULL_DISK);
      assert.deepEqual(await hashTree(out), previous);
      assert.deepEqual(await readdir(disk), ["_site"], "the half-written site was not cleaned up");
    });

    test(
      "the disk holding the project fills while the search index is written: one line naming the full disk, the last site kept",
      async (t) => {
        const disk = path.join(box.dir, "project-disk");
        if (!(await tmpfs(disk))) return t.skip(NO_TMPFS);
        // The project, with its cache (where Pagefind writes the index before it is copied into the
        // site), is on the small disk; the output is not, so the pages always fit.
        const project = path.join(disk, "project");
        await generateArchive(project, 30);
        const out = path.join(box.dir, "site-of-project-on-disk");
        const first = await runBuild(project, { out });
        assert.equal(first.code, 0, first.stderr);
        const previous = await hashTree(out);
        const indexBytes = await usedBytes(disk);

        await changeArticles(project, 1);
        await leaveFree(disk, Math.floor(indexBytes / 4));
        const result = await runBuild(project, { out });
        assert.deepEqual(await hashTree(out), previous);
        assertOneClearLine(result, FULL_DISK);
        assert.deepEqual(await leftovers(project), []);
        assert.deepEqual((await readdir(box.dir)).filter((n) => n.startsWith("site-of-project-on-disk.")), [], "staging folder left behind");
      },
    );
  });
});
