// The URL scheme an archive had before it came here, spelled as its generator spelled it, and each
// article's address under it. Jekyll's `permalink:` (a string, or a named style) and Hugo's
// `[permalinks]` (a table of section → pattern) fill the same placeholders differently (`:title` is
// the file name to Jekyll and the title to Hugo), so the form the setting is written in says whose
// rules apply: users copy the value from their old config as it is.
import { stemOf } from "../content/article-files.ts";
import type { ArchiveDate } from "../content/dates.ts";
import { slugify } from "../content/slugs.ts";

/** Whose rules fill the placeholders: Jekyll's (a string or list) or Hugo's (a section table). */
export type UrlStyle = "jekyll" | "hugo";

/** One pattern of the former scheme, checked; plain data, so it can sit in the site settings. */
export interface FormerPattern {
  style: UrlStyle;
  /** Hugo's content section the pattern was for ("posts"); null for every article. */
  section: string | null;
  /** Always starts with "/", named styles expanded: "/:year/:month/:day/:title/". */
  pattern: string;
}

/** What an article's former address can be made of. */
export interface AddressFacts {
  /** Project-relative, as loaded: "articles/2019/10/2019-10-01-x.md". */
  file: string;
  title: string;
  /** Its slug: the one the old site knew, when this archive had to give it another (ArticleMeta.formerSlug). */
  slug: string;
  /**
   * The `slug:` front-matter as written, or null when there was none. Hugo's `:slug` is this, else
   * the title. Left out, an article's slug is taken to have been written, as it is in nearly every
   * archive whose scheme uses `:slug`.
   */
  writtenSlug?: string | null;
  /** As written (not moved into the site's time zone): the old generator used the written date. */
  date: ArchiveDate | null;
  /** As written, in order. */
  categories: readonly string[];
}

/** Jekyll's named permalink styles (lib/jekyll/configuration.rb, STYLE_TO_PERMALINK). */
export const JEKYLL_STYLES: Readonly<Record<string, string>> = {
  none: "/:categories/:title:output_ext",
  date: "/:categories/:year/:month/:day/:title:output_ext",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
};

/** The Eleventy template expressions a `permalink` commonly holds, and what they stand for. */
const ELEVENTY_EXPRESSIONS: Readonly<Record<string, Placeholder>> = {
  "page.fileSlug": (f) => f.titlePart,
  "page.filePathStem": (f) => `/${f.stem}`,
  slug: (f) => f.facts.slug,
  "title | slugify": (f) => slugify(f.facts.title),
  "title | slug": (f) => slugify(f.facts.title),
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** What a placeholder needs of the date: an article dated less precisely gets no address from it. */
type Needs = "year" | "month" | "day" | "time";

/** A placeholder's value for an article, or null when the article lacks what it needs. */
type Placeholder = (f: Facts, section: string | null) => string | null;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
  yearDay: number;
  isoWeek: number;
  isoYear: number;
}

/** An article's facts with what every placeholder derives from them, worked out once. */
interface Facts {
  facts: AddressFacts;
  /** Folders between articles/ and the file (a page bundle's own folder excluded). */
  folders: string[];
  /** The file's name without extension, or a page bundle's folder name for its index.md. */
  name: string;
  /** The name without a `YYYY-MM-DD-` prefix: what Jekyll makes `:title` from, Eleventy's fileSlug. */
  titlePart: string;
  /** The path under articles/ without extension: Jekyll's `:path`, Eleventy's filePathStem. */
  stem: string;
  date: DateParts | null;
  precision: Needs | null;
}

const two = (n: number) => String(n).padStart(2, "0");

/** Which date precision each date placeholder needs. */
const DATE_NEEDS: Readonly<Record<string, Needs>> = {
  year: "year", short_year: "year",
  month: "month", i_month: "month", short_month: "month", long_month: "month", monthname: "month",
  day: "day", i_day: "day", y_day: "day", yearday: "day", week: "day", w_year: "day", w_day: "day",
  short_day: "day", long_day: "day", weekday: "day", weekdayname: "day",
  hour: "day", minute: "day", second: "day",
};

const dated = (name: string, value: (d: DateParts) => string): Placeholder => (f) => (covers(f.precision, DATE_NEEDS[name]!) ? value(f.date!) : null);

/**
 * Every placeholder, Jekyll's (lib/jekyll/drops/url_drop.rb) and Hugo's (resources/page/permalinks.go)
 * alike; `:title` and `:slug` follow the pattern's style. Accepting both everywhere costs nothing:
 * none of the other names means one thing to Jekyll and another to Hugo.
 */
const PLACEHOLDERS: Readonly<Record<string, Placeholder>> = {
  year: dated("year", (d) => String(d.year)),
  short_year: dated("short_year", (d) => two(d.year % 100)),
  month: dated("month", (d) => two(d.month)),
  i_month: dated("i_month", (d) => String(d.month)),
  short_month: dated("short_month", (d) => MONTHS[d.month - 1]!.slice(0, 3)),
  long_month: dated("long_month", (d) => MONTHS[d.month - 1]!),
  monthname: dated("monthname", (d) => MONTHS[d.month - 1]!),
  day: dated("day", (d) => two(d.day)),
  i_day: dated("i_day", (d) => String(d.day)),
  y_day: dated("y_day", (d) => String(d.yearDay).padStart(3, "0")),
  yearday: dated("yearday", (d) => String(d.yearDay)),
  week: dated("week", (d) => two(d.isoWeek)),
  w_year: dated("w_year", (d) => String(d.isoYear)),
  w_day: dated("w_day", (d) => String(d.weekday === 0 ? 7 : d.weekday)),
  short_day: dated("short_day", (d) => WEEKDAYS[d.weekday]!.slice(0, 3)),
  long_day: dated("long_day", (d) => WEEKDAYS[d.weekday]!),
  weekday: dated("weekday", (d) => String(d.weekday)),
  weekdayname: dated("weekdayname", (d) => WEEKDAYS[d.weekday]!),
  // A date without a time was midnight to Jekyll.
  hour: dated("hour", (d) => two(d.hour)),
  minute: dated("minute", (d) => two(d.minute)),
  second: dated("second", (d) => two(d.second)),
  categories: (f) => unique(f.facts.categories.map((c) => c.toLowerCase())).join("/"),
  slugified_categories: (f) => unique(f.facts.categories.map((c) => jekyllSlug(c, "default"))).join("/"),
  category: (f) => (f.facts.categories.length === 0 ? "" : slugify(f.facts.categories[0]!)),
  collection: () => "posts",
  output_ext: () => ".html",
  path: (f) => f.stem,
  name: (f) => jekyllSlug(f.name, "default"),
  section: (f, section) => f.folders[0] ?? section ?? "",
  sections: (f, section) => (f.folders.length > 0 ? f.folders.join("/") : (section ?? "")),
  filename: (f) => f.name,
  contentbasename: (f) => f.name,
  slugorfilename: (f) => hugoUrlize(hugoSlugOrName(f)),
  slugorcontentbasename: (f) => hugoUrlize(hugoSlugOrName(f)),
};

/** `:title` and `:slug`, which Jekyll makes from the file name and Hugo from the title. */
const STYLED: Readonly<Record<UrlStyle, Readonly<Record<"title" | "slug", Placeholder>>>> = {
  jekyll: {
    title: (f) => jekyllSlug(jekyllSlugSource(f), "pretty", true),
    slug: (f) => jekyllSlug(jekyllSlugSource(f), "default"),
  },
  hugo: {
    title: (f) => hugoUrlize(f.facts.title),
    slug: (f) => hugoUrlize(hugoWrittenSlug(f) ?? f.facts.title),
  },
};

/** Placeholders that stand for folders, which an article may not have. */
const MAY_BE_EMPTY = new Set(["categories", "slugified_categories", "category", "section", "sections"]);

export type PatternsResult = { ok: true; patterns: FormerPattern[] } | { ok: false; messages: string[] };

/**
 * The `formerUrls` setting: a pattern or a Jekyll named style (`"pretty"`), a list of them, or a
 * Hugo `[permalinks]` table (`{ "posts": "/:year/:month/:slug/" }`, also nested under `page`).
 */
export function parseFormerUrls(raw: unknown): PatternsResult {
  if (raw === undefined || raw === null) return { ok: true, patterns: [] };
  const entries: { style: UrlStyle; section: string | null; value: unknown }[] = [];
  if (typeof raw === "string") entries.push({ style: "jekyll", section: null, value: raw });
  else if (Array.isArray(raw)) entries.push(...raw.map((value) => ({ style: "jekyll" as const, section: null, value })));
  else if (typeof raw === "object") {
    const table = raw as Record<string, unknown>;
    const sections = isPlainObject(table.page) ? table.page : table;
    for (const [section, value] of Object.entries(sections)) entries.push({ style: "hugo", section, value });
  } else return { ok: false, messages: [`formerUrls must be a pattern such as "/:year/:month/:day/:title.html", a list of them, or a Hugo permalinks table, not ${typeof raw}`] };

  const patterns: FormerPattern[] = [];
  const messages: string[] = [];
  for (const { style, section, value } of entries) {
    if (typeof value !== "string" || value.trim() === "") {
      messages.push(`formerUrls${section === null ? "" : `.${section}`} must be a pattern such as "/:year/:month/:slug/"`);
      continue;
    }
    const written = value.trim();
    const expanded = style === "jekyll" && Object.hasOwn(JEKYLL_STYLES, written) ? JEKYLL_STYLES[written]! : written;
    const pattern = expanded.startsWith("/") ? expanded : `/${expanded}`;
    const problem = patternProblem(pattern);
    if (problem === null) patterns.push({ style, section, pattern });
    else messages.push(`formerUrls "${written}" ${problem}`);
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, patterns };
}

/** Why a pattern cannot be used, or null. */
function patternProblem(pattern: string): string | null {
  if (/[?#\\\p{Cc}]/u.test(pattern.replace(/\\:/g, ""))) return "may not hold ?, #, \\ or control characters: a static host serves paths only";
  if (pattern.split("/").some((part) => part === "..")) return "may not climb out with ..";
  for (const token of tokens(pattern)) {
    if (token.kind === "placeholder" && token.known === null) {
      return `has the placeholder :${token.name}, which neither Jekyll nor Hugo knows; known: ${[...Object.keys(PLACEHOLDERS), "title", "slug"].sort().map((n) => `:${n}`).join(" ")}`;
    }
    if (token.kind === "placeholder" && token.sliced) return `uses a slice of :${token.name}, which is not supported; write the folders out`;
    if (token.kind === "expression" && token.known === null) {
      return `has the template expression {{ ${token.expression} }}; write it with placeholders instead (such as :year/:month/:day), or one of ${Object.keys(ELEVENTY_EXPRESSIONS).map((e) => `{{ ${e} }}`).join(", ")}`;
    }
  }
  return null;
}

type Token =
  | { kind: "text"; text: string }
  | { kind: "placeholder"; name: string; known: string | null; sliced: boolean }
  | { kind: "expression"; expression: string; known: string | null };

/** A pattern's parts: text, `:placeholders`, Eleventy `{{ expressions }}`; `\:` is a colon. */
function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  const text = (t: string) => {
    const last = out[out.length - 1];
    if (last?.kind === "text") last.text += t;
    else if (t !== "") out.push({ kind: "text", text: t });
  };
  const re = /\\:|\{\{-?\s*(.*?)\s*-?\}\}|:(\w+)/g;
  let at = 0;
  for (let m = re.exec(pattern); m !== null; m = re.exec(pattern)) {
    text(pattern.slice(at, m.index));
    if (m[0] === "\\:") text(":");
    else if (m[1] !== undefined) {
      const expression = m[1].replace(/\s*\|\s*/g, " | ");
      out.push({ kind: "expression", expression, known: Object.hasOwn(ELEVENTY_EXPRESSIONS, expression) ? expression : null });
    } else {
      // Jekyll reads `:month_:day` as :month, "_", :day: a name gives up trailing underscores
      // until it names a placeholder.
      let name = m[2]!;
      while (name.endsWith("_") && !isPlaceholder(name)) name = name.slice(0, -1);
      re.lastIndex = m.index + 1 + name.length;
      out.push({ kind: "placeholder", name, known: isPlaceholder(name) ? name : null, sliced: pattern[re.lastIndex] === "[" });
    }
    at = re.lastIndex;
  }
  text(pattern.slice(at));
  return out;
}

function isPlaceholder(name: string): boolean {
  return Object.hasOwn(PLACEHOLDERS, name) || name === "title" || name === "slug";
}

/**
 * The article's address under each pattern that applies to it: Hugo's patterns by section (the
 * article's first folder; an article in no section's folder, as when a Hugo `posts/` folder was
 * copied in flat, takes every pattern). A pattern whose date placeholders the article's date cannot
 * fill (an undated article, a date without a day) gives no address. Duplicates are dropped.
 */
export function formerUrlsOf(patterns: readonly FormerPattern[], facts: AddressFacts): string[] {
  const f = factsOf(facts);
  const sections = new Set(patterns.flatMap((p) => (p.section === null ? [] : [p.section])));
  const own = f.folders[0] !== undefined && sections.has(f.folders[0]) ? f.folders[0] : null;
  const urls: string[] = [];
  for (const p of patterns) {
    if (own !== null && p.section !== null && p.section !== own) continue;
    const url = expand(p, f);
    if (url !== null && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

/** Each pattern's tokens, made once: a build expands every pattern for every article. */
const tokenized = new Map<string, Token[]>();

function expand(p: FormerPattern, f: Facts): string | null {
  let parts = tokenized.get(p.pattern);
  if (parts === undefined) tokenized.set(p.pattern, (parts = tokens(p.pattern)));
  let out = "";
  for (const token of parts) {
    if (token.kind === "text") {
      out += token.text;
      continue;
    }
    const fill = token.kind === "expression" ? ELEVENTY_EXPRESSIONS[token.known!] : (STYLED[p.style][token.known as "title" | "slug"] ?? PLACEHOLDERS[token.known!]);
    const value = fill?.(f, p.section) ?? null;
    // Only the folders a pattern lists may be empty (no categories, no section): an empty name
    // would make the address of a whole folder.
    if (value === null || (value === "" && !MAY_BE_EMPTY.has(token.kind === "placeholder" ? token.name : ""))) return null;
    out += value;
  }
  return p.style === "jekyll" ? jekyllCleanUrl(out) : hugoCleanUrl(out);
}

/** Jekyll's URL#sanitize_url: ".." becomes "/", "./" goes, slashes are squeezed. */
function jekyllCleanUrl(url: string): string {
  return `/${url}`.replace(/\.\./g, "/").replace(/\.\//g, "").replace(/\/{2,}/g, "/");
}

/** What Hugo does to a page's path: each part through MakePathSanitized (sanitized, lower case). */
function hugoCleanUrl(url: string): string {
  return `/${url.split("/").map(hugoUrlize).join("/")}`.replace(/\/{2,}/g, "/");
}

/** Hugo's urlize, decoded: sanitized and lower-cased (Hugo's default, disablePathToLower unset). */
function hugoUrlize(text: string): string {
  return hugoSanitize(text).toLowerCase();
}

/**
 * Hugo's paths.Sanitize: letters, digits, marks and `._~-@+#` are kept (and `%` before two hex
 * digits); a run of spaces becomes one hyphen; anything else is dropped.
 */
export function hugoSanitize(text: string): string {
  let out = "";
  let pendingHyphen = false;
  let wasHyphen = false;
  const chars = Array.from(text);
  chars.forEach((c, i) => {
    const allowed = /[\p{L}\p{Nd}\p{M}._~\-@+#/\\]/u.test(c) || (c === "%" && /^[0-9a-fA-F]{2}$/.test(chars.slice(i + 1, i + 3).join("")));
    if (allowed) {
      wasHyphen = c === "-";
      if (pendingHyphen && !wasHyphen) out += "-";
      pendingHyphen = false;
      out += c;
    } else if (out !== "" && !wasHyphen && /\s/u.test(c)) {
      pendingHyphen = true;
    }
  });
  return out;
}

/**
 * Jekyll's Utils.slugify: "default" keeps letters, marks and digits; "pretty" also `._~!$&'()+,;=@`;
 * every other run becomes one hyphen, hyphens at the ends go, and it is lower-cased unless `cased`.
 */
export function jekyllSlug(text: string, mode: "default" | "pretty", cased = false): string {
  const other = mode === "pretty" ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu;
  const slug = text.replace(other, "-").replace(/^-|-$/g, "");
  return cased ? slug : slug.toLowerCase();
}

/** Jekyll's `slug` data: the front-matter slug, else the file's name without its date. */
function jekyllSlugSource(f: Facts): string {
  const written = f.facts.writtenSlug;
  if (written !== undefined) return written ?? f.titlePart;
  // Unknown whether it was written: a slug that is just the file name made into one came from the
  // file name, whose case Jekyll's :title keeps.
  return f.facts.slug === slugify(f.titlePart) ? f.titlePart : f.facts.slug;
}

function hugoWrittenSlug(f: Facts): string | null {
  return f.facts.writtenSlug === undefined ? f.facts.slug : f.facts.writtenSlug;
}

/** Hugo's :slugorfilename: the written slug, else the file's name (dots and all: "v2.9.18-release"). */
function hugoSlugOrName(f: Facts): string {
  const written = f.facts.writtenSlug;
  if (written !== undefined) return written ?? f.name;
  // Unknown whether it was written: a slug that is just the file name made into one came from it.
  return f.facts.slug === slugify(f.titlePart) ? f.name : f.facts.slug;
}

/** Jekyll's DATE_FILENAME_MATCHER, for the name alone. */
const DATED_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-(.+)$/;

function factsOf(facts: AddressFacts): Facts {
  const under = facts.file.replace(/\\/g, "/").replace(/^articles\//, "");
  const parts = under.split("/");
  const base = stemOf(parts.pop()!);
  const bundle = base === "index" && parts.length > 0;
  const name = bundle ? parts.pop()! : base;
  const titlePart = DATED_NAME.exec(name)?.[2] ?? name;
  const stem = [...parts, bundle ? `${name}/index` : name].join("/");
  const date = facts.date === null ? null : dateParts(facts.date);
  return { facts, folders: parts, name, titlePart, stem, date, precision: facts.date?.precision ?? null };
}

function dateParts(date: ArchiveDate): DateParts {
  const month = date.precision === "year" ? 1 : date.month;
  const day = date.precision === "year" || date.precision === "month" ? 1 : date.day;
  const time = date.precision === "time" ? date : { hour: 0, minute: 0, second: 0 };
  const utc = Date.UTC(date.year, month - 1, day);
  const weekday = new Date(utc).getUTCDay();
  const yearDay = Math.round((utc - Date.UTC(date.year, 0, 1)) / 86_400_000) + 1;
  // ISO 8601 week: the week (Monday first) holding the year's first Thursday is week 1.
  const thursday = new Date(utc + (3 - ((weekday + 6) % 7)) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const isoWeek = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year: date.year, month, day, hour: time.hour, minute: time.minute, second: time.second ?? 0, weekday, yearDay, isoWeek, isoYear };
}

function covers(precision: Needs | null, needs: Needs): boolean {
  const order: Needs[] = ["year", "month", "day", "time"];
  return precision !== null && order.indexOf(precision) >= order.indexOf(needs);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
