// What is written after Eleventy, into the same staging folder, so it is part of the atomic swap:
// feeds, sitemap, robots.txt and the search index. The feeds and sitemap are pure functions of
// the model; this module only writes them.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { FEED_PATH, JSON_FEED_PATH, jsonFeed, siteAtomFeed, sourceAtomFeed, sourceFeedPath, tagAtomFeed, tagFeedPath } from "./feeds.ts";
import type { Archive } from "./model.ts";
import { IMAGE_DIR } from "./images.ts";
import { SEARCH_DIR } from "./search-records.ts";
import type { StageTimer } from "./stages.ts";
import { pageDates, pagePathOfFile, ROBOTS_PATH, robotsTxt, SITEMAP_PATH, sitemapXml } from "./sitemap.ts";

export async function writeFindFiles(siteDir: string, archive: Archive, timer: StageTimer): Promise<void> {
  const { site } = archive;
  await timer.time("feeds", async () => {
    const files: [string, string][] = [
      [FEED_PATH, siteAtomFeed(archive)],
      [JSON_FEED_PATH, jsonFeed(archive)],
      ...archive.tags.map((tag): [string, string] => [tagFeedPath(tag.slug), tagAtomFeed(site, tag)]),
      ...archive.sources.map((source): [string, string] => [sourceFeedPath(source.slug), sourceAtomFeed(site, source)]),
      [ROBOTS_PATH, robotsTxt(site)],
    ];
    for (const [sitePath, text] of files) {
      const file = path.join(siteDir, ...sitePath.split("/"));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    const dates = pageDates(archive);
    const built = (await htmlFiles(siteDir)).map((f) => pagePathOfFile(f)).filter((p) => p !== null);
    await writeFile(path.join(siteDir, SITEMAP_PATH), sitemapXml(site, built.map((p) => ({ path: p, lastmod: dates.get(p) ?? null }))));
  }, () => "feeds and sitemap");
}

/**
 * The site's files, except the search index and processed pictures: tens of thousands of files
 * with no page among them, being written at this moment by the search stage.
 */
async function htmlFiles(siteDir: string): Promise<string[]> {
  const top = await readdir(siteDir, { withFileTypes: true });
  let files = top.filter((e) => e.isFile()).map((e) => e.name);
  for (const dir of top.filter((e) => e.isDirectory() && e.name !== SEARCH_DIR && `/${e.name}/` !== IMAGE_DIR)) {
    // concat, not push(...): a spread of 200,000 names overflows the stack.
    files = files.concat((await readdir(path.join(siteDir, dir.name), { recursive: true })).map((f) => path.join(dir.name, f)));
  }
  return files;
}
