/**
 * `news-archive serve`, run as a child process on a free port in a temporary project, used over
 * HTTP the way a browser uses it: pages appear, change and disappear within seconds of a file being
 * added, edited, renamed or deleted; a broken article leaves the last good site up with the problem
 * shown over it, until a fix; template and style changes are picked up; a real Chromium page reloads
 * by itself; and the server stops cleanly on SIGINT and SIGTERM.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { get as httpGet } from "node:http";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { freePort } from "../helpers/free-port.ts";
import { buildOk, FIXTURES, REPO, removeTempDirs, tempDir } from "../helpers/project.ts";

const BIN = path.join(REPO, "bin", "news-archive.js");
/** How long a change may take to show: the debounce plus one warm build, with room for a busy machine. */
const SOON = 15_000;

after(removeTempDirs);

class Serve {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly root: string,
    readonly port: number,
  ) {
    const env = { ...process.env };
    delete env.NEWS_ARCHIVE_PATH_PREFIX;
    delete env.NEWS_ARCHIVE_SITE_URL;
    this.child = spawn(process.execPath, [BIN, "serve", "--port", String(port)], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async ready(): Promise<void> {
    await eventually(() => {
      if (this.child.exitCode !== null) throw new Error(`serve exited with ${this.child.exitCode}:\n${this.stderr}`);
      assert.match(this.stdout, /^Serving http:\/\/localhost:\d+\//m);
    }, 60_000);
  }

  /** A plain GET, as a browser navigating (fetch() would say sec-fetch-mode: cors, and get no reload client). */
  get(sitePath: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = httpGet(this.url + sitePath, { headers: { accept: "text/html" } }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on("error", reject);
    });
  }

  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }
}

/** Retries `check` until it passes or `ms` runs out; the last failure is the test's failure. */
async function eventually(check: () => void | Promise<void>, ms = SOON, everyMs = 100): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

const article = (title: string, date: string, extra = "") => `---\ntitle: "${title}"\ndate: "${date}"\ntags: [Syria]\n${extra}---\n\nThe body of ${title}.\n`;

/** A project holding the five real articles and a copy of the package's templates, wired to its code. */
async function project(label: string): Promise<string> {
  const root = await tempDir(label);
  await cp(path.join(REPO, "articles"), path.join(root, "articles"), { recursive: true });
  await cp(path.join(REPO, "templates"), path.join(root, "templates"), { recursive: true });
  await cp(path.join(REPO, "public"), path.join(root, "public"), { recursive: true });
  // The templates import ../src/…; the project's src is the package's own, as in a checkout.
  await symlink(path.join(REPO, "src"), path.join(root, "src"));
  await writeFile(path.join(root, "package.json"), '{ "type": "module" }\n');
  return root;
}

describe("serve", () => {
  let root: string;
  let serve: Serve;

  before(async () => {
    root = await project("serve");
    await writeFile(path.join(root, "articles", "2024-03-01-a-draft.md"), article("A draft in progress", "2024-03-01", "draft: true\n"));
    serve = new Serve(root, await freePort());
    await serve.ready();
  });

  after(async () => {
    if (serve.child.exitCode === null) await serve.stop("SIGKILL");
  });

  test("serves the built site, drafts included and marked, from outside _site/", async () => {
    const home = await serve.get("/");
    assert.equal(home.status, 200);
    assert.ok(home.text.includes("Iraq&#39;s Hadi Al-Amiri: US Troops Need to Leave Iraq"), "an article on the home page");
    assert.match(home.text, /A draft in progress[\s\S]{0,600}class="draft">Draft</);
    const draft = await serve.get("/articles/a-draft/");
    assert.equal(draft.status, 200);
    assert.match(draft.text, /class="draft">Draft</);
    assert.match(home.text, /<script type="module"[^>]*src="\/\.11ty\/reload-client\.js"/, "the live-reload client is injected");
    assert.ok(!existsSync(path.join(root, "_site")), "serve never writes the deployable _site/");
    assert.ok(existsSync(path.join(root, ".cache", "news-archive", "site", "index.html")));
  });

  test("a new article appears on its page and on the home page", async () => {
    await writeFile(path.join(root, "articles", "2024-02-01-envoy-says-talks-will-start.md"), article("Envoy says talks will start", "2024-02-01"));
    await eventually(async () => {
      const page = await serve.get("/articles/envoy-says-talks-will-start/");
      assert.equal(page.status, 200);
      assert.match(page.text, /The body of Envoy says talks will start\./);
      assert.match((await serve.get("/")).text, /Envoy says talks will start/);
    });
  });

  test("an edited article changes everywhere it is shown", async () => {
    const file = path.join(root, "articles", "2024-02-01-envoy-says-talks-will-start.md");
    await writeFile(file, article("Envoy says talks are delayed", "2024-02-01"));
    await eventually(async () => {
      assert.match((await serve.get("/articles/envoy-says-talks-will-start/")).text, /<h1[^>]*>Envoy says talks are delayed<\/h1>/);
      const home = (await serve.get("/")).text;
      assert.match(home, /Envoy says talks are delayed/);
      assert.ok(!home.includes("Envoy says talks will start"));
    });
  });

  test("an edit is served before its search shard is indexed again; then the index follows", async () => {
    const file = path.join(root, "articles", "2024-02-01-envoy-says-talks-will-start.md");
    const pagefind = path.join(root, ".cache", "news-archive", "site", "pagefind");
    const body = "The body of Envoy says talks are delayed in Quuxtown.";
    const from = serve.stdout.length;
    await writeFile(file, article("Envoy says talks are delayed in Quuxtown", "2024-02-01"));
    const built = /^Built .* after articles\/2024-02-01-envoy-says-talks-will-start\.md; updating the search index$/m;
    // Looked at as soon as the line is printed: the indexer has yet to start (a process start, 0.3 s or more).
    await eventually(() => assert.match(serve.stdout.slice(from), built), SOON, 10);
    assert.match((await serve.get("/articles/envoy-says-talks-will-start/")).text, /<h1[^>]*>Envoy says talks are delayed in Quuxtown<\/h1>/);
    assert.ok(!(await searchTexts(pagefind)).some((t) => t.includes(body)), "the page is served before its search shard is indexed");

    const builtAt = from + built.exec(serve.stdout.slice(from))!.index;
    await eventually(() => assert.match(serve.stdout.slice(builtAt), /^Updated the search index \(1 shard\) in \d+ ms$/m));
    const shards = await readdir(pagefind);
    const listed = [...(await serve.get("/search/")).text.matchAll(/\/pagefind\/([^/ "]+)\//g)].map((m) => m[1]!);
    assert.deepEqual([...new Set(listed)].sort(), shards.sort(), "every shard the search page loads is in the site, and nothing half-placed");
    assert.ok((await searchTexts(pagefind)).some((t) => t.includes(body)), "the re-indexed shard holds the edited text");
  });

  test("a build that fails while the search index is being updated leaves it to be finished, not lost", async () => {
    const file = path.join(root, "articles", "2024-02-01-envoy-says-talks-will-start.md");
    const pagefind = path.join(root, ".cache", "news-archive", "site", "pagefind");
    const from = serve.stdout.length;
    const errorsFrom = serve.stderr.length;
    await writeFile(file, article("Envoy says talks moved to Zorbaland", "2024-02-01"));
    await eventually(() => assert.match(serve.stdout.slice(from), /^Built .*; updating the search index$/m), SOON, 10);
    // A broken save right after: its build stops the indexing under way, and fails.
    await writeFile(file, article("Envoy says talks moved to Zorbaland", "2024-02-30"));
    await eventually(() => assert.match(serve.stderr.slice(errorsFrom), /Still serving the last good site/));
    await eventually(() => assert.match(serve.stdout.slice(from), /^Updated the search index \(1 shard\)/m));
    assert.ok((await searchTexts(pagefind)).some((t) => t.includes("The body of Envoy says talks moved to Zorbaland.")), "the last good edit is in the search index");
    await writeFile(file, article("Envoy says talks are delayed", "2024-02-01"));
    await eventually(() => assert.match(serve.stdout.slice(from), /^Fixed: rebuilt/m));
  });

  test("an edit of the same length with the old modification time is still seen", async () => {
    // serve skips reading files whose inode, size and change time are unchanged (src/content/load.ts);
    // a tool that restores the modification time cannot restore the change time. cp -p writes the
    // edit and restores the time to the nanosecond at once, and the article was read since it was
    // written (its access time is past it).
    const file = path.join(root, "articles", "2024-02-01-envoy-says-talks-will-start.md");
    const edit = path.join(root, "edited-article");
    const text = await readFile(file, "utf8");
    const edited = text.replace("The body of", "One body of");
    assert.equal(edited.length, text.length);
    await writeFile(edit, edited);
    execFileSync("touch", ["-r", file, edit]);
    const before = await stat(file);
    execFileSync("cp", ["-p", edit, file]);
    assert.equal((await stat(file)).mtimeMs, before.mtimeMs);
    assert.equal((await stat(file)).ino, before.ino);
    await eventually(async () => assert.match((await serve.get("/articles/envoy-says-talks-will-start/")).text, /One body of Envoy/));
    await writeFile(file, text);
    await eventually(async () => assert.match((await serve.get("/articles/envoy-says-talks-will-start/")).text, /The body of Envoy/));
  });

  test("a renamed article moves: the old URL is gone, the new one is there", async () => {
    await rename(
      path.join(root, "articles", "2024-02-01-envoy-says-talks-will-start.md"),
      path.join(root, "articles", "2024-02-01-envoy-talks-delayed.md"),
    );
    await eventually(async () => {
      assert.equal((await serve.get("/articles/envoy-talks-delayed/")).status, 200);
      assert.equal((await serve.get("/articles/envoy-says-talks-will-start/")).status, 404);
    });
  });

  test("a deleted article disappears from its page, the home page, its tag and its month", async () => {
    await rm(path.join(root, "articles", "2024-02-01-envoy-talks-delayed.md"));
    await eventually(async () => {
      assert.equal((await serve.get("/articles/envoy-talks-delayed/")).status, 404);
      for (const list of ["/", "/tags/syria/", "/archive/2024/02/", "/archive/2024/"]) {
        const page = await serve.get(list);
        assert.ok(!page.text.includes("Envoy says talks are delayed"), `still listed on ${list}`);
      }
    });
  });

  test("an invalid article: the error is printed and shown over the last good site, which stays up", async () => {
    const file = path.join(root, "articles", "hadi-al-amiri-us-troops-need-to-leave-iraq.md");
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace('date: "2023-10-30T20:08"', 'date: "2023-02-30"'));
    await eventually(async () => {
      assert.match(serve.stderr, /error: articles\/hadi-al-amiri-us-troops-need-to-leave-iraq\.md:3: date: "2023-02-30" is not a real date/);
      assert.match(serve.stderr, /Still serving the last good site/);
      const home = await serve.get("/");
      assert.equal(home.status, 200);
      assert.match(home.text, /id="news-archive-build-problems" role="alert"/);
      assert.match(home.text, /<code>articles\/hadi-al-amiri-us-troops-need-to-leave-iraq\.md:3<\/code> <strong>date<\/strong>: &quot;2023-02-30&quot; is not a real date/);
    });
    const page = await serve.get("/articles/hadi-al-amiri-us-troops-need-to-leave-iraq/");
    assert.equal(page.status, 200, "the last good page of the broken article is still served");
    assert.match(page.text, /30 October 2023/);
    assert.match(page.text, /news-archive-build-problems/);
    assert.equal((await serve.get("/style.css")).status, 200, "non-HTML files are served untouched");

    await writeFile(file, good);
    await eventually(async () => {
      assert.match(serve.stdout, /^Fixed: rebuilt/m);
      const home = await serve.get("/");
      assert.ok(!home.text.includes("news-archive-build-problems"), "the panel is gone once the file is fixed");
    });
  });

  test("twelve saves, each rebuilt in the same build thread, leave no listener behind", async () => {
    // Node warns once more than ten listeners wait on one event: a listener added per rebuild does that at the eleventh save.
    const file = path.join(root, "articles", "2024-03-01-a-draft.md");
    for (let save = 1; save <= 12; save++) {
      const from = serve.stdout.length;
      await writeFile(file, article(`A draft in progress, save ${save}`, "2024-03-01", "draft: true\n"));
      await eventually(() => assert.match(serve.stdout.slice(from), /^Built .* after articles\/2024-03-01-a-draft\.md/m));
    }
    assert.match((await serve.get("/articles/a-draft/")).text, /A draft in progress, save 12/);
    assert.doesNotMatch(serve.stderr, /MaxListenersExceededWarning/);
  });

  test("a template change is picked up (a fresh build thread loads the new code)", async () => {
    const layout = path.join(root, "templates", "_lib", "layout.ts");
    const original = await readFile(layout, "utf8");
    assert.ok(original.includes('<a class="skip-link"'));
    await writeFile(layout, original.replace('<a class="skip-link"', '<p id="template-marker">changed</p>\n<a class="skip-link"'));
    await eventually(async () => {
      assert.match((await serve.get("/tags/")).text, /id="template-marker"/);
    }, 60_000);
    await writeFile(layout, original);
    await eventually(async () => {
      assert.ok(!(await serve.get("/tags/")).text.includes("template-marker"));
    }, 60_000);
  });

  test("public/ files and site.json changes are picked up", async () => {
    await writeFile(path.join(root, "public", "extra.css"), "body { --marker: 1; }\n");
    const siteFile = path.join(root, "templates", "_data", "site.json");
    const site = JSON.parse(await readFile(siteFile, "utf8")) as Record<string, unknown>;
    await writeFile(siteFile, JSON.stringify({ ...site, title: "Renamed Archive" }, null, 2));
    await eventually(async () => {
      assert.match((await serve.get("/extra.css")).text, /--marker: 1/);
      assert.match((await serve.get("/")).text, /<title>Renamed Archive<\/title>/);
    });
  });

  test("a folder of articles can be added and removed", async () => {
    await mkdir(path.join(root, "articles", "2025"));
    await writeFile(path.join(root, "articles", "2025", "in-a-folder.md"), article("In a folder", "2025-01-02"));
    await eventually(async () => assert.equal((await serve.get("/articles/in-a-folder/")).status, 200));
    await rm(path.join(root, "articles", "2025"), { recursive: true });
    await eventually(async () => assert.equal((await serve.get("/articles/in-a-folder/")).status, 404));
  });

  test("SIGTERM stops it cleanly: exit 0, port free, no process left behind", async () => {
    // Builds run in a thread; the only child may be the TypeScript compiler's (esbuild's) service.
    const children = await childProcesses(serve.child.pid!);
    const { code, signal } = await serve.stop("SIGTERM");
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, serve.stderr);
    assert.match(serve.stdout, /Stopped by SIGTERM/);
    for (const pid of [serve.child.pid!, ...children]) {
      await eventually(() => assert.throws(() => process.kill(pid, 0), /ESRCH/, `process ${pid} is still running`), 5_000);
    }
    const again = createServer();
    await new Promise<void>((resolve, reject) => again.once("error", reject).listen({ port: serve.port }, () => resolve()));
    await new Promise((r) => again.close(r));
  });
});

/** The text of every article in a Pagefind index: each fragment is gzipped "pagefind_dcd" and a JSON record. */
async function searchTexts(pagefind: string): Promise<string[]> {
  const texts: string[] = [];
  for (const shard of await readdir(pagefind)) {
    for (const name of await readdir(path.join(pagefind, shard, "fragment"))) {
      const data = gunzipSync(await readFile(path.join(pagefind, shard, "fragment", name))).toString("utf8");
      texts.push((JSON.parse(data.slice("pagefind_dcd".length)) as { content: string }).content);
    }
  }
  return texts;
}

/** Processes whose parent is `pid` (Linux /proc). */
async function childProcesses(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === pid) found.push(Number(name));
  }
  return found;
}

describe("serve: starting and stopping", () => {
  test("a port in use is a clear message and exit 1", async () => {
    const root = await tempDir("serve-port");
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen({ port }, () => resolve()));
    try {
      const serve = new Serve(root, port);
      const { code } = await serve.exited;
      assert.equal(code, 1);
      assert.match(serve.stderr, new RegExp(`^news-archive serve: port ${port} is already in use .*--port ${port + 1}$`, "m"));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  test("starting with a broken article shows an error page until it is fixed; SIGINT exits 0", async () => {
    const root = await tempDir("serve-broken");
    await mkdir(path.join(root, "articles"));
    const file = path.join(root, "articles", "broken.md");
    await writeFile(file, "---\ntitle: [unclosed\n---\n\nBody.\n");
    const serve = new Serve(root, await freePort());
    try {
      await serve.ready();
      const page = await serve.get("/");
      assert.equal(page.status, 500);
      assert.match(page.text, /The site did not rebuild/);
      assert.match(page.text, /<code>articles\/broken\.md:\d+<\/code> <strong>front-matter<\/strong>: is not valid YAML/);
      await writeFile(file, article("Now fine", "2020-01-08"));
      await eventually(async () => {
        const home = await serve.get("/");
        assert.equal(home.status, 200);
        assert.match(home.text, /Now fine/);
      });
    } finally {
      const { code, signal } = await serve.stop("SIGINT");
      assert.deepEqual({ code, signal }, { code: 0, signal: null }, serve.stderr);
    }
  });
});

describe("serve: live reload in a real browser", { skip: !existsSync("/usr/bin/chromium") && "no /usr/bin/chromium" }, () => {
  test("the open page reloads itself on a change, shows a breakage, and recovers", async () => {
    const { chromium } = await import("playwright-core");
    const root = await tempDir("serve-browser");
    await cp(path.join(REPO, "articles"), path.join(root, "articles"), { recursive: true });
    const serve = new Serve(root, await freePort());
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      await serve.ready();
      const page = await browser.newPage();
      await page.goto(`${serve.url}/articles/us-troops-leaving-syria-cannot-stay-in-iraq/`);
      const file = path.join(root, "articles", "us-troops-leaving-syria-cannot-stay-in-iraq.md");
      const good = await readFile(file, "utf8");
      // Let the reload client connect before the first change.
      await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("reload-client")));
      await new Promise((r) => setTimeout(r, 500));

      await writeFile(file, good.replace("Pentagon comments on withdrawal from Syria", "Pentagon comments, edited live"));
      await page.waitForSelector("h2:text('Pentagon comments, edited live')", { timeout: SOON });

      await writeFile(file, good.replace('date: "2019-10"', 'date: "2019-13"'));
      await page.waitForSelector("#news-archive-build-problems", { timeout: SOON });
      assert.match(await page.textContent("#news-archive-build-problems") ?? "", /"2019-13" has no month 13/);
      assert.equal(await page.textContent("h1"), "Exfiltrated from Syria, US soldiers will not be able to stay in Iraq either");

      await writeFile(file, good);
      await page.waitForSelector("#news-archive-build-problems", { state: "detached", timeout: SOON });
      await page.waitForSelector("h2:text('Pentagon comments on withdrawal from Syria')", { timeout: SOON });
    } finally {
      await browser.close();
      const { code } = await serve.stop("SIGINT");
      assert.equal(code, 0, serve.stderr);
    }
  });
});

describe("serve beside build: the caches' one rule (src/cache/store.ts)", () => {
  test("a build keeps the picture a running serve uses; the first build after serve stops deletes it", async () => {
    const root = await tempDir("serve-beside-build");
    await cp(path.join(FIXTURES, "caches", "serve-beside-build", "articles"), path.join(root, "articles"), { recursive: true });
    const images = path.join(root, ".cache", "news-archive", "images");
    const entries = async () => (await readdir(images)).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
    const encodedAt = async (names: string[]) => Promise.all(names.map(async (n) => (await stat(path.join(images, n, "picture.json"))).mtimeMs));
    const serve = new Serve(root, await freePort());
    try {
      await serve.ready();
      const served = await entries();
      assert.equal(served.length, 2, "serve builds the draft too: two pictures");
      const before = await encodedAt(served);

      // build leaves the draft out, so it does not use the draft's picture.
      await buildOk(root);
      assert.deepEqual(await entries(), served, "the build deleted a picture the running serve uses");

      // serve's next build takes the draft's picture from the cache, and serves it.
      const file = path.join(root, "articles", "2024-03-01-a-draft.md");
      await writeFile(file, `${await readFile(file, "utf8")}\nA line added while serve runs.\n`);
      let src = "";
      await eventually(async () => {
        const page = await serve.get("/articles/a-draft/");
        assert.match(page.text, /A line added while serve runs/);
        src = /<img[^>]*\ssrc="(\/img\/[^"]+)"/.exec(page.text)?.[1] ?? "";
        assert.notEqual(src, "", "the draft shows its picture");
      });
      assert.equal((await serve.get(src)).status, 200);
      assert.deepEqual(await encodedAt(served), before, "a picture was encoded again");
    } finally {
      const { code } = await serve.stop("SIGINT");
      assert.equal(code, 0, serve.stderr);
    }

    await buildOk(root);
    assert.equal((await entries()).length, 1, "the draft's picture, used by no live process, is still cached");
    const claims = await readdir(path.join(root, ".cache", "news-archive", "claims")).catch(() => []);
    assert.deepEqual(claims, [], "a claim outlived its process or its build");
  });
});
