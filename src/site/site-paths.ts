// Every address the site's own pages and feeds are at, from the model: what an old address may not
// take over (old-urls.ts), what a body link may point at (links.ts), and what the site promises to
// keep (published-urls.ts).
import { siteFeeds } from "./feeds.ts";
import type { Archive } from "../content/model.ts";
import { ROBOTS_PATH, SITEMAP_PATH } from "./sitemap.ts";

/** Where the redirect files go; no old address may take their place either. */
export const REDIRECTS_PATH = "/_redirects";
export const NGINX_MAP_PATH = "/nginx-redirects.conf";

export interface SitePaths {
  /** Every page and file the build makes from the model, later pages of lists and machine files included. */
  all: string[];
  /**
   * The addresses readers and feed readers keep: articles, first pages of lists, indexes and feeds.
   * Not the later pages of a list (they shift as articles are added) nor files for machines.
   */
  lasting: string[];
}

export function sitePaths(archive: Archive): SitePaths {
  const lasting: string[] = ["/", "/archive/", "/tags/", "/sources/", "/authors/", "/search/"];
  const later: string[] = [];
  const list = (page: { number: number; path: string }) => (page.number === 1 ? lasting : later).push(page.path);
  for (const a of archive.articles) lasting.push(a.path);
  for (const { page } of [...archive.tagPages, ...archive.sourcePages, ...archive.authorPages, ...archive.monthPages]) list(page);
  for (const page of archive.undated.pages) list(page);
  for (const y of archive.years) lasting.push(y.path);
  for (const feed of siteFeeds(archive)) lasting.push(feed.selfPath);
  const machines = ["/404.html", SITEMAP_PATH, ROBOTS_PATH, REDIRECTS_PATH, NGINX_MAP_PATH];
  return { all: [...lasting, ...later, ...machines], lasting: [...new Set(lasting)] };
}
