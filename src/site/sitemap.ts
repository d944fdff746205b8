// /sitemap.xml and /robots.txt as strings. The page list comes from the files the build wrote (so
// the sitemap can never name a page that was not written); the dates come from the model.
import { sortKey, type ArchiveDate } from "../content/dates.ts";
import { xml } from "./feeds.ts";
import type { Archive, Article } from "../content/model.ts";
import type { SiteConfig } from "../site-config.ts";
import { absoluteUrl } from "../content/urls.ts";

export const SITEMAP_PATH = "/sitemap.xml";
export const ROBOTS_PATH = "/robots.txt";

export interface SitemapEntry {
  path: string;
  lastmod: ArchiveDate | null;
}

/**
 * The site path of a built HTML file, or null for files that are not pages of their own:
 * every page is a directory URL ("articles/x/index.html" → "/articles/x/"), so 404.html is left out.
 */
export function pagePathOfFile(relative: string): string | null {
  const parts = relative.split(/[\\/]/);
  if (parts[parts.length - 1] !== "index.html") return null;
  return `/${parts.slice(0, -1).map((p) => `${p}/`).join("")}`;
}

/** When each page the model knows about last changed: the newest date (or update) it shows. */
export function pageDates(archive: Archive): Map<string, ArchiveDate> {
  // An article is on many lists: its date and sort key are worked out once, not on each of them.
  const stamps = new Map<Article, { date: ArchiveDate; key: string } | null>();
  const stamp = (a: Article) => {
    let s = stamps.get(a);
    if (s === undefined) {
      const date = modified(a);
      s = date === null ? null : { date, key: sortKey(date) };
      stamps.set(a, s);
    }
    return s;
  };
  const dates = new Map<string, ArchiveDate>();
  const set = (path: string, articles: readonly Article[]) => {
    let newest: { date: ArchiveDate; key: string } | null = null;
    for (const a of articles) {
      const s = stamp(a);
      if (s !== null && (newest === null || s.key > newest.key)) newest = s;
    }
    if (newest !== null) dates.set(path, newest.date);
  };
  for (const a of archive.articles) set(a.path, [a]);
  for (const path of ["/", "/archive/", "/tags/", "/sources/", "/authors/", "/search/"]) set(path, archive.articles);
  for (const { page } of [...archive.tagPages, ...archive.sourcePages, ...archive.authorPages, ...archive.monthPages]) set(page.path, page.items);
  for (const y of archive.years) set(y.path, [...y.months.flatMap((m) => m.pages.flatMap((p) => p.items)), ...y.yearOnly]);
  return dates;
}

export function sitemapXml(site: SiteConfig, entries: readonly SitemapEntry[]): string {
  const urls = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(
      (e) =>
        `<url><loc>${xml(absoluteUrl(site, e.path))}</loc>${e.lastmod === null ? "" : `<lastmod>${lastmodText(e.lastmod)}</lastmod>`}</url>`,
    );
  return [`<?xml version="1.0" encoding="utf-8"?>`, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, ...urls, `</urlset>`, ""].join("\n");
}

/** Crawlers only read /robots.txt at the origin's root: under a path prefix this file is a template to copy there. */
export function robotsTxt(site: SiteConfig): string {
  return `User-agent: *\nDisallow:\n\nSitemap: ${absoluteUrl(site, SITEMAP_PATH)}\n`;
}

/**
 * W3C Datetime at the precision the source has ("2019", "2019-10", "2020-01-08"); a time is given
 * to the day, since a wall-clock time without a zone is not a valid W3C Datetime.
 */
export function lastmodText(date: ArchiveDate): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const year = String(date.year).padStart(4, "0");
  if (date.precision === "year") return year;
  if (date.precision === "month") return `${year}-${two(date.month)}`;
  return `${year}-${two(date.month)}-${two(date.day)}`;
}

function modified(a: Article): ArchiveDate | null {
  if (a.date === null) return a.updated;
  return a.updated !== null && sortKey(a.updated) > sortKey(a.date) ? a.updated : a.date;
}
