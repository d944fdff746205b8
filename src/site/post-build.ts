// What is written after Eleventy, into the same staging folder, so it is part of the atomic swap:
// feeds, sitemap, robots.txt and the redirects from old addresses. The feeds and sitemap are pure functions of the model; this module
// only writes them, taking each feed whose articles did not change from the last site as it is.
import type Eleventy from "@11ty/eleventy";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { feedText, siteFeeds } from "./feeds.ts";
import { mapLimit } from "../util/map-limit.ts";
import { plural } from "../content/problems.ts";
import type { Archive } from "../content/model.ts";
import type { Redirect } from "./old-urls.ts";
import { pageFile } from "./page-keys.ts";
import type { PageReuse } from "./page-plan.ts";
import { writeRedirects } from "./redirects.ts";
import type { StageTimer } from "../build/stages.ts";
import { pageDates, pagePathOfFile, ROBOTS_PATH, robotsTxt, SITEMAP_PATH, sitemapXml } from "./sitemap.ts";

/** What Eleventy's `write()` resolves to: the files copied from public/, and one entry per page rendered. */
type EleventyWritten = Awaited<ReturnType<Eleventy["write"]>>;

/** Everything Eleventy put into the site, relative to it, and how many of those files are pages. */
export interface EleventyOutput {
  files: string[];
  pages: number;
  reused: number;
}

/** What one Eleventy run wrote, relative to the site: its pages and its copies of public/. */
export interface RunFiles {
  rendered: string[];
  copied: string[];
}

/**
 * The file names of a run's output. Taken at once, so the run's results, which hold every page's
 * HTML, can be let go before the next run.
 */
export function runFiles(siteDir: string, [copied, rendered]: EleventyWritten): RunFiles {
  return {
    rendered: rendered.flatMap((t) => (typeof t.outputPath === "string" ? [path.relative(siteDir, t.outputPath)] : [])),
    copied: copied.flatMap((c) => Object.values(c.map ?? {}).map((to) => path.relative(siteDir, to))),
  };
}

/**
 * The pages Eleventy rendered in its runs, the unchanged pages linked in beside them, and the
 * copies of public/. Each run writes the pages that are not paginated (and copies public/) again.
 */
export function eleventyOutput(runs: readonly RunFiles[], reused: readonly string[]): EleventyOutput {
  const written = [...new Set(runs.flatMap((r) => r.rendered))];
  const copies = [...new Set(runs.flatMap((r) => r.copied))];
  return {
    files: [...written, ...reused, ...copies],
    pages: written.filter((f) => f.endsWith(".html")).length + reused.length,
    reused: reused.length,
  };
}

/**
 * The feeds, robots.txt, the sitemap and the redirects. `built` lists the files already in the site:
 * the sitemap is made from it rather than from a listing of the folder (13,000 pages, and the search
 * index being written beside them), so it never lists the pages at old addresses, written after it.
 */
export async function writeFindFiles(siteDir: string, archive: Archive, timer: StageTimer, built: EleventyOutput, reuse: PageReuse, redirects: readonly Redirect[]): Promise<void> {
  const { site } = archive;
  await timer.time("feeds", async () => {
    const feeds = siteFeeds(archive);
    const changed = feeds.filter((feed) => !reuse.unchangedFile(pageFile(feed.selfPath), feed));
    reuse.linkUnchanged(siteDir);
    await mapLimit(changed, 8, (feed) => writeSiteFile(siteDir, feed.selfPath, feedText(site, feed)));
    await writeSiteFile(siteDir, ROBOTS_PATH, robotsTxt(site));
    const dates = pageDates(archive);
    const pages = new Set(built.files.map((f) => pagePathOfFile(f)).filter((p) => p !== null));
    await writeSiteFile(siteDir, SITEMAP_PATH, sitemapXml(site, [...pages].map((p) => ({ path: p, lastmod: dates.get(p) ?? null }))));
    return { feeds: feeds.length, changed: changed.length };
  }, (r) => `${r.feeds} feeds (${r.feeds - r.changed} unchanged) and the sitemap`);
  await timer.time("redirect pages", () => writeRedirects(siteDir, site, redirects, reuse), (r) => `${plural(r.pages, "page")} at old addresses (${r.reused} unchanged), _redirects and the nginx map`);
}

async function writeSiteFile(siteDir: string, sitePath: string, text: string): Promise<void> {
  const file = path.join(siteDir, ...sitePath.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
