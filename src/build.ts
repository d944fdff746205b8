// One build: articles → archive → Eleventy into a fresh folder beside the output, swapped in only
// when everything succeeded. A failed or killed build never touches the last good site.
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import configure from "../.eleventy.ts";
import { prepareArchive } from "./pipeline.ts";
import { writeFindFiles } from "./post-build.ts";
import { plural, type Problem } from "./problems.ts";
import { loadSiteConfig, SITE_FILE, type SiteOverrides } from "./site-config.ts";
import { StageTimer, type ProgressListener } from "./stages.ts";

export interface BuildOptions {
  root: string;
  out: string;
  includeDrafts?: boolean;
  site?: SiteOverrides;
  /** Called as each stage ends, for a progress display. */
  onProgress?: ProgressListener;
}

export interface BuildResult {
  out: string;
  articles: number;
  pages: number;
  warnings: Problem[];
  milliseconds: number;
  /** Milliseconds per stage: load, render, model, eleventy, feeds, search, swap. */
  stages: Record<string, number>;
}

/** The package's own templates, public files and site.json, used when a project has none. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const out = path.resolve(root, options.out);
  assertSafeOutput(root, out);

  const siteRoot = (await exists(path.join(root, SITE_FILE))) ? root : PACKAGE_ROOT;
  const site = await loadSiteConfig(siteRoot, options.site);
  const timer = new StageTimer(options.onProgress);
  const { archive, warnings } = await prepareArchive(root, site, { includeDrafts: options.includeDrafts ?? false }, timer);

  const templatesDir = (await hasTemplates(path.join(root, "templates"))) ? path.join(root, "templates") : path.join(PACKAGE_ROOT, "templates");
  const publicDir = (await exists(path.join(root, "public"))) ? path.join(root, "public") : path.join(PACKAGE_ROOT, "public");

  await recoverInterruptedSwap(out);
  const staging = `${out}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const eleventy = new Eleventy(templatesDir, staging, {
      quietMode: true,
      // Templates are ES modules run through tsx, also in a project with no package.json.
      loader: "esm",
      config: (eleventyConfig: Parameters<typeof configure>[0]) => configure(eleventyConfig, { archive, publicDir }),
    });
    // Our CLI reports progress and errors itself; Eleventy's own log would repeat them.
    eleventy.disableLogger();
    const pages = await timer.time("eleventy", async () => {
      await eleventy.write();
      return countPages(staging);
    }, (n) => plural(n, "page"));
    await writeFindFiles(staging, archive, timer);
    await timer.time("swap", () => swapIn(staging, out));
    return { out, articles: archive.articles.length, pages, warnings, milliseconds: performance.now() - started, stages: timer.stages };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The output folder is deleted and replaced, so it must never be the project or hold its sources. */
function assertSafeOutput(root: string, out: string): void {
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(root, out) || ["articles", "templates", "public", "src", "node_modules"].some((d) => inside(out, path.join(root, d)))) {
    throw new Error(`refusing to build into ${out}: the output folder is replaced on every build, so it must be a folder of its own such as _site`);
  }
}

async function swapIn(staging: string, out: string): Promise<void> {
  const old = `${out}.old-${process.pid}`;
  const hadOld = await exists(out);
  if (hadOld) await rename(out, old);
  await rename(staging, out);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/** A build killed between the two renames of swapIn leaves the last good site as `<out>.old-<pid>`. */
async function recoverInterruptedSwap(out: string): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((n) => n.startsWith(`${base}.old-`) || n.startsWith(`${base}.tmp-`));
  for (const name of leftovers.sort()) {
    const full = path.join(parent, name);
    if (name.startsWith(`${base}.old-`) && !(await exists(out))) await rename(full, out);
    else await rm(full, { recursive: true, force: true });
  }
}

async function countPages(dir: string): Promise<number> {
  const files = await readdir(dir, { recursive: true });
  return files.filter((f) => f.endsWith(".html")).length;
}

async function hasTemplates(dir: string): Promise<boolean> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.some((f) => f.endsWith(".11ty.ts"));
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
