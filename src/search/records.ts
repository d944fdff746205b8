// What search sees of each article, and how the archive is split into search shards. Pure: the
// search page (to list the shards) and the indexer (to fill them) both call these.
import { displayDate, isoDate, sortKey, UNDATED } from "../content/dates.ts";
import type { Archive, Article } from "../content/model.ts";
import { unprefixed } from "../content/urls.ts";

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
 * Articles per shard, at most (unless one month alone holds more), for an archive of `count`.
 * Pagefind has no incremental mode: a change re-indexes its whole shard, in time and memory that
 * grow with its articles. Each shard costs a search little, but something: merged
 * indexes share the first one's WASM, and each extra shard adds its entry and metadata files and,
 * per searched word, one index chunk. So shards are about a twentieth of the archive (a power of
 * two, so the plan changes, and everything is indexed again, only when the archive doubles), never
 * under 512 (a small archive is one or two shards) nor over 2,048 (for the memory of indexing it).
 * Figures: docs/ARCHITECTURE.md, measurements.
 */
export function shardTarget(count: number): number {
  return Math.min(2048, Math.max(512, 2 ** Math.ceil(Math.log2(Math.max(1, count / 20)))));
}

export const SEARCH_DIR = "pagefind";

/** `bodyText` is the body as plain text; a caller may give one that remembers it (search-index.ts). */
export function searchRecord(a: Article, bodyText: (a: Article) => string = (a) => htmlToText(a.body.html(unprefixed))): SearchRecord {
  return {
    url: a.path,
    content: `${a.title}\n${bodyText(a)}`,
    meta: a.date === null ? { title: a.title, date: UNDATED } : { title: a.title, date: displayDate(a.date), datetime: isoDate(a.date) },
    filters: {
      tag: a.tags.map((t) => t.name),
      ...(a.date === null ? {} : { year: [String(a.date.year)] }),
      lang: [a.lang],
      ...(a.source === null ? {} : { source: [a.source] }),
    },
    // Undated articles sort as the oldest, as they do in the archive.
    sort: { date: a.date === null ? "0000" : sortKey(a.date) },
  };
}

/**
 * Shards of consecutive years (or, in a year with more than `target` articles, of months),
 * grouped from the oldest: an article added to or edited in the newest year changes the newest
 * shard only, and the older shards keep their cached bundles.
 */
export function planShards(archive: Archive, target = shardTarget(archive.articles.length)): SearchShard[] {
  const groups: { units: string[]; articles: Article[] }[] = [];
  for (const unit of shardUnits(archive, target)) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.articles.length + unit.articles.length <= target) {
      last.units.push(unit.name);
      // Newest first inside a shard, as in the archive.
      last.articles = unit.articles.concat(last.articles);
    } else {
      groups.push({ units: [unit.name], articles: unit.articles });
    }
  }
  return groups.reverse().map((g) => ({ name: g.units.length === 1 ? g.units[0]! : `${g.units[0]}-${g.units[g.units.length - 1]}`, articles: g.articles }));
}

/**
 * The pieces shards are made of, oldest first: a year, or each month of a year too big for one
 * shard (its articles dated only to the year form a piece of their own).
 */
function shardUnits(archive: Archive, target: number): { name: string; articles: Article[] }[] {
  const byYear = new Map<number, Article[]>();
  const undated: Article[] = [];
  for (const a of archive.articles) {
    if (a.date === null) undated.push(a);
    else append(byYear, a.date.year, a);
  }
  // Undated articles come first, as the oldest: a shard of dated articles never changes because of them.
  const units: { name: string; articles: Article[] }[] = undated.length === 0 ? [] : [{ name: "undated", articles: undated }];
  for (const [year, articles] of [...byYear].reverse()) {
    if (articles.length <= target) {
      units.push({ name: String(year), articles });
      continue;
    }
    const byMonth = new Map<string, Article[]>();
    for (const a of articles) {
      const name = a.date === null || a.date.precision === "year" ? String(year) : `${year}-${String(a.date.month).padStart(2, "0")}`;
      append(byMonth, name, a);
    }
    units.push(...[...byMonth].reverse().map(([name, list]) => ({ name, articles: list })));
  }
  return units;
}

function append<K>(map: Map<K, Article[]>, key: K, article: Article): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [article]);
  else list.push(article);
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
