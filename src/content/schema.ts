// The one front-matter schema. It reads what people actually write in Jekyll, Hugo, Eleventy, Zola
// and Astro (their field names, comma strings, a date in the file name or folders) and turns the
// rest into a Problem with a fix: an error only for what cannot be understood or is unsafe, a
// warning for what is understood but imperfect.
import { dateInPath, type ArticleFile } from "./article-files.ts";
import { DATE_FORMS, isoDate, parseDate, type ArchiveDate } from "./dates.ts";
import { classifyImageSrc } from "./images/image-src.ts";
import type { Problem, ProblemKind } from "./problems.ts";
import { checkSlug, MAX_SLUG_BYTES, slugify } from "./slugs.ts";

export interface ArticleMeta {
  title: string;
  /** null: the article has no date anywhere; it is filed under Undated (with an `undated` warning). */
  date: ArchiveDate | null;
  updated: ArchiveDate | null;
  source: string | null;
  authors: string[];
  /** The original article's http(s) address. */
  url: string | null;
  /** As written, trimmed, categories included; merged case-insensitively by the model. */
  tags: string[];
  /** The categories alone, as written: a former URL scheme (`/:categories/:title/`) may use them. */
  categories: string[];
  lang: string | null;
  summary: string | null;
  slug: string;
  /** The slug the old site knew, when another article had it and this one moved (slug-clashes.ts). */
  formerSlug?: string;
  draft: boolean;
  /** The lead picture, its src checked to be a web address or a path inside the project. */
  image: ImageMeta | null;
  /** The article's old addresses (Hugo `aliases`, Jekyll `redirect_from`, a path `permalink` or `url`): site paths starting with `/`. */
  aliases: string[];
  /** Fields the schema does not know, kept for templates (and for `check` to spot typos). */
  extra: Record<string, unknown>;
}

export interface ImageMeta {
  src: string;
  /** "" when the front-matter gives none (with a `picture-no-alt` warning). */
  alt: string;
  caption: string | null;
  credit: string | null;
  /** The line of the picture's field, for problems found when the picture itself is read. */
  line?: number;
}

/** A file that only sends readers elsewhere (Jekyll's redirect_to pages): a redirect, not an article. */
export interface RedirectStub {
  file: string;
  /** The line of its `redirect_to:`. */
  line?: number;
  /** Where it sends readers, as written: a site path or an http(s) address. */
  to: string;
  /** Its own `permalink` and `redirect_from` paths, starting with `/` (its URL under the former scheme is computed later). */
  from: string[];
}

/** Each field of the schema and the names other generators give it, in the order they are tried. */
const FIELD_NAMES = {
  title: ["title"],
  date: ["date", "publishDate", "pubDate", "date_published", "published"],
  updated: ["updated", "lastmod", "last_modified_at", "updatedDate", "modified", "date_modified"],
  source: ["source"],
  authors: ["author", "authors", "by"],
  url: ["url"],
  // Zola's page path on the old site (the Rust blog keeps its post dates there).
  path: ["path"],
  tags: ["tags"],
  categories: ["categories", "category"],
  lang: ["lang", "language"],
  summary: ["summary", "description", "excerpt"],
  slug: ["slug"],
  draft: ["draft", "published"],
  image: ["image", "cover", "featured_image", "featureImage", "heroImage", "images", "thumbnail", "hero"],
  aliases: ["aliases", "redirect_from", "permalink"],
  redirect: ["redirect_to", "redirect"],
  // Zola keeps tags and categories in a table of their own.
  taxonomies: ["taxonomies"],
} as const;

/** Every field name the schema reads; `check` calls an unknown one near these a typo. */
export const KNOWN_FIELDS: readonly string[] = [...new Set(Object.values(FIELD_NAMES).flat())];

/** What a redirect stub may hold besides its redirect: Jekyll's redirect pages carry these. */
const STUB_FIELDS = new Set(["title", "layout", "permalink", "redirect_from", "sitemap", "redirect_to", "redirect"]);

/** Eleventy's words for "the file's own dates": no date the archive can read. */
const FILE_DATE_WORDS = /^(git )?(last modified|created)$/i;

export interface FileFacts {
  /** Project-relative path for messages. */
  file: string;
  /** What the path says (article-files.ts): the name for the slug, a date, a draft folder. */
  path: Extract<ArticleFile, { kind: "article" }>;
  /** The body's opening `# heading`, which is the title when the front-matter gives none. */
  heading: string | null;
  /** Whether the body holds any text: a redirect stub has none. */
  hasBody: boolean;
  /** Line of a front-matter key, when it can be found. */
  lineOf: (field: string) => number | undefined;
}

export type SchemaResult =
  | { kind: "article"; meta: ArticleMeta; warnings: Problem[]; titleFromHeading: boolean }
  | { kind: "redirect"; redirect: RedirectStub }
  | { kind: "not-an-article"; warning: Problem }
  | { kind: "refused"; problems: Problem[]; lead: RefusedLead };

/**
 * The lead picture of an article refused for its front-matter, as far as it could be read, and
 * the warnings about it: its pictures are still checked, so one run reports every picture problem.
 */
export interface RefusedLead {
  image: ImageMeta | null;
  warnings: Problem[];
}

const NO_LEAD: RefusedLead = { image: null, warnings: [] };

type Report = (field: string, message: string, fix: string, kind?: ProblemKind) => void;
/** The first of a field's names that holds a usable value, with the name as written. */
type First = (names: readonly string[], usable?: (value: unknown, name: string) => boolean) => { field: string; value: unknown } | null;

export function validateFrontMatter(written: Record<string, unknown>, facts: FileFacts): SchemaResult {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const place = (field: string) => {
    const line = facts.lineOf(field.split(".")[0]!);
    return line === undefined ? {} : { line };
  };
  const problem: Report = (field, message, fix, kind = kindOf(field)) => problems.push({ kind, file: facts.file, field, ...place(field), message, fix });
  const warn = (kind: ProblemKind, field: string, message: string, fix: string) => warnings.push({ kind, file: facts.file, field, ...place(field), message, fix });

  // Hugo reads field names in any case (`Title`, `publishdate`); the first spelling written wins.
  const byName = new Map<string, string>();
  for (const key of Object.keys(written)) if (!byName.has(key.toLowerCase())) byName.set(key.toLowerCase(), key);
  const has = (name: string) => byName.has(name.toLowerCase());
  /** The first of a field's names that holds a value, with the name as written. */
  const first: First = (names, usable = isGiven) => {
    for (const name of names) {
      const key = byName.get(name.toLowerCase());
      if (key !== undefined && usable(written[key], name)) return { field: key, value: written[key] };
    }
    return null;
  };

  const listing = listingPage(written, byName);
  if (listing !== null) {
    return {
      kind: "not-an-article",
      warning: { kind: "not-an-article", file: facts.file, field: listing.field, ...place(listing.field), message: listing.message, fix: "nothing to do: the archive makes its own lists; move it out of the articles folder to silence this" },
    };
  }

  if (isRedirectStub(written, byName, facts)) {
    const stub = redirectStub(written, byName, facts, problem);
    return stub === null ? { kind: "refused", problems, lead: NO_LEAD } : { kind: "redirect", redirect: stub };
  }

  const text = (found: { field: string; value: unknown } | null): string | null => (found === null ? null : readText(found.field, found.value, problem));

  const titleWritten = first(FIELD_NAMES.title);
  let title = text(titleWritten);
  const titleFromHeading = title === null && titleWritten === null && facts.heading !== null;
  if (titleFromHeading) title = facts.heading;
  if (title === null && !problems.some((p) => p.field === "title")) {
    problem("title", "is missing or empty", 'add a line like: title: "What the article is called", or start the text with a # heading', "title-missing");
  }

  const aliases: string[] = [];
  /** The page's own old address (`url`, `path`, `permalink`), unlike its aliases, may carry its date. */
  const ownAddresses: string[] = [];
  let url: string | null = null;
  const urlWritten = first(FIELD_NAMES.url);
  const urlText = text(urlWritten);
  if (urlWritten !== null && urlText !== null) {
    if (isWebUrl(urlText)) url = urlText;
    else {
      // Hugo's `url` is the page's own address on the old site: an old address to redirect from.
      const old = sitePath(urlText);
      // `example.com/news/1` is an address without its https://, not a path.
      if (old.ok && !(!urlText.startsWith("/") && /^[^/]*\./.test(urlText))) {
        aliases.push(old.path);
        ownAddresses.push(old.path);
      }
      else problem(urlWritten.field, `"${urlText}" is not an http(s) address or a path on this site`, "give the original article's full address, starting with https://, or the old page's path, starting with /", "field-invalid");
    }
  }
  for (const name of [...FIELD_NAMES.path, ...FIELD_NAMES.aliases]) {
    const key = byName.get(name.toLowerCase());
    if (key === undefined || written[key] === false) continue;
    for (const item of listOf(written[key])) {
      const found = typeof item === "string" ? sitePath(item) : { ok: false as const, reason: `is ${describe(item)}, not a path` };
      if (!found.ok) problem(key, `${typeof item === "string" ? `"${item}" ` : ""}${found.reason}`, "write the old page's path on this site, e.g. /2019/10/old-name/", "redirect-invalid");
      else {
        aliases.push(found.path);
        if (name === "path" || name === "permalink") ownAddresses.push(found.path);
      }
    }
  }

  const date = readArticleDate(first, facts, ownAddresses[0] ?? null, problem, warn);
  const updatedWritten = first(FIELD_NAMES.updated);
  const updated = updatedWritten === null ? null : readDate(updatedWritten.field, updatedWritten.value, problem, warn);

  const slug = readSlug(text(first(FIELD_NAMES.slug)), title, facts, problem, warn);

  const langWritten = first(FIELD_NAMES.lang);
  // `en_US` is how Jekyll themes and Hugo write a locale; BCP 47 writes `en-US`.
  const lang = text(langWritten)?.replace(/_/g, "-") ?? null;
  if (lang !== null && !isLanguageTag(lang)) {
    problem(langWritten!.field, `"${lang}" is not a language tag`, 'use a BCP 47 tag such as "en", "ar" or "fr-CA"', "field-invalid");
  }

  let draft = facts.path.draft;
  const draftWritten = first(["draft"]);
  if (draftWritten !== null) {
    const value = readBoolean(draftWritten.value);
    if (value === null) problem(draftWritten.field, `must be true or false, but is ${describe(draftWritten.value)}`, "write draft: true or leave the field out", "field-invalid");
    else draft ||= value;
  }
  // Jekyll's `published: false`; a date in `published` is read as the date (above).
  const published = first(["published"], (v) => readBoolean(v) !== null);
  if (published !== null && readBoolean(published.value) === false) draft = true;

  const taxonomies = first(FIELD_NAMES.taxonomies, (v) => typeof v === "object" && v !== null && !Array.isArray(v));
  const table = (taxonomies?.value ?? {}) as Record<string, unknown>;
  const categories = [
    ...FIELD_NAMES.categories.flatMap((name) => {
      const key = byName.get(name);
      // Jekyll splits `categories: news politics` at spaces; one `category` is one name.
      return key === undefined ? [] : readNames(key, written[key], problem, warn, name === "categories" ? /[,\s]+/ : /,/);
    }),
    ...(table.categories === undefined ? [] : readNames(`${taxonomies!.field}.categories`, table.categories, problem, warn)),
  ];
  const tags = [
    ...(has("tags") ? readNames(byName.get("tags")!, written[byName.get("tags")!], problem, warn) : []),
    ...(table.tags === undefined ? [] : readNames(`${taxonomies!.field}.tags`, table.tags, problem, warn)),
    ...categories,
  ];

  const authors = FIELD_NAMES.authors.flatMap((name) => {
    const key = byName.get(name.toLowerCase());
    return key === undefined ? [] : readNames(key, written[key], problem, warn);
  });
  const source = text(first(FIELD_NAMES.source));
  // A source and each author get a page of their own, so their names must make a URL, as tags do.
  for (const [field, names] of [["source", source === null ? [] : [source]], ["author", authors]] as const) {
    for (const name of names) {
      const check = checkSlug(slugify(name));
      if (!check.ok) problem(field, `"${name}" cannot be used as a ${field} name: ${check.reason}`, `write the ${field}'s name in words`, "field-invalid");
    }
  }

  const imageWritten = first(FIELD_NAMES.image, (v) => isGiven(v) && v !== false && !(Array.isArray(v) && v.length === 0));
  const image = imageWritten === null ? null : readImage(imageWritten.field, imageWritten.value, problem, warn, place(imageWritten.field));

  const summary = text(first(FIELD_NAMES.summary));

  const used = new Set<string>();
  for (const names of Object.values(FIELD_NAMES)) for (const name of names) used.add(name.toLowerCase());
  // fromEntries defines each key as a field: `extra["__proto__"] = …` would set the prototype.
  const extra: Record<string, unknown> = Object.fromEntries(Object.entries(written).filter(([key]) => !used.has(key.toLowerCase())));

  // A page with neither a title nor any text (Zola's `template = "latest.html"`) is a template's page.
  if (!FIELD_NAMES.title.some((name) => has(name)) && title === null && !facts.hasBody && problems.every((p) => p.kind === "title-missing")) {
    return {
      kind: "not-an-article",
      warning: { kind: "not-an-article", file: facts.file, field: "file", message: "has no title and no text, so it is not an article", fix: "nothing to do if it was a page of the old site's templates; if it is an article, give it a title and its text" },
    };
  }
  // In the order of the file, as a person fixing them reads it; those without a line first.
  if (problems.length > 0 || title === null) {
    const leadWarnings = imageWritten === null ? [] : warnings.filter((w) => w.field.startsWith(`${imageWritten.field}.`));
    return { kind: "refused", problems: byLine(problems), lead: { image, warnings: leadWarnings } };
  }
  return {
    kind: "article",
    titleFromHeading,
    warnings: byLine(warnings),
    meta: {
      title,
      date,
      updated,
      source,
      authors: unique(authors),
      url,
      tags: unique(tags),
      categories: unique(categories),
      lang,
      summary,
      slug,
      draft,
      image,
      aliases: unique(aliases),
      extra,
    },
  };
}

function byLine(problems: Problem[]): Problem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i).map(({ p }) => p);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
}

function kindOf(field: string): ProblemKind {
  if (field === "slug" || field === "file") return "slug-invalid";
  return "field-invalid";
}

/** Eleventy's and Hugo's pages that list other pages: not articles, whatever else they hold. */
function listingPage(written: Record<string, unknown>, byName: Map<string, string>): { field: string; message: string } | null {
  const value = (name: string) => {
    const key = byName.get(name.toLowerCase());
    return key === undefined ? undefined : { key, value: written[key] };
  };
  const pagination = value("pagination");
  if (pagination !== undefined && isGiven(pagination.value)) return { field: pagination.key, message: "is an Eleventy listing page (it has pagination:), not an article, so it is not part of the site" };
  const excluded = value("eleventyExcludeFromCollections");
  if (excluded !== undefined && excluded.value === true) return { field: excluded.key, message: "is left out of Eleventy's collections (eleventyExcludeFromCollections: true), so it is not an article here either" };
  const permalink = value("permalink");
  if (permalink !== undefined && permalink.value === false) return { field: permalink.key, message: "has permalink: false, so Eleventy never published it, and neither does this archive" };
  const headless = value("headless");
  if (headless !== undefined && headless.value === true) return { field: headless.key, message: "is a Hugo headless page (headless: true), never published on its own, so it is not an article" };
  return null;
}

/** A file holding only a redirect (and a title, layout, permalink, redirect_from or sitemap), and no text. */
function isRedirectStub(written: Record<string, unknown>, byName: Map<string, string>, facts: FileFacts): boolean {
  return FIELD_NAMES.redirect.some((n) => byName.has(n)) && !facts.hasBody && Object.keys(written).every((k) => STUB_FIELDS.has(k.toLowerCase()));
}

/** The stub's redirect; null when it cannot be used (each reason reported). */
function redirectStub(written: Record<string, unknown>, byName: Map<string, string>, facts: FileFacts, problem: Report): RedirectStub | null {
  const key = FIELD_NAMES.redirect.map((n) => byName.get(n)).find((k) => k !== undefined)!;
  const to = written[key];
  let failed = false;
  const line = facts.lineOf(key);
  const from: string[] = [];
  for (const name of ["permalink", "redirect_from"]) {
    const k = byName.get(name);
    if (k === undefined) continue;
    for (const item of listOf(written[k])) {
      const found = typeof item === "string" ? sitePath(item) : { ok: false as const, reason: `is ${describe(item)}, not a path` };
      if (found.ok) from.push(found.path);
      else {
        failed = true;
        problem(k, `${typeof item === "string" ? `"${item}" ` : ""}${found.reason}`, "write the old page's path on this site, e.g. /2019/10/old-name/", "redirect-invalid");
      }
    }
  }
  const target = typeof to === "string" ? to.trim() : "";
  const where = isWebUrl(target) ? { ok: true as const, path: target } : sitePath(target);
  if (!where.ok) {
    problem(key, `${typeof to === "string" ? `"${to}"` : `is ${describe(to)}, which`} is not a page to send readers to`, "write the new page's path on this site (/articles/new-name/) or its https:// address", "redirect-invalid");
    return null;
  }
  return failed ? null : { file: facts.file, ...(line === undefined ? {} : { line }), to: where.path, from: unique(from) };
}

/**
 * A path on the site, starting with `/`. It becomes a file under the output folder (a redirect
 * page), so nothing that could climb out of it or name another host gets through.
 */
function sitePath(written: string): { ok: true; path: string } | { ok: false; reason: string } {
  const value = written.trim();
  if (value === "") return { ok: false, reason: "is empty" };
  if (value.includes("{{") || value.includes("{%")) return { ok: false, reason: "is a template, which this archive does not run" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) return { ok: false, reason: "is an address, not a path on this site" };
  if (CONTROL.test(value) || value.includes("\\")) return { ok: false, reason: "holds characters a path cannot" };
  const path = value.startsWith("/") ? value : `/${value}`;
  if (path.split(/[/?#]/).some((part) => part === ".." || part === ".")) return { ok: false, reason: "climbs out of the site with .." };
  return { ok: true, path };
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** true/false, and the words YAML 1.1 (Jekyll's Ruby) reads as them. */
function readBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const word = value.trim().toLowerCase();
  if (["true", "yes", "on"].includes(word)) return true;
  if (["false", "no", "off"].includes(word)) return false;
  return null;
}

/** Text, trimmed; a number or true/false where text is wanted is read as it was written. */
function readText(field: string, value: unknown, problem: Report): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") {
    problem(field, `must be text, but is ${describe(value)}`, `write it as a quoted string: ${field}: "…"`, "field-invalid");
    return null;
  }
  const control = controlCharacter(value);
  if (control !== null) {
    problem(field, `contains the invisible control character ${control}, which a web page or feed cannot show`, CONTROL_FIX, "field-invalid");
    return null;
  }
  return value.trim() === "" ? null : value.trim();
}

type Warn = (kind: ProblemKind, field: string, message: string, fix: string) => void;

/** The date: the front-matter's, else the file name's or the folders', else none (Undated). */
function readArticleDate(
  first: First,
  facts: FileFacts,
  ownAddress: string | null,
  problem: Report,
  warn: Warn,
): ArchiveDate | null {
  // `published: true` is Jekyll's flag, not a date; Eleventy's `date: Last Modified` names no date.
  const written = first(FIELD_NAMES.date, (v, name) => isGiven(v) && !(name === "published" && readBoolean(v) !== null) && !(typeof v === "string" && FILE_DATE_WORDS.test(v.trim())));
  if (written !== null) return readDate(written.field, written.value, problem, warn);
  if (facts.path.date !== null) {
    const parsed = parseDate(facts.path.date.text);
    const where = facts.path.date.from;
    if (!parsed.ok) {
      problem("file", `the date in the ${where}: ${parsed.message}`, `correct the ${where}, or add a date: field`, "date-invalid");
      return null;
    }
    if (parsed.padded !== undefined) {
      warn("date-unpadded", "file", `the date in the ${where}, "${facts.path.date.text}", is read as ${parsed.padded}`, `write it with leading zeros: ${parsed.padded}`);
    }
    return parsed.date;
  }
  const fromAddress = ownAddress === null ? null : dateInPath(ownAddress);
  const parsed = fromAddress === null ? null : parseDate(fromAddress);
  if (parsed?.ok === true) return parsed.date;
  warn("undated", "date", "the article has no date (no date: field, and none in its file name or folders), so it is filed under Undated on /archive/", 'add date: "2023-10-30" (or a month "2019-10" or a year "2019"), or start the file name with the date');
  return null;
}

function readDate(field: string, value: unknown, problem: Report, warn: Warn): ArchiveDate | null {
  // YAML reads `date: 2019` as a number; that is a year, not a timestamp.
  const written = typeof value === "number" && Number.isInteger(value) && value >= 1000 && value <= 9999 ? String(value) : value;
  if (typeof written !== "string") {
    problem(field, `must be a date written as text, but is ${describe(value)}`, `write one of ${DATE_FORMS}`, "date-invalid");
    return null;
  }
  const parsed = parseDate(written);
  if (!parsed.ok) {
    problem(field, parsed.message, parsed.fix ?? `write one of ${DATE_FORMS}`, "date-invalid");
    return null;
  }
  if (parsed.padded !== undefined) warn("date-unpadded", field, `"${written.trim()}" is read as ${parsed.padded}`, `write it with leading zeros: ${field}: "${parsed.padded}"`);
  if (parsed.ignored !== undefined) {
    const iso = isoDate(parsed.date);
    warn("date-extra-text", field, `"${written.trim()}" is read as ${iso}: "${parsed.ignored}" is left out`, `write the date alone: ${field}: "${iso}"`);
  }
  return parsed.date;
}

/**
 * The slug: the one written, made URL-safe when it is not already (with a warning), or the
 * file's name. A written slug that reaches for another folder is refused, never cleaned up.
 */
function readSlug(written: string | null, title: string | null, facts: FileFacts, problem: Report, warn: Warn): string {
  if (written !== null && (/[/\\\0]/.test(written) || written.includes(".."))) {
    problem("slug", `"${written}" cannot be used as this article's URL: a slug is one name, with no /, \\ or ..`, `use slug: ${suggestion(written, title)}`);
    return written;
  }
  const full = slugify(written ?? facts.path.name);
  // Hugo and Jekyll publish any length; a URL name this long is cut at a hyphen, with a warning.
  const slug = shortened(full);
  const check = checkSlug(slug);
  if (!check.ok) {
    problem(
      written === null ? "file" : "slug",
      `"${written ?? facts.path.name}" cannot be used as this article's URL: ${check.reason}`,
      written === null ? `rename the file, or add slug: ${suggestion(written, title)}` : `use slug: ${suggestion(written, title)}`,
    );
  } else if (slug !== full) {
    warn("slug-changed", written === null ? "file" : "slug", `"${written ?? facts.path.name}" is longer than ${MAX_SLUG_BYTES} bytes, too long for a URL, so the URL is /articles/${slug}/`, written === null ? `add slug: ${slug} (or a shorter one)` : `write slug: ${slug} (or a shorter one)`);
  } else if (written !== null && slug !== written) {
    warn("slug-changed", "slug", `"${written}" is not lowercase letters, digits and hyphens, so the URL is /articles/${slug}/`, `write slug: ${slug}`);
  }
  return slug;
}

/** A slug cut to MAX_SLUG_BYTES at its last hyphen before the limit. */
function shortened(slug: string): string {
  if (Buffer.byteLength(slug) <= MAX_SLUG_BYTES) return slug;
  let cut = slug;
  while (Buffer.byteLength(cut) > MAX_SLUG_BYTES) cut = cut.slice(0, -1);
  const atHyphen = cut.lastIndexOf("-");
  return (atHyphen > MAX_SLUG_BYTES / 2 ? cut.slice(0, atHyphen) : cut).replace(/-+$/, "");
}

function suggestion(written: string | null, title: string | null): string {
  return slugify(title ?? written ?? "").slice(0, 60).replace(/-+$/, "") || "a-short-name";
}

/**
 * Names — tags, categories, authors: a list, or a string split at `split` (commas). An entry may
 * be a map with a `name` (Hugo's and Jekyll's author maps). An entry with no letters or digits
 * cannot name a page; it is left out with a warning.
 */
function readNames(field: string, value: unknown, problem: Report, warn: Warn, split: RegExp = /,/): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === "string" ? value.split(split) : Array.isArray(value) ? value : [value];
  const out: string[] = [];
  const noun = /^(tags|categor|taxonomies)/i.test(field) ? "tag" : "name";
  for (const item of items) {
    const named = item !== null && typeof item === "object" && !Array.isArray(item) && "name" in item ? (item as { name: unknown }).name : item;
    if (typeof named === "number" || typeof named === "boolean") out.push(String(named));
    else if (typeof named === "string") {
      const control = controlCharacter(named);
      const name = named.trim().replace(/\s+/g, " ");
      if (control !== null) problem(field, `has an entry with the invisible control character ${control}, which a web page or feed cannot show`, CONTROL_FIX, "field-invalid");
      else if (name === "") continue;
      else if (slugify(name) === "") warn("tag-dropped", field, `${noun} "${name}" cannot be used: it has no letters or digits to make a page from, so it is left out`, `write it in words, or delete it from ${field}`);
      else {
        const check = checkSlug(slugify(name));
        if (!check.ok) problem(field, `${noun} "${name}" cannot be used: ${check.reason}`, `use a ${noun} made of words`, "field-invalid");
        else out.push(name);
      }
    } else {
      problem(field, `has an entry that is ${describe(item)}, not text`, `write ${field} as a list of words: ${field}: [Syria, Iraq]`, "field-invalid");
    }
  }
  return out;
}

/**
 * Control characters other than tab and line breaks, and unpaired surrogates: YAML lets them in
 * through escapes ("\0", "\e", "\uD800"), HTML shows them as garbage and XML feeds cannot hold them.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_FIX = "delete it: retype the text around it, or remove the \\0, \\e or \\x escape that wrote it";

/** "U+0000" for the first control character in `value`, or null. */
function controlCharacter(value: string): string | null {
  const found = CONTROL.exec(value)?.[0];
  return found === undefined ? null : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

const IMAGE_EXAMPLE = 'image: { src: photo.jpg, alt: "What the picture shows" }';
/** The keys themes give a picture's file: `src`, PaperMod's `cover.image`, Jekyll SEO's `image.path`. */
const IMAGE_SRC_KEYS = ["src", "image", "url", "path"];

/**
 * The lead picture: a path or address, or a map with its src, alt, caption and credit. A list
 * (Hugo's `images`) gives its first. Other keys in the map (a theme's `relative`, `hidden`) are
 * the theme's, and ignored. Without alt text the picture is shown with alt="" and a warning.
 */
function readImage(field: string, value: unknown, problem: Report, warn: Warn, at: { line?: number }): ImageMeta | null {
  const picture: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof picture !== "string" && !isMap(picture)) {
    problem(`${field}.src`, `${field} must be a picture's path or a map with src and alt, but is ${describe(picture)}`, `write it as ${IMAGE_EXAMPLE}`, "field-invalid");
    return null;
  }
  const fields = typeof picture === "string" ? { src: picture } : picture;
  let failed = false;
  const part = (key: string): string | null => {
    const v = fields[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") {
      problem(`${field}.${key}`, `must be text, but is ${describe(v)}`, `write it as a quoted string: ${key}: "…"`, "field-invalid");
      failed = true;
      return null;
    }
    const control = controlCharacter(v);
    if (control !== null) {
      problem(`${field}.${key}`, `contains the invisible control character ${control}, which a web page or feed cannot show`, CONTROL_FIX, "field-invalid");
      failed = true;
      return null;
    }
    // Spaces run together in running text, not in a file name.
    return v.trim() === "" ? null : IMAGE_SRC_KEYS.includes(key) ? v.trim() : v.trim().replace(/\s+/g, " ");
  };
  const srcKey = IMAGE_SRC_KEYS.find((k) => fields[k] !== undefined && fields[k] !== null) ?? "src";
  const src = part(srcKey);
  const alt = part("alt");
  const caption = part("caption");
  const credit = part("credit");
  if (failed) return null;
  if (src === null) {
    // A theme's reference to a picture library (`featured_image: { uid: … }`) names no file.
    warn("picture-missing", `${field}.src`, "names no picture file, so the article has no lead picture", `name the picture file: ${IMAGE_EXAMPLE}`);
    return null;
  }
  const where = classifyImageSrc(src);
  if (where.kind === "invalid") {
    problem(`${field}.src`, where.message, where.fix, "field-invalid");
    return null;
  }
  if (alt === null) {
    warn("picture-no-alt", `${field}.alt`, "the picture has no text for people who cannot see it, so it is shown with an empty alt", 'describe what the picture shows: alt: "Soldiers loading a truck at a base near Deir ez-Zor"');
  }
  return { src, alt: alt ?? "", caption, credit, ...at };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

function isLanguageTag(value: string): boolean {
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(value)) return false;
  try {
    Intl.getCanonicalLocales(value);
    return true;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "empty";
  if (typeof value === "object") return "a nested map";
  return `${typeof value} ${JSON.stringify(value)}`;
}
