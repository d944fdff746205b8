// `serve`: build with drafts, serve on localhost with live reload, rebuild on every change.
//
// Builds run in a worker thread that lives across rebuilds, so an article edit costs one warm
// build (its render cache and Eleventy's modules stay loaded). A change to template code replaces
// the worker: Node keeps an imported module for the life of a thread, so only a fresh thread sees
// the new template. A failed build leaves the last good site in place (buildSite's atomic swap);
// the browser shows the problems over it until a later build succeeds.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { watch, type FSWatcher } from "chokidar";
import { ARTICLE_EXTENSION } from "../content/article-files.ts";
import { BuildThread, type BuildOutcome } from "../build/thread.ts";
import { html } from "../util/html.ts";
import { formatProblem, plural, type Problem } from "../content/problems.ts";
import { formatReport } from "./report.ts";
import { SERVE_DIR } from "../project.ts";
import { Indexer, refreshSearchIndex } from "../search/search-index.ts";
import type { IndexJob } from "../search/index-jobs.ts";

/** Folders of the project that make the site; a change anywhere in them rebuilds. */
const WATCHED = ["articles", "templates", "public"];
/** Editors write a burst of events per save; one build per burst. */
const DEBOUNCE_MS = 60;

export interface ServeOptions {
  root: string;
  port: number;
}

/** The part of @11ty/eleventy-dev-server's API used here (it ships no types, and is CommonJS). */
interface DevServer {
  serve(port: number): void;
  ready(): Promise<void>;
  getServerUrl(host: string): string;
  reload(event: { files: string[] }): void;
  reloadFiles(files: string[]): void;
  close(): Promise<void>;
}
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
interface DevServerModule {
  getServer(name: string, dir: string, options: Record<string, unknown> & { middleware: Middleware[] }): DevServer;
}

type Outcome =
  | { ok: true; articles: number; pages: number; warnings: Problem[]; searchLater: IndexJob[] }
  | { ok: false; problems: Problem[]; warnings: Problem[]; message: string };

export async function serve(options: ServeOptions): Promise<number> {
  const root = path.resolve(options.root);
  const out = path.join(root, SERVE_DIR);
  const portError = await portProblem(options.port);
  if (portError !== null) {
    console.error(`news-archive serve: ${portError}`);
    return 1;
  }

  let failure: (Outcome & { ok: false }) | null = null;
  const devServer = createRequire(import.meta.url)("@11ty/eleventy-dev-server") as DevServerModule;
  const server = devServer.getServer("news-archive", out, {
    port: options.port,
    portReassignmentRetryCount: 0,
    domDiff: false,
    messageOnStart: () => false,
    logger: { info: () => undefined, log: () => undefined, error: (m: string) => console.error(`serve: ${m}`) },
    middleware: [showProblems(() => failure, out)],
  });
  server.serve(options.port);
  await server.ready();
  const url = server.getServerUrl("localhost");

  const builder = new BuildThread();
  const search = new LaterSearch(out, () => server.reload({ files: [] }));
  let printed = new Set<string>();
  const build = async (changed: string[]): Promise<void> => {
    // A newer build supersedes the search shards the last one left: it leaves them again, with the new text.
    const unfinished = await search.stop();
    const started = performance.now();
    const outcome = toOutcome(await builder.build({ root, out, includeDrafts: true, purpose: "serve", searchLater: true, site: { pathPrefix: "/", url } }));
    const ms = Math.round(performance.now() - started);
    // Each save reports only the warnings it brought, grouped as build groups them: an archive
    // brought from another tool can carry hundreds, and they were all shown at the first build.
    const keyed = outcome.warnings.map((w) => ({ w, key: formatProblem(w, "warning") }));
    const fresh = keyed.filter(({ key }) => !printed.has(key)).map(({ w }) => w);
    for (const line of formatReport([], fresh, { verbose: false })) console.error(line);
    printed = new Set(keyed.map(({ key }) => key));
    // Editors save through temporary files; name only what is (or was) part of the site.
    const named = changed.filter((f) => ARTICLE_EXTENSION.test(f) || existsSync(path.join(root, f)));
    const what = named.length === 0 ? "" : ` after ${named.length === 1 ? named[0] : plural(named.length, "change")}`;
    if (outcome.ok) {
      const recovered = failure !== null;
      failure = null;
      const later = outcome.searchLater.length > 0 ? "; updating the search index" : "";
      console.log(`${recovered ? "Fixed: rebuilt" : "Built"} ${plural(outcome.articles, "article")} (drafts included) into ${outcome.pages} pages in ${ms} ms${what}${later}`);
    } else {
      failure = outcome;
      for (const p of outcome.problems) console.error(formatProblem(p, "error"));
      console.error(`${outcome.message}${what}. Still serving the last good site; it rebuilds when you save a fix.`);
    }
    const css = changed.filter((f) => f.startsWith("public/") && f.endsWith(".css"));
    if (outcome.ok && css.length > 0 && css.length === changed.length) server.reloadFiles(css.map((f) => path.join(out, f.slice("public/".length))));
    else server.reload({ files: [] });
    search.start(outcome.ok ? outcome.searchLater : unfinished);
  };

  const queue = new RebuildQueue(build, (file) => {
    if (isTemplateCode(file)) builder.restart();
  });
  // Watching starts beside the first build: chokidar looks at every file of the project once
  // before it is ready, and a change saved meanwhile is built after the first build.
  const watcher = watchProject(root, (file) => queue.add(file));
  await Promise.all([queue.first(), new Promise<void>((resolve) => watcher.once("ready", () => resolve()))]);
  console.log(`Serving ${url} — built into ${path.relative(process.cwd(), out) || "."}/, drafts marked. Press Ctrl-C to stop.`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  console.log(`\n${signal === "SIGINT" ? "Stopping" : "Stopped by SIGTERM"}: closing the server.`);
  await watcher.close();
  await search.close();
  await queue.close();
  await builder.close();
  await server.close();
  return 0;
}

function toOutcome(built: BuildOutcome): Outcome {
  if (built.ok) {
    const { articles, pages, warnings, searchLater } = built.result;
    return { ok: true, articles, pages, warnings, searchLater };
  }
  const { failure } = built;
  return failure.kind === "problems"
    ? { ok: false, problems: failure.problems, warnings: failure.warnings, message: failure.summary }
    : { ok: false, problems: [], warnings: [], message: `the build failed: ${failure.message}` };
}

/** The template's own code (not its data): only a fresh worker thread sees a change to it. */
function isTemplateCode(file: string): boolean {
  return file.startsWith("templates/") && !file.startsWith("templates/_data/") && /\.(c|m)?[jt]s$/.test(file);
}

/** Why the port cannot be used, checked before anything starts so the message is plain. */
function portProblem(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        resolve(`port ${port} is already in use (is another serve running?). Stop that program, or choose another port: news-archive serve --port ${port + 1}`);
      } else if (error.code === "EACCES") {
        resolve(`not allowed to listen on port ${port}. Choose a port above 1023: news-archive serve --port 8080`);
      } else {
        resolve(`cannot listen on port ${port}: ${error.message}`);
      }
    });
    probe.listen({ port }, () => probe.close(() => resolve(null)));
  });
}

/**
 * Indexes the search shards a build left for after its swap, then reloads the browser (a search
 * page holding the old index would ask for files the new one no longer has). A newer build stops
 * it first; if that build fails, the site is still the one these shards belong to, and they are
 * indexed again.
 */
class LaterSearch {
  #current: { jobs: IndexJob[]; indexer: Indexer; stopped: boolean; updated: boolean; done: Promise<void> } | null = null;
  #closed = false;

  constructor(
    private readonly site: string,
    private readonly refreshed: () => void,
  ) {}

  start(jobs: IndexJob[]): void {
    if (jobs.length === 0 || this.#closed) return;
    const started = performance.now();
    const current = { jobs, indexer: new Indexer(), stopped: false, updated: false, done: Promise.resolve() };
    current.done = refreshSearchIndex(this.site, jobs, current.indexer).then(
      () => {
        current.updated = true;
        console.log(`Updated the search index (${plural(jobs.length, "shard")}) in ${Math.round(performance.now() - started)} ms`);
        this.refreshed();
      },
      (error: unknown) => {
        if (current.stopped || this.#closed) return;
        console.error(`serve: the search index was not updated: ${(error as Error).message}. Search finds the changed articles' previous text until the next build.`);
      },
    );
    this.#current = current;
  }

  /** Stops the refresh under way; returns its shards unless it had updated them all. */
  async stop(): Promise<IndexJob[]> {
    const current = this.#current;
    if (current === null) return [];
    this.#current = null;
    current.stopped = true;
    current.indexer.stop();
    await current.done;
    return current.updated ? [] : current.jobs;
  }

  /** serve is stopping: no refresh starts, and the indexer's end (Ctrl-C reaches it too) is not an error. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
  }
}

/** Runs builds one at a time; changes that arrive during a build are built right after it, together. */
class RebuildQueue {
  #changed = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(
    private readonly build: (changed: string[]) => Promise<void>,
    private readonly onChange: (file: string) => void,
  ) {}

  add(file: string): void {
    if (this.#closed) return;
    this.#changed.add(file);
    this.onChange(file);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), DEBOUNCE_MS);
  }

  /** The first build, which changes that arrive meanwhile wait for; a failure to run it is serve's. */
  async first(): Promise<void> {
    const first = this.build([]);
    this.#running = first.catch(() => undefined);
    await first;
    this.#running = null;
    void this.#run();
  }

  async #run(): Promise<void> {
    if (this.#running !== null || this.#changed.size === 0 || this.#closed) return;
    const changed = [...this.#changed].sort();
    this.#changed.clear();
    this.#running = this.build(changed).catch((error: unknown) => console.error(`serve: ${(error as Error).message}`));
    await this.#running;
    this.#running = null;
    void this.#run();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}

/**
 * Dev-server middleware: while the last build failed, every HTML page carries a panel listing the
 * problems over the last good site; with no good site yet, pages are an error page instead.
 */
function showProblems(current: () => (Outcome & { ok: false }) | null, out: string): Middleware {
  return (req, res, next) => {
    const failure = current();
    if (failure === null) return next();
    const panel = problemPanel(failure);
    if (!existsSync(path.join(out, "index.html")) && /(\/|\.html)$/.test(new URL(req.url ?? "/", "http://localhost").pathname)) {
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Build failed · news-archive serve</title></head><body>${panel}</body></html>\n`);
      return;
    }
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((data?: unknown, ...rest: unknown[]) => {
      const type = String(res.getHeader("Content-Type") ?? "");
      const page = typeof data === "string" && type.startsWith("text/html") ? injectPanel(data, panel) : data;
      return end(page, ...rest);
    }) as typeof res.end;
    next();
  };
}

function injectPanel(page: string, panel: string): string {
  const body = /<body[^>]*>/i.exec(page);
  return body === null ? panel + page : page.slice(0, body.index + body[0].length) + panel + page.slice(body.index + body[0].length);
}

const PANEL_STYLE =
  "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.5rem;" +
  "background:#fff4f4;color:#4a0000;border-top:4px solid #b00020;font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgb(0 0 0 / 25%)";

function problemPanel(failure: Outcome & { ok: false }): string {
  return html`<section id="news-archive-build-problems" role="alert" style="${PANEL_STYLE}">
<h2 style="margin:0 0 .5rem;font-size:1.1rem">The site did not rebuild: ${failure.message}</h2>
<p style="margin:0 0 .5rem">You are looking at the last good build. Fix the file and save: this page reloads by itself.</p>
<ul style="margin:0;padding-left:1.2rem">
${failure.problems.map(
  (p) => html`<li><code>${p.line === undefined ? p.file : `${p.file}:${p.line}`}</code> <strong>${p.field}</strong>: ${p.message}<br><em>fix:</em> ${p.fix}</li>
`,
)}</ul>
</section>`.value;
}

/**
 * Watches articles/, templates/ (site.json is templates/_data/site.json) and public/, and the
 * project folder for those folders appearing or going away; nothing else in it (.cache, _site).
 */
function watchProject(root: string, onChange: (file: string) => void): FSWatcher {
  const watcher = watch(root, {
    ignoreInitial: true,
    // Each event at once (not a delete held back to see if it was an editor's save): the rebuild
    // queue makes one build of a burst.
    atomic: false,
    ignored: (full) => {
      const top = path.relative(root, full).split(path.sep)[0]!;
      return top !== "" && !WATCHED.includes(top);
    },
  });
  const changed = (full: string) => {
    const file = path.relative(root, full).split(path.sep).join("/");
    // Editors' swap and backup files are not part of the site.
    if (!/^(\.|#)|~$|\.(swp|swx|tmp)$/.test(path.basename(file))) onChange(file);
  };
  watcher.on("all", (_event, full) => changed(full));
  // chokidar calls a write a change only if the file's modification time moved or its access time
  // is not past it, so an edit whose time a tool put back (cp -p, rsync -t) would go unseen. Its
  // `raw` events (which it calls internal) include each file's own watch, that sees every write.
  watcher.on("raw", (_event, name, details) => {
    const watched = (details as { watchedPath?: string }).watchedPath;
    if (watched !== undefined && watched !== root && path.basename(watched) === name) changed(watched);
  });
  watcher.on("error", (error) => console.error(`serve: watching the project: ${(error as Error).message}`));
  return watcher;
}
