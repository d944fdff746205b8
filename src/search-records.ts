// What search sees of each article, and how the archive is split into search shards. Pure: the
// search page (to list the shards) and the indexer (to fill them) both call these.
import { displayDate, isoDate, sortKey } from "./dates.ts";
import type { Archive, Article } from "./model.ts";

export interface SearchRecord {
  /** Site path, unprefixed: Pagefind's `baseUrl` adds the prefix in the browser. */
  url: string;
  /** Title and body as plain text: only these are searched, never navigation or lists. */
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

export interface SearchShard {
  /** Folder under /pagefind/, e.g. "2015-2017". */
  name: string;
  articles: Article[];
}

/**
 * Articles per shard, roughly. Pagefind has no incremental mode and needs about 150 MB per 1,000
 * articles; shards of this size keep it well under 1 GB, and a change re-indexes one shard only.
 * Each extra shard costs a search one more small download (its entry file, WASM and index chunks).
 */
export const SHARD_TARGET = 2500;

export const SEARCH_DIR = "pagefind";

export function searchRecord(a: Article): SearchRecord {
  return {
    url: a.path,
    content: `${a.title}\n${htmlToText(a.html)}`,
    meta: { title: a.title, date: displayDate(a.date), datetime: isoDate(a.date) },
    filters: {
      tag: a.tags.map((t) => t.name),
      year: [String(a.date.year)],
      lang: [a.lang],
      ...(a.source === null ? {} : { source: [a.source] }),
    },
    sort: { date: sortKey(a.date) },
  };
}

/**
 * Consecutive years grouped until a group reaches SHARD_TARGET articles. Years are stable, so
 * adding or editing an article changes one shard (the newest, usually) and leaves the others alone.
 */
export function planShards(archive: Archive): SearchShard[] {
  const byYear = new Map<number, Article[]>();
  for (const a of archive.articles) {
    const list = byYear.get(a.date.year) ?? [];
    list.push(a);
    byYear.set(a.date.year, list);
  }
  const shards: { from: number; to: number; articles: Article[] }[] = [];
  for (const year of [...archive.years].reverse()) {
    const inYear = byYear.get(year.year) ?? [];
    const last = shards[shards.length - 1];
    if (last !== undefined && last.articles.length + inYear.length <= SHARD_TARGET) {
      last.to = year.year;
      last.articles = last.articles.concat(inYear);
    } else {
      shards.push({ from: year.year, to: year.year, articles: inYear });
    }
  }
  return shards.map((s) => ({ name: s.from === s.to ? String(s.from) : `${s.from}-${s.to}`, articles: s.articles }));
}

/** The shard folders, for the search page: the first is loaded, the rest merged into it. */
export function shardPaths(archive: Archive): string[] {
  return planShards(archive).map((s) => `/${SEARCH_DIR}/${s.name}/`);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The sanitized body's text. Its HTML comes from hast-util-to-html: tags and character references only. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|blockquote|div|pre)>|<br\s*\/?>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
      if (dec !== undefined) return String.fromCodePoint(Number(dec));
      return ENTITIES[name!.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}
