// The site's feeds: Atom for the whole site, for each tag and for each source, JSON Feed 1.1 for
// the whole site. Pure: each feed is plain data (what post-build.ts keys it by), then a string.
//
// Entry ids are tag URIs (RFC 4151) built from site.feedId and the slug, never from the site's
// URL, so moving the site or rebuilding it never makes a reader show an article again.
//
// Dates: Atom and JSON Feed need full timestamps. A day-less date ("October 2019") is given as the
// start of its period in the site's time zone (2019-10-01T00:00:00), and a wall-clock time with no
// zone is read in the site's time zone. The entry's content starts with the date as the archive
// shows it, so a reader sees "October 2019", not an invented first of the month. Undated articles
// are in no feed: a feed entry must say when it was published.
import { displayDate, offsetAtWallClock, type ArchiveDate } from "../content/dates.ts";
import { escapeHtml } from "../util/html.ts";
import { isDated, type Archive, type Article, type DatedArticle, type Group } from "../content/model.ts";
import { sharedImage, type ImageFile } from "../content/images/picture.ts";
import type { SiteConfig } from "../site-config.ts";
import { absoluteUrl, linkTo, sourcePath, tagPath } from "../content/urls.ts";


export const FEED_PATH = "/feed.xml";
export const JSON_FEED_PATH = "/feed.json";
export const tagFeedPath = (slug: string) => `${tagPath(slug)}feed.xml`;
export const sourceFeedPath = (slug: string) => `${sourcePath(slug)}feed.xml`;

/** The `updated` of a feed with no entries: a fixed instant, so an empty archive builds identically too. */
const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z";

/** One feed of the site: everything its text is made from, besides the site's settings. */
export interface Feed {
  format: "atom" | "json";
  /** The part of the feed's tag URI after the tagging entity. */
  id: string;
  title: string;
  subtitle: string;
  /** Where the feed itself lives, and the page it follows. */
  selfPath: string;
  pagePath: string;
  articles: readonly DatedArticle[];
}

/** Every feed of the site: Atom and JSON Feed for the whole site, Atom for each tag and each source. */
export function siteFeeds(archive: Archive): Feed[] {
  const { site } = archive;
  const newest = archive.articles.filter(isDated).slice(0, site.feedSize);
  const siteWide = { id: "feed", title: site.title, subtitle: site.description, pagePath: "/", articles: newest };
  return [
    { format: "atom", ...siteWide, selfPath: FEED_PATH },
    { format: "json", ...siteWide, selfPath: JSON_FEED_PATH },
    // A tag feed is how people follow one story; a source feed follows one publication.
    ...archive.tags.map((tag) => groupFeed(site, tag, { kind: "tags", subtitle: `Articles tagged ${tag.name}`, selfPath: tagFeedPath(tag.slug) })),
    ...archive.sources.map((source) => groupFeed(site, source, { kind: "sources", subtitle: `Articles from ${source.name}`, selfPath: sourceFeedPath(source.slug) })),
  ];
}

export function feedText(site: SiteConfig, feed: Feed): string {
  return feed.format === "atom" ? atomFeed(site, feed) : jsonFeed(site, feed);
}

/** The newest articles of a group, up to the feed size; its id stays the same when the group's name is respelled. */
function groupFeed(site: SiteConfig, group: Group, feed: { kind: string; subtitle: string; selfPath: string }): Feed {
  return {
    format: "atom",
    id: `${feed.kind}/${encodeURIComponent(group.slug)}`,
    title: `${site.title}: ${group.name}`,
    subtitle: feed.subtitle,
    selfPath: feed.selfPath,
    pagePath: group.path,
    articles: group.pages.flatMap((p) => p.items).filter(isDated).slice(0, site.feedSize),
  };
}

/** The stable id of an article in every feed. */
export function entryId(site: SiteConfig, article: Article): string {
  return `tag:${site.feedId}:articles/${encodeURIComponent(article.slug)}`;
}

/** RFC 3339 timestamp of the start of the period a date names, in the site's time zone. */
export function feedTimestamp(date: ArchiveDate, timeZone: string): string {
  const two = (n: number) => String(n).padStart(2, "0");
  // A zoned time was already moved into the site's zone (localise), so its wall clock is read there too.
  const wall =
    date.precision === "time"
      ? { year: date.year, month: date.month, day: date.day, hour: date.hour, minute: date.minute, second: date.second ?? 0 }
      : { year: date.year, month: date.precision === "year" ? 1 : date.month, day: date.precision === "day" ? date.day : 1, hour: 0, minute: 0, second: 0 };
  const local = `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}`;
  return `${local}${offsetAtWallClock(wall, timeZone)}`.replace(/\+00:00$/, "Z");
}

function atomFeed(site: SiteConfig, feed: Feed): string {
  const url = (p: string) => absoluteUrl(site, p);
  const entries = feed.articles.map((a) => {
    const published = feedTimestamp(a.date, site.timeZone);
    const updated = feedTimestamp(a.updated ?? a.date, site.timeZone);
    return { a, published, updated };
  });
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(site.lang)}">`,
    `<id>tag:${xml(site.feedId)}:${xml(feed.id)}</id>`,
    `<title type="text">${xml(feed.title)}</title>`,
    ...(feed.subtitle === "" ? [] : [`<subtitle type="text">${xml(feed.subtitle)}</subtitle>`]),
    `<link rel="self" type="application/atom+xml" href="${xml(url(feed.selfPath))}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(url(feed.pagePath))}"/>`,
    `<updated>${newest(entries.map((e) => e.updated)) ?? EMPTY_FEED_UPDATED}</updated>`,
    `<author><name>${xml(site.title)}</name></author>`,
    `<generator>news-archive</generator>`,
    ...entries.map(({ a, published, updated }) =>
      [
        `<entry xml:lang="${xml(a.lang)}">`,
        `<id>${xml(entryId(site, a))}</id>`,
        `<title type="text">${xml(a.title)}</title>`,
        `<link rel="alternate" type="text/html" href="${xml(url(a.path))}"/>`,
        ...(a.url === null ? [] : [`<link rel="related" type="text/html" href="${xml(a.url)}"/>`]),
        `<published>${published}</published>`,
        `<updated>${updated}</updated>`,
        ...a.authors.map((name) => `<author><name>${xml(name)}</name></author>`),
        ...a.tags.map((t) => `<category term="${xml(t.slug)}" label="${xml(t.name)}" scheme="${xml(url("/tags/"))}"/>`),
        ...(a.summary === "" ? [] : [`<summary type="text">${xml(a.summary)}</summary>`]),
        `<content type="html" xml:base="${xml(url(a.path))}">${xml(contentHtml(site, a))}</content>`,
        `</entry>`,
      ].join("\n"),
    ),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}

function jsonFeed(site: SiteConfig, feed: Feed): string {
  const url = (p: string) => absoluteUrl(site, p);
  const json = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: url(feed.pagePath),
    feed_url: url(feed.selfPath),
    ...(feed.subtitle === "" ? {} : { description: feed.subtitle }),
    language: site.lang,
    authors: [{ name: site.title }],
    items: feed.articles.map((a) => ({
      id: entryId(site, a),
      url: url(a.path),
      ...(a.url === null ? {} : { external_url: a.url }),
      title: a.title,
      content_html: contentHtml(site, a),
      ...(a.summary === "" ? {} : { summary: a.summary }),
      ...(a.image === null ? {} : { image: imageUrl(site, a.image.file) }),
      date_published: feedTimestamp(a.date, site.timeZone),
      ...(a.updated === null ? {} : { date_modified: feedTimestamp(a.updated, site.timeZone) }),
      ...(a.authors.length === 0 ? {} : { authors: a.authors.map((name) => ({ name })) }),
      ...(a.tags.length === 0 ? {} : { tags: a.tags.map((t) => t.name) }),
      language: a.lang,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function imageUrl(site: SiteConfig, file: ImageFile): string {
  const shared = sharedImage(file);
  return "url" in shared ? shared.url : absoluteUrl(site, shared.path);
}

/** The body, after a line with the date as the archive shows it and the source. */
function contentHtml(site: SiteConfig, a: DatedArticle): string {
  const facts = [displayDate(a.date), ...(a.source === null ? [] : [a.source])];
  return `<p>${escapeHtml(facts.join(" · "))}</p>\n${a.body.html(linkTo(site.pathPrefix))}`;
}

function newest(timestamps: readonly string[]): string | undefined {
  return [...timestamps].sort((x, y) => Date.parse(y) - Date.parse(x) || (x < y ? -1 : x > y ? 1 : 0))[0];
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Escapes text for XML, and drops the characters XML 1.0 cannot carry at all (control characters,
 * lone surrogates): one stray byte in an article must not make the whole feed unreadable.
 */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
