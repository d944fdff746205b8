// What is written after Eleventy, into the same staging folder, so it is part of the atomic swap:
// feeds, sitemap, robots.txt and the search index. The feeds and sitemap are pure functions of
// the model; this module only writes them.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { FEED_PATH, JSON_FEED_PATH, jsonFeed, siteAtomFeed, tagAtomFeed, tagFeedPath } from "./feeds.ts";
import type { Archive } from "./model.ts";
import { writeSearchIndex } from "./search-index.ts";
import { pageDates, pagePathOfFile, ROBOTS_PATH, robotsTxt, SITEMAP_PATH, sitemapXml } from "./sitemap.ts";

export interface PostBuildResult {
  /** Time spent on the search index alone, for the build summary and benchmarks. */
  searchMilliseconds: number;
}

export async function writeFindFiles(siteDir: string, archive: Archive): Promise<PostBuildResult> {
  const { site } = archive;
  const files: [string, string][] = [
    [FEED_PATH, siteAtomFeed(archive)],
    [JSON_FEED_PATH, jsonFeed(archive)],
    ...archive.tags.map((tag): [string, string] => [tagFeedPath(tag.slug), tagAtomFeed(site, tag)]),
    [ROBOTS_PATH, robotsTxt(site)],
  ];
  for (const [sitePath, text] of files) {
    const file = path.join(siteDir, ...sitePath.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }

  const dates = pageDates(archive);
  const built = (await readdir(siteDir, { recursive: true })).map((f) => pagePathOfFile(f)).filter((p) => p !== null);
  await writeFile(path.join(siteDir, SITEMAP_PATH), sitemapXml(site, built.map((p) => ({ path: p, lastmod: dates.get(p) ?? null }))));

  const started = performance.now();
  await writeSearchIndex(siteDir, site.lang);
  return { searchMilliseconds: performance.now() - started };
}
