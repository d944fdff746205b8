// The one front-matter schema. It reads what people actually write (Jekyll's `categories`,
// comma strings, a date in the file name) and turns everything else into a Problem with a fix.
import { DATE_FORMS, parseDate, type ArchiveDate } from "./dates.ts";
import { classifyImageSrc } from "./image-src.ts";
import type { Problem, ProblemKind } from "./problems.ts";
import { checkSlug, slugify } from "./slugs.ts";

export interface ArticleMeta {
  title: string;
  /** null: the article has no date anywhere (built, filed under "Undated", with a warning). */
  date: ArchiveDate | null;
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
  /** The lead picture, its src checked to be an https address or a path inside the project. */
  image: ImageMeta | null;
  /** Fields the schema does not know, kept for templates (and for `check` to spot typos). */
  extra: Record<string, unknown>;
}

export interface ImageMeta {
  src: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  /** The line of `image:`, for problems found when the picture itself is read. */
  line?: number;
}

export const KNOWN_FIELDS = [
  "title", "date", "updated", "source", "author", "authors", "url", "tags", "categories",
  "category", "lang", "summary", "slug", "draft", "image",
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
  const problem = (field: string, message: string, fix: string, kind: ProblemKind = kindOf(field)) => {
    const line = facts.lineOf(field);
    problems.push({ kind, file: facts.file, field, ...(line === undefined ? {} : { line }), message, fix });
  };

  const text = (field: string): string | null => {
    const value = data[field];
    if (value === undefined || value === null) return null;
    if (typeof value === "string") {
      const control = controlCharacter(value);
      if (control !== null) {
        problem(field, `contains the invisible control character ${control}, which a web page or feed cannot show`, CONTROL_FIX);
        return null;
      }
      return value.trim() === "" ? null : value.trim();
    }
    if (typeof value === "number") return String(value);
    problem(field, `must be text, but is ${describe(value)}`, `write it as a quoted string: ${field}: "…"`);
    return null;
  };

  const title = text("title");
  if (title === null && !problems.some((p) => p.field === "title")) {
    problem("title", "is missing or empty", 'add a line like: title: "What the article is called"', "title-missing");
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
  const source = text("source");
  // A source and each author get a page of their own, so their names must make a URL, as tags do.
  for (const [field, names] of [["source", source === null ? [] : [source]], ["author", authors]] as const) {
    for (const name of names) {
      const check = checkSlug(slugify(name));
      if (!check.ok) problem(field, `"${name}" cannot be used as a ${field} name: ${check.reason}`, `write the ${field}'s name in words`);
    }
  }

  const imageLine = facts.lineOf("image");
  const at = imageLine === undefined ? {} : { line: imageLine };
  const imageRead =
    data.image === undefined || data.image === null
      ? null
      : readImage(data.image, (part, message, fix) => problems.push({ kind: "field-invalid", file: facts.file, field: `image.${part}`, ...at, message, fix }));
  const image = imageRead === null ? null : { ...imageRead, ...at };

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
      source,
      authors: unique(authors),
      url,
      tags: unique(tags),
      lang,
      summary: text("summary"),
      slug,
      draft: draft === true,
      image,
      extra,
    },
  };
}

type Report = (field: string, message: string, fix: string) => void;

function kindOf(field: string): ProblemKind {
  if (field === "date" || field === "updated") return "date-invalid";
  if (field === "slug" || field === "file") return "slug-invalid";
  return "field-invalid";
}

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
      const control = controlCharacter(item);
      if (control !== null) problem(field, `has an entry with the invisible control character ${control}, which a web page or feed cannot show`, CONTROL_FIX);
      else if (item.trim() !== "") out.push(item.trim().replace(/\s+/g, " "));
    } else {
      problem(field, `has an entry that is ${describe(item)}, not text`, `write ${field} as a list of words: ${field}: [Syria, Iraq]`);
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
const IMAGE_PARTS = new Set(["src", "alt", "caption", "credit"]);

/** The `image` map: src and alt text are required, because a picture nobody can describe is not news. */
function readImage(value: unknown, problem: Report): ImageMeta | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problem("src", `image must be a map with src and alt, but is ${describe(value)}`, `write it as ${IMAGE_EXAMPLE}`);
    return null;
  }
  const fields = value as Record<string, unknown>;
  const reported = new Set<string>();
  const report: Report = (part, message, fix) => {
    reported.add(part);
    problem(part, message, fix);
  };
  for (const key of Object.keys(fields)) {
    if (!IMAGE_PARTS.has(key)) report(key, `image has no field "${key}"`, "use src, alt, caption and credit");
  }
  const part = (key: string): string | null => {
    const v = fields[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") {
      report(key, `must be text, but is ${describe(v)}`, `write it as a quoted string: ${key}: "…"`);
      return null;
    }
    const control = controlCharacter(v);
    if (control !== null) {
      report(key, `contains the invisible control character ${control}, which a web page or feed cannot show`, CONTROL_FIX);
      return null;
    }
    // Spaces run together in running text, not in a file name.
    return v.trim() === "" ? null : key === "src" ? v.trim() : v.trim().replace(/\s+/g, " ");
  };
  const src = part("src");
  const alt = part("alt");
  const caption = part("caption");
  const credit = part("credit");
  if (src === null && !reported.has("src")) report("src", "is missing or empty", `name the picture file: ${IMAGE_EXAMPLE}`);
  else if (src !== null) {
    const where = classifyImageSrc(src);
    if (where.kind === "invalid") report("src", where.message, where.fix);
    else if (where.kind === "remote" && !where.secure) report("src", `"${src}" is not an https:// address`, "link the picture's https:// address, or put the file beside the article");
  }
  if (alt === null && !reported.has("alt")) report("alt", "is missing or empty: the picture needs a text for people who cannot see it", 'describe what the picture shows: alt: "Soldiers loading a truck at a base near Deir ez-Zor"');
  return reported.size > 0 || src === null || alt === null ? null : { src, alt, caption, credit };
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
