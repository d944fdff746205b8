// One build: articles → archive → Eleventy into a fresh folder beside the output, swapped in only
// when everything succeeded. A failed or killed build never touches the last good site.
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import configure from "../../.eleventy.ts";
import { collectGarbage } from "../util/collect-garbage.ts";
import { countFromEnv } from "../util/env-count.ts";
import { writeBundleFiles } from "../site/bundle-files.ts";
import { writeImages } from "../content/images/illustrate.ts";
import { forgetPageReuse, manifestFileFor, PageReuse, previousPages, savePageReuse } from "../site/page-plan.ts";
import { renderingCode } from "../site/page-keys.ts";
import { prepareArchive } from "./pipeline.ts";
import { publicFiles } from "../site/public-files.ts";
import { eleventyOutput, runFiles, writeFindFiles, type RunFiles } from "../site/post-build.ts";
import { Indexer, writeSearchIndex, type SearchIndexResult } from "../search/search-index.ts";
import type { IndexJob } from "../search/index-jobs.ts";
import { ArticleProblems, plural, type Problem } from "../content/problems.ts";
import { publishedText, writePublished } from "../site/published-urls.ts";
import { besideKind, besideOutput, cachePath, exists, PACKAGE_ROOT, siteFolder, templatesFolder, TRASH_DIR } from "../project.ts";
import { loadSiteConfig, type SiteOverrides } from "../site-config.ts";
import { StageTimer, type ProgressListener } from "./stages.ts";
import { discard, emptyTrash } from "./trash.ts";
import { BuildContext, type Purpose } from "./context.ts";

export interface BuildOptions {
  root: string;
  out: string;
  includeDrafts?: boolean;
  /** `serve`: this process will build again, with the same BuildContext (thread.ts). A one-off build by default. */
  purpose?: Exclude<Purpose, "check">;
  /**
   * Leave changed search shards to be indexed after the swap (serve: an edit shows without
   * waiting for Pagefind). The result lists them; `refreshSearchIndex` indexes them.
   */
  searchLater?: boolean;
  site?: SiteOverrides;
  /** Every warning is an error: the build stops before the swap, and the last site stays (build --strict). */
  strict?: boolean;
  /** Called as each stage ends, for a progress display. */
  onProgress?: ProgressListener;
}

export interface BuildResult {
  out: string;
  articles: number;
  /** Drafts left out of the site (serve includes them: 0). */
  draftsLeftOut: number;
  pages: number;
  warnings: Problem[];
  milliseconds: number;
  /** Milliseconds per stage: load, render, images, model, redirects, links, eleventy, copy images, copy bundle files, feeds, redirect pages, search, swap. */
  stages: Record<string, number>;
  /** What each stage did, e.g. "10000 articles (2 rendered)". */
  details: Record<string, string>;
  /** Search shards still to index (only with `searchLater`): the site has their previous bundles meanwhile. */
  searchLater: IndexJob[];
  /** Why the pages and feeds not reused from the last site were made again, one line per reason (build --explain). */
  remade: string[];
}

/**
 * Changed pages rendered per Eleventy run. Eleventy holds every page of a run in memory until the
 * run ends, so one run over a large archive's pages costs more memory than the machine may have;
 * each extra run costs Eleventy's start. A warm build's few changed pages are one run. Figures:
 * docs/ARCHITECTURE.md, measurements.
 */
const PAGES_PER_RUN = 4000;

/** `context`: what serve keeps between its builds; a one-off build makes its own. */
export async function buildSite(options: BuildOptions, context = new BuildContext(path.resolve(options.root), options.purpose ?? "build")): Promise<BuildResult> {
  // The search indexer is ended with the build, whether it had work or not.
  const indexer = new Indexer();
  // A one-off build starts it at once (see Indexer); serve indexes after its builds (searchLater).
  if (context.purpose !== "serve") indexer.start();
  const trash = new TrashCan();
  await context.caches.begin();
  try {
    return await build(options, context, indexer, trash);
  } finally {
    indexer.stop();
    await trash.emptied;
    await context.caches.end();
  }
}

/**
 * The deletion of the site the last build replaced (trash.ts). A one-off build starts it once its
 * articles are read (beside the reading, the deleting slowed it as much as it saved), and waits
 * for it before it ends; serve deletes once it has shown the rebuilt site (thread.ts).
 */
class TrashCan {
  emptied: Promise<void> = Promise.resolve();
}

async function build(options: BuildOptions, context: BuildContext, indexer: Indexer, trash: TrashCan): Promise<BuildResult> {
  const started = performance.now();
  const { root, linker } = context;
  const serving = context.purpose === "serve";
  const out = path.resolve(root, options.out);
  assertSafeOutput(root, out);
  if ((await stat(out).catch(() => null))?.isDirectory() === false) {
    throw new Error(`refusing to build into ${out}: it is a file, and the output folder is replaced on every build`);
  }

  const site = await loadSiteConfig(await siteFolder(root), options.site);
  const timer = new StageTimer(options.onProgress);
  const publicDir = await publicFiles(root);
  const manifest = manifestFileFor(cachePath(root, "pages"), out);
  const previous = previousPages(manifest, out, linker);
  previous.catch(() => {}); // observed below; this only stops Node from calling an early failure unhandled
  const { archive, warnings, images, bundleFiles, redirects, addresses, published, draftsLeftOut } = await prepareArchive(site, { includeDrafts: options.includeDrafts ?? false, publicDir, context }, timer);

  if (!serving) trash.emptied = emptyTrash(path.join(root, TRASH_DIR));
  const templatesDir = await templatesFolder(root);

  await recoverInterruptedSwap(out);
  const code = await renderingCode([templatesDir, path.join(PACKAGE_ROOT, "src")], [path.join(PACKAGE_ROOT, ".eleventy.ts")]);
  const pageReuse = new PageReuse(await previous, out, { code, site: archive.site, articles: archive.articles }, linker);
  const staging = besideOutput(out, "staging");
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    // The search index is made from the model, so Pagefind (its own process) works while Eleventy writes.
    const searchLater = options.searchLater === true ? { previousSite: out, texts: context.searchTexts } : undefined;
    const search = timer.time("search", () => writeSearchIndex(staging, archive, context.caches.folder("search"), indexer, linker, searchLater), searchSummary);
    search.catch(() => {}); // observed below; this only stops Node from calling an early failure unhandled
    const built = await settleWith(search, indexer, () =>
      timer.time("eleventy", async () => {
        const perRun = countFromEnv("NEWS_ARCHIVE_PAGES_PER_RUN", PAGES_PER_RUN);
        const runs: RunFiles[] = [];
        do {
          if (runs.length > 0) collectGarbage();
          pageReuse.startRun(runs.length, perRun);
          const eleventy = new Eleventy(templatesDir, staging, {
            quietMode: true,
            // Templates are ES modules run through tsx, also in a project with no package.json.
            loader: "esm",
            config: (eleventyConfig: Parameters<typeof configure>[0]) => configure(eleventyConfig, { archive, publicDir, pageReuse }),
          });
          // Our CLI reports progress and errors itself; Eleventy's own log would repeat them.
          eleventy.disableLogger();
          runs.push(runFiles(staging, await eleventy.write()));
        } while (runs.length * perRun < pageReuse.changedPages);
        pageReuse.linkUnchanged(staging);
        const output = eleventyOutput(runs, pageReuse.reusedFiles);
        // Every page Eleventy wrote that is not one per item was never a candidate for reuse.
        return { ...output, runs: runs.length, everyBuild: output.pages - output.reused - pageReuse.changedPages };
      }, (b) => `${plural(b.pages, "page")}, ${b.reused} unchanged${b.runs > 1 ? `, in ${b.runs} Eleventy runs` : ""}`),
    );
    await settleWith(search, indexer, async () => {
      await timer.time("copy images", () => writeImages(staging, images), () => plural(images.size, "file"));
      await timer.time("copy bundle files", () => writeBundleFiles(staging, root, bundleFiles), () => plural(bundleFiles.size, "file"));
      await writeFindFiles(staging, archive, timer, built, pageReuse, redirects);
      await pageReuse.allLinked();
    });
    const { later } = await search;
    if (options.strict === true && warnings.length > 0) throw new ArticleProblems(warnings, []);
    // A build publishes: its new addresses join the list before the site goes live (serve's builds,
    // with their drafts and half-written edits, do not publish).
    const remembered = serving ? null : publishedText(published, addresses);
    if (remembered !== null) await writePublished(root, remembered);
    await forgetPageReuse(manifest);
    await timer.time("swap", () => swapIn(staging, out, path.join(root, TRASH_DIR)));
    await savePageReuse(manifest, pageReuse);
    return { out, articles: archive.articles.length, draftsLeftOut, pages: built.pages, warnings, milliseconds: performance.now() - started, stages: timer.stages, details: timer.details, searchLater: later, remade: pageReuse.explain(built.everyBuild) };
  } catch (error) {
    // Nothing may go on linking into the folder being removed.
    await linker.close();
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Runs `work`; if it fails, stops the search indexer (the build has failed: its index is not
 * wanted) and waits for the search stage to end before the staging folder is removed.
 */
async function settleWith<T>(search: Promise<unknown>, indexer: Indexer, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    indexer.stop();
    await search.catch(() => {});
    throw error;
  }
}

function searchSummary(r: SearchIndexResult): string {
  return `${plural(r.pages, "article")} in ${plural(r.shards, "shard")}, ${r.reused} from cache${r.later.length > 0 ? `, ${r.later.length} to index after the swap` : ""}`;
}

/** The output folder is deleted and replaced, so it must never be the project or hold its sources. */
function assertSafeOutput(root: string, out: string): void {
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(root, out) || ["articles", "templates", "public", "src", "node_modules", TRASH_DIR].some((d) => inside(out, path.join(root, d)))) {
    throw new Error(`refusing to build into ${out}: the output folder is replaced on every build, so it must be a folder of its own such as _site`);
  }
}

async function swapIn(staging: string, out: string, trash: string): Promise<void> {
  const old = besideOutput(out, "old");
  const hadOld = await exists(out);
  if (hadOld) await rename(out, old);
  await rename(staging, out);
  // The new site is in place: a failure to move the old one away must not report the build
  // failed. The next build removes what is left (recoverInterruptedSwap).
  if (hadOld) await discard(old, trash, besideOutput(out, "trash")).catch(() => undefined);
}

/**
 * A build killed between the two renames of swapIn leaves the last good site as `<out>.old-<pid>`;
 * any other leftover (a staging folder, a half-deleted old site) is removed.
 */
async function recoverInterruptedSwap(out: string): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((n) => besideKind(n, base) !== null);
  for (const name of leftovers.sort()) {
    const full = path.join(parent, name);
    if (besideKind(name, base) === "old" && !(await exists(out))) await rename(full, out);
    else await rm(full, { recursive: true, force: true });
  }
}
