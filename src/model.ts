// The archive as plain data, built by pure functions: templates only present it. Everything here
// is linear or n·log n in the number of articles, so 100,000 articles stay cheap.
import { localise, monthName, monthOf, sortKey, type ArchiveDate } from "./dates.ts";
import { dayNumber, relatedIndices } from "./related.ts";
import type { ArticleMeta } from "./schema.ts";
import type { SiteConfig } from "./site-config.ts";
import { slugify } from "./slugs.ts";
import { articlePath, monthPath, pagePath, tagPath, yearPath } from "./urls.ts";

/** What the render step hands over for each article. */
export interface RenderedArticle {
  file: string;
  meta: ArticleMeta;
  html: string;
  excerpt: string;
  wordCount: number;
}

export interface TagRef {
  name: string;
  slug: string;
  path: string;
}

export interface ArticleLink {
  title: string;
  path: string;
  date: ArchiveDate;
  /** The article's language, for a lang attribute where it differs from the page's. */
  lang: string;
}

export interface Article {
  slug: string;
  file: string;
  path: string;
  title: string;
  /** In the site's time zone where the source gave a zone; otherwise as written. */
  date: ArchiveDate;
  updated: ArchiveDate | null;
  source: string | null;
  authors: string[];
  url: string | null;
  tags: TagRef[];
  lang: string;
  summary: string;
  html: string;
  wordCount: number;
  readingMinutes: number;
  draft: boolean;
  extra: Record<string, unknown>;
  /** The next older and next newer article in the whole archive. */
  older: ArticleLink | null;
  newer: ArticleLink | null;
  /** Up to five articles sharing its rarer tags, best first; empty rather than unrelated. */
  related: ArticleLink[];
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

export interface Tag extends TagRef {
  count: number;
  pages: ListPage[];
}

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
  /** Alphabetical. */
  tags: Tag[];
  /** Newest first. */
  years: Year[];
  /** Flattened for Eleventy's pagination, one entry per output page. */
  tagPages: { tag: Tag; page: ListPage }[];
  monthPages: { month: Month; page: ListPage }[];
}

const WORDS_PER_MINUTE = 220;
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

export function buildArchive(rendered: readonly RenderedArticle[], site: SiteConfig): Archive {
  const newestFirst = rendered
    .map((r) => ({ r, date: localise(r.meta.date, site.timeZone) }))
    .map((x) => ({ ...x, key: sortKey(x.date) }))
    .sort((a, b) => (a.key === b.key ? compare(a.r.meta.slug, b.r.meta.slug) : a.key < b.key ? 1 : -1));

  const tagNames = canonicalTagNames(rendered.map((r) => r.meta.tags));
  const articles: Article[] = newestFirst.map(({ r, date }) => ({
    slug: r.meta.slug,
    file: r.file,
    path: articlePath(r.meta.slug),
    title: r.meta.title,
    date,
    updated: r.meta.updated === null ? null : localise(r.meta.updated, site.timeZone),
    source: r.meta.source,
    authors: r.meta.authors,
    url: r.meta.url,
    tags: uniqueBySlug(r.meta.tags.map((t) => tagRef(tagNames.get(slugify(t)) ?? t))),
    lang: r.meta.lang ?? site.lang,
    summary: r.meta.summary ?? r.excerpt,
    html: r.html,
    wordCount: r.wordCount,
    readingMinutes: Math.max(1, Math.round(r.wordCount / WORDS_PER_MINUTE)),
    draft: r.meta.draft,
    extra: r.meta.extra,
    older: null,
    newer: null,
    related: [],
  }));
  articles.forEach((a, i) => {
    const newer = articles[i - 1];
    const older = articles[i + 1];
    a.newer = newer === undefined ? null : link(newer);
    a.older = older === undefined ? null : link(older);
  });
  const related = relatedIndices(articles.map((a) => ({ tags: a.tags.map((t) => t.slug), day: dayNumber(a.date) })));
  articles.forEach((a, i) => {
    a.related = related[i]!.map((j) => link(articles[j]!));
  });

  const tags = buildTags(articles, site.pageSize);
  const years = buildYears(articles, site.pageSize);
  return {
    site,
    articles,
    tags,
    years,
    tagPages: tags.flatMap((tag) => tag.pages.map((page) => ({ tag, page }))),
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
 * Tags that differ only in case or punctuation are one tag, shown in the spelling most articles
 * use (ties: the first in code-point order, so capitalised forms win and output is stable).
 */
export function canonicalTagNames(tagLists: readonly (readonly string[])[]): Map<string, string> {
  const spellings = new Map<string, Map<string, number>>();
  for (const list of tagLists) {
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

function buildTags(articles: readonly Article[], pageSize: number): Tag[] {
  const bySlug = new Map<string, { ref: TagRef; items: Article[] }>();
  for (const article of articles) {
    for (const ref of article.tags) {
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

function tagRef(name: string): TagRef {
  const slug = slugify(name);
  return { name, slug, path: tagPath(slug) };
}

function uniqueBySlug(refs: TagRef[]): TagRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.slug) && seen.add(r.slug));
}

function link(a: Article): ArticleLink {
  return { title: a.title, path: a.path, date: a.date, lang: a.lang };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
