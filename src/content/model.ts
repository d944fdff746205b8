// The archive as plain data, built by pure functions: templates only present it. Everything here
// is linear or n·log n in the number of articles, so 100,000 articles stay cheap.
import { localise, monthName, monthOf, sortKey, type ArchiveDate } from "./dates.ts";
import type { LeadImage } from "./images/picture.ts";
import { dayNumber, RELATED_DEFAULTS, relatedIndices, type RelatedMemo } from "./related.ts";
import type { Body } from "./markdown/rendered.ts";
import type { ArticleMeta } from "./schema.ts";
import type { SiteConfig } from "../site-config.ts";
import { slugify } from "./slugs.ts";
import { articlePath, authorPath, monthPath, pagePath, sourcePath, tagPath, undatedPath, yearPath } from "./urls.ts";

/** What the render step hands over for each article. */
export interface RenderedArticle {
  file: string;
  meta: ArticleMeta;
  body: Body;
  excerpt: string;
  wordCount: number;
  /** The lead picture, already processed (or, when remote, only linked). */
  image: LeadImage | null;
}

/** A tag, a source or an author: a name with pages of its own. */
export interface GroupRef {
  name: string;
  slug: string;
  path: string;
}

export interface ArticleLink {
  title: string;
  path: string;
  date: ArchiveDate | null;
  /** The article's language, for a lang attribute where it differs from the page's. */
  lang: string;
}

export interface Article {
  slug: string;
  file: string;
  path: string;
  title: string;
  /** In the site's time zone where the source gave a zone; otherwise as written. null: undated. */
  date: ArchiveDate | null;
  updated: ArchiveDate | null;
  /** The source and authors in the spelling most articles use (see canonicalNames). */
  source: string | null;
  authors: string[];
  sourceRef: GroupRef | null;
  authorRefs: GroupRef[];
  url: string | null;
  tags: GroupRef[];
  image: LeadImage | null;
  lang: string;
  summary: string;
  body: Body;
  wordCount: number;
  /** null for a body with no words: a page with only a title or a picture takes no time to read. */
  readingMinutes: number | null;
  draft: boolean;
  extra: Record<string, unknown>;
  /** The next older and next newer article in the whole archive. */
  older: ArticleLink | null;
  newer: ArticleLink | null;
  /** Up to five articles sharing its rarer tags, best first; empty rather than unrelated. */
  related: ArticleLink[];
}

/** An article whose date is known (to the year at least). */
export type DatedArticle = Article & { date: ArchiveDate };

export function isDated(a: Article): a is DatedArticle {
  return a.date !== null;
}

/** One page of a paginated list. `number` counts from 1. */
export interface ListPage {
  number: number;
  total: number;
  path: string;
  items: Article[];
  previous: string | null;
  next: string | null;
}

export interface Group extends GroupRef {
  count: number;
  pages: ListPage[];
}

export type Tag = Group;

export interface Month {
  year: number;
  month: number;
  name: string;
  count: number;
  path: string;
  pages: ListPage[];
}

export interface Year {
  year: number;
  count: number;
  path: string;
  /** Oldest first, as a timeline reads. */
  months: Month[];
  /** Articles whose date is known only to the year: filed here, under no month. */
  yearOnly: Article[];
}

export interface Archive {
  site: SiteConfig;
  /** Newest first. */
  articles: Article[];
  /** Alphabetical, as are sources and authors. */
  tags: Tag[];
  sources: Group[];
  authors: Group[];
  /** Newest first. */
  years: Year[];
  /** Articles with no date, which no year or month lists: /archive/undated/, paginated. */
  undated: { count: number; path: string; pages: ListPage[] };
  /** Flattened for Eleventy's pagination, one entry per output page. */
  tagPages: { tag: Tag; page: ListPage }[];
  sourcePages: { group: Group; page: ListPage }[];
  authorPages: { group: Group; page: ListPage }[];
  monthPages: { month: Month; page: ListPage }[];
}

const WORDS_PER_MINUTE = 220;
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** `related`: serve's memo of the related articles, which most of its rebuilds leave as they were. */
export function buildArchive(rendered: readonly RenderedArticle[], site: SiteConfig, related?: RelatedMemo): Archive {
  // Undated articles sort after every dated one (their key is empty), as the oldest would.
  const newestFirst = rendered
    .map((r) => ({ r, date: r.meta.date === null ? null : localise(r.meta.date, site.timeZone) }))
    .map((x) => ({ ...x, key: x.date === null ? "" : sortKey(x.date) }))
    .sort((a, b) => (a.key === b.key ? compare(a.r.meta.slug, b.r.meta.slug) : a.key < b.key ? 1 : -1));

  const tagNames = canonicalNames(rendered.map((r) => r.meta.tags));
  const sourceNames = canonicalNames(rendered.map((r) => (r.meta.source === null ? [] : [r.meta.source])));
  const authorNames = canonicalNames(rendered.map((r) => r.meta.authors));
  const articles: Article[] = newestFirst.map(({ r, date }) => {
    const sourceRef = r.meta.source === null ? null : groupRefs([r.meta.source], sourceNames, sourcePath)[0]!;
    const authorRefs = groupRefs(r.meta.authors, authorNames, authorPath);
    return {
      slug: r.meta.slug,
      file: r.file,
      path: articlePath(r.meta.slug),
      title: r.meta.title,
      date,
      updated: r.meta.updated === null ? null : localise(r.meta.updated, site.timeZone),
      source: sourceRef?.name ?? null,
      authors: authorRefs.map((a) => a.name),
      sourceRef,
      authorRefs,
      url: r.meta.url,
      tags: groupRefs(r.meta.tags, tagNames, tagPath),
      image: r.image,
      lang: r.meta.lang ?? site.lang,
      summary: r.meta.summary ?? r.excerpt,
      body: r.body,
      wordCount: r.wordCount,
      readingMinutes: r.wordCount === 0 ? null : Math.max(1, Math.round(r.wordCount / WORDS_PER_MINUTE)),
      draft: r.meta.draft,
      extra: r.meta.extra,
      older: null,
      newer: null,
      related: [],
    };
  });
  articles.forEach((a, i) => {
    const newer = articles[i - 1];
    const older = articles[i + 1];
    a.newer = newer === undefined ? null : link(newer);
    a.older = older === undefined ? null : link(older);
  });
  const relatedTo = relatedIndices(articles.map((a) => ({ tags: a.tags.map((t) => t.slug), day: a.date === null ? null : dayNumber(a.date) })), RELATED_DEFAULTS, related);
  articles.forEach((a, i) => {
    a.related = relatedTo[i]!.map((j) => link(articles[j]!));
  });

  const tags = buildGroups(articles, (a) => a.tags, site.pageSize);
  const sources = buildGroups(articles, (a) => (a.sourceRef === null ? [] : [a.sourceRef]), site.pageSize);
  const authors = buildGroups(articles, (a) => a.authorRefs, site.pageSize);
  const years = buildYears(articles, site.pageSize);
  const undated = articles.filter((a) => a.date === null);
  const flatten = (groups: Group[]) => groups.flatMap((group) => group.pages.map((page) => ({ group, page })));
  return {
    site,
    articles,
    tags,
    sources,
    authors,
    years,
    undated: { count: undated.length, path: undatedPath, pages: undated.length === 0 ? [] : paginate(undated, site.pageSize, undatedPath) },
    tagPages: tags.flatMap((tag) => tag.pages.map((page) => ({ tag, page }))),
    sourcePages: flatten(sources),
    authorPages: flatten(authors),
    monthPages: years.flatMap((y) => y.months).flatMap((month) => month.pages.map((page) => ({ month, page }))),
  };
}

/** Splits a list into pages: page 1 at `base`, page n at `base/page/n/`. */
export function paginate(items: readonly Article[], size: number, base: string): ListPage[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, i) => {
    const number = i + 1;
    return {
      number,
      total,
      path: pagePath(base, number),
      items: items.slice(i * size, number * size),
      previous: number > 1 ? pagePath(base, number - 1) : null,
      next: number < total ? pagePath(base, number + 1) : null,
    };
  });
}

/**
 * Names (of tags, sources or authors) that differ only in case or punctuation are one name, shown
 * in the spelling most articles use (ties: the first in code-point order, so capitalised forms win
 * and output is stable). Keyed by slug.
 */
export function canonicalNames(nameLists: readonly (readonly string[])[]): Map<string, string> {
  const spellings = new Map<string, Map<string, number>>();
  for (const list of nameLists) {
    for (const name of new Set(list)) {
      const slug = slugify(name);
      const counts = spellings.get(slug) ?? new Map<string, number>();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      spellings.set(slug, counts);
    }
  }
  const names = new Map<string, string>();
  for (const [slug, counts] of spellings) {
    const [best] = [...counts].sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0));
    names.set(slug, best![0]);
  }
  return names;
}

/** Each group with its articles, in the order given (newest first), paginated under its path. */
function buildGroups(articles: readonly Article[], refsOf: (a: Article) => readonly GroupRef[], pageSize: number): Group[] {
  const bySlug = new Map<string, { ref: GroupRef; items: Article[] }>();
  for (const article of articles) {
    for (const ref of refsOf(article)) {
      const entry = bySlug.get(ref.slug) ?? { ref, items: [] };
      entry.items.push(article);
      bySlug.set(ref.slug, entry);
    }
  }
  return [...bySlug.values()]
    .map(({ ref, items }) => ({ ...ref, count: items.length, pages: paginate(items, pageSize, ref.path) }))
    .sort((a, b) => collator.compare(a.name, b.name) || compare(a.slug, b.slug));
}

function buildYears(articles: readonly Article[], pageSize: number): Year[] {
  const years = new Map<number, { months: Map<number, Article[]>; yearOnly: Article[]; count: number }>();
  for (const article of articles) {
    if (article.date === null) continue;
    const y = article.date.year;
    const entry = years.get(y) ?? { months: new Map<number, Article[]>(), yearOnly: [], count: 0 };
    entry.count += 1;
    const m = monthOf(article.date);
    if (m === null) entry.yearOnly.push(article);
    else {
      const month = entry.months.get(m) ?? [];
      month.push(article);
      entry.months.set(m, month);
    }
    years.set(y, entry);
  }
  return [...years]
    .sort(([a], [b]) => b - a)
    .map(([year, entry]) => ({
      year,
      count: entry.count,
      path: yearPath(year),
      yearOnly: entry.yearOnly,
      months: [...entry.months]
        .sort(([a], [b]) => a - b)
        .map(([month, items]) => ({
          year,
          month,
          name: `${monthName(month)} ${year}`,
          count: items.length,
          path: monthPath(year, month),
          pages: paginate(items, pageSize, monthPath(year, month)),
        })),
    }));
}

/** The article's names in their canonical spelling, each once. */
function groupRefs(names: readonly string[], canonical: ReadonlyMap<string, string>, pathOf: (slug: string) => string): GroupRef[] {
  const seen = new Set<string>();
  return names
    .map((n) => canonical.get(slugify(n)) ?? n)
    .map((name) => ({ name, slug: slugify(name), path: pathOf(slugify(name)) }))
    .filter((r) => !seen.has(r.slug) && seen.add(r.slug));
}

function link(a: Article): ArticleLink {
  return { title: a.title, path: a.path, date: a.date, lang: a.lang };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
