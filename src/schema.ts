// The one front-matter schema. It reads what people actually write (Jekyll's `categories`,
// comma strings, a date in the file name) and turns everything else into a Problem with a fix.
import { DATE_FORMS, parseDate, type ArchiveDate } from "./dates.ts";
import type { Problem } from "./problems.ts";
import { checkSlug, slugify } from "./slugs.ts";

export interface ArticleMeta {
  title: string;
  date: ArchiveDate;
  updated: ArchiveDate | null;
  source: string | null;
  authors: string[];
  url: string | null;
  /** As written, trimmed; merged case-insensitively by the model. */
  tags: string[];
  lang: string | null;
  summary: string | null;
  slug: string;
  draft: boolean;
  /** Fields the schema does not know, kept for templates (and for `check` to spot typos). */
  extra: Record<string, unknown>;
}

export const KNOWN_FIELDS = [
  "title", "date", "updated", "source", "author", "authors", "url", "tags", "categories",
  "category", "lang", "summary", "slug", "draft",
] as const;

export interface FileFacts {
  /** Project-relative path for messages. */
  file: string;
  /** File name without extension. */
  name: string;
  /** Line of a front-matter key, when it can be found. */
  lineOf: (field: string) => number | undefined;
}

export type SchemaResult = { ok: true; meta: ArticleMeta } | { ok: false; problems: Problem[] };

const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)$/;

export function validateFrontMatter(data: Record<string, unknown>, facts: FileFacts): SchemaResult {
  const problems: Problem[] = [];
  const problem = (field: string, message: string, fix: string) => {
    const line = facts.lineOf(field);
    problems.push({ file: facts.file, field, ...(line === undefined ? {} : { line }), message, fix });
  };

  const text = (field: string): string | null => {
    const value = data[field];
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return value.trim() === "" ? null : value.trim();
    if (typeof value === "number") return String(value);
    problem(field, `must be text, but is ${describe(value)}`, `write it as a quoted string: ${field}: "…"`);
    return null;
  };

  const title = text("title");
  if (title === null && !problems.some((p) => p.field === "title")) {
    problem("title", "is missing or empty", 'add a line like: title: "What the article is called"');
  }

  const nameMatch = DATED_NAME.exec(facts.name);
  const date = readDate("date", data.date, nameMatch?.[1] ?? null, problem);
  const updated = data.updated === undefined ? null : readDate("updated", data.updated, null, problem);

  const explicitSlug = text("slug");
  const slug = explicitSlug ?? slugify(nameMatch?.[2] ?? facts.name);
  const slugCheck = checkSlug(slug);
  if (!slugCheck.ok) {
    const suggestion = slugify(explicitSlug ?? title ?? "").slice(0, 60).replace(/-+$/, "");
    problem(
      explicitSlug === null ? "file" : "slug",
      `"${slug}" cannot be used as this article's URL: ${slugCheck.reason}`,
      explicitSlug === null
        ? `rename the file, or add slug: ${suggestion || "a-short-name"}`
        : `use slug: ${suggestion || "a-short-name"}`,
    );
  }

  const url = text("url");
  if (url !== null && !isWebUrl(url)) {
    problem("url", `"${url}" is not an http(s) address`, "give the original article's full address, starting with https://");
  }

  const lang = text("lang");
  if (lang !== null && !isLanguageTag(lang)) {
    problem("lang", `"${lang}" is not a language tag`, 'use a BCP 47 tag such as "en", "ar" or "fr-CA"');
  }

  const draft = data.draft ?? false;
  if (typeof draft !== "boolean") {
    problem("draft", `must be true or false, but is ${describe(draft)}`, "write draft: true or leave the field out");
  }

  const tags = [
    ...readList("tags", data.tags, problem),
    ...readList("categories", data.categories, problem),
    ...readList("category", data.category, problem),
  ];
  for (const tag of tags) {
    const check = checkSlug(slugify(tag));
    if (!check.ok) problem("tags", `tag "${tag}" cannot be used: ${check.reason}`, "use a tag made of words");
  }

  const authors = [...readList("author", data.author, problem), ...readList("authors", data.authors, problem)];

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(key)) extra[key] = value;
  }

  if (problems.length > 0 || title === null || date === null) return { ok: false, problems };
  return {
    ok: true,
    meta: {
      title,
      date,
      updated,
      source: text("source"),
      authors: unique(authors),
      url,
      tags: unique(tags),
      lang,
      summary: text("summary"),
      slug,
      draft: draft === true,
      extra,
    },
  };
}

type Report = (field: string, message: string, fix: string) => void;

function readDate(field: string, value: unknown, fromName: string | null, problem: Report): ArchiveDate | null {
  if (value === undefined || value === null || value === "") {
    if (fromName !== null) return readDate(field, fromName, null, problem);
    problem(field, "is missing", `add ${field}: "2023-10-30" (or a month "2019-10" or a year "2019"), or start the file name with the date`);
    return null;
  }
  // YAML reads `date: 2019` as a number; that is a year, not a timestamp.
  const written = typeof value === "number" && Number.isInteger(value) && value >= 1000 && value <= 9999 ? String(value) : value;
  if (typeof written !== "string") {
    problem(field, `must be a date written as text, but is ${describe(value)}`, `write one of ${DATE_FORMS}`);
    return null;
  }
  const parsed = parseDate(written);
  if (!parsed.ok) {
    problem(field, parsed.message, `write one of ${DATE_FORMS}`);
    return null;
  }
  return parsed.date;
}

/** A list, or a comma-separated string, of non-empty strings. */
function readList(field: string, value: unknown, problem: Report): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === "number") out.push(String(item));
    else if (typeof item === "string") {
      if (item.trim() !== "") out.push(item.trim().replace(/\s+/g, " "));
    } else {
      problem(field, `has an entry that is ${describe(item)}, not text`, `write ${field} as a list of words: ${field}: [Syria, Iraq]`);
    }
  }
  return out;
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
