// Writing a new article file, for `new` and `import`: front-matter that loads back without a
// problem, a file name from the title, and never an existing file overwritten or a URL taken twice.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { parseDate, type ArchiveDate } from "../content/dates.ts";
import { loadArticles, parseArticle } from "../content/load.ts";
import { ProjectCaches } from "../cache/project-caches.ts";
import type { Problem } from "../content/problems.ts";
import { MAX_SLUG_BYTES, slugify } from "../content/slugs.ts";

export interface NewArticle {
  title: string;
  /** As written in the front-matter: "2023-10-30T20:08", "2019-10", … */
  date: string;
  source?: string | null;
  authors?: readonly string[];
  lang?: string | null;
  tags?: readonly string[];
  draft?: boolean;
  /** The URL name (it becomes the file name); else made from the title. */
  slug?: string | null;
  /** Whether a day-precise date goes into the file name too (not when it is a placeholder). */
  datedName?: boolean;
  /** Comment lines written above a field, e.g. why its value is a placeholder. */
  notes?: Partial<Record<"date" | "title", string>>;
  body?: string;
}

export type Prepared = { ok: true; file: string; slug: string; text: string } | { ok: false; problems: Problem[] };

/**
 * Words a cut slug must not end on: "…-call-for-us-military-to" reads as a phrase cut short, and
 * looks like a mistake. (English only: the titles of other languages are cut at a word as they are.)
 */
const HANGING = new Set(["a", "an", "the", "and", "or", "but", "nor", "of", "to", "for", "in", "on", "at", "by", "with", "from", "as", "into", "than", "that", "via", "vs", "is", "are", "was", "were", "be", "its", "their"]);

/**
 * "Iraq's Hadi Al-Amiri: US Troops Need to Leave Iraq" → "iraqs-hadi-al-amiri-us-troops-need-to-leave-iraq":
 * the whole title, as Hugo and Jekyll make a slug. Only a title too long for a URL (MAX_SLUG_BYTES,
 * which the build refuses beyond) is cut, after a whole word that does not leave a phrase hanging.
 */
export function slugFromTitle(title: string): string {
  const full = slugify(title);
  if (Buffer.byteLength(full) <= MAX_SLUG_BYTES) return full;
  const words = full.split("-");
  while (words.length > 1 && Buffer.byteLength(words.join("-")) > MAX_SLUG_BYTES) words.pop();
  while (words.length > 1 && HANGING.has(words[words.length - 1]!)) words.pop();
  const slug = words.join("-");
  // One word longer than a URL can hold: cut in it, at a whole character.
  return Buffer.byteLength(slug) <= MAX_SLUG_BYTES ? slug : cutToBytes(slug, MAX_SLUG_BYTES);
}

function cutToBytes(text: string, bytes: number): string {
  let cut = "";
  for (const character of text) {
    if (Buffer.byteLength(cut + character) > bytes) break;
    cut += character;
  }
  return cut;
}

/**
 * The file's name and text, checked by the same loader the build uses. The slug lives in the file
 * name (with a `YYYY-MM-DD-` prefix when the date has a day), as a hand-made article's would.
 */
export function prepareArticle(article: NewArticle, takenSlugs: ReadonlyMap<string, string>): Prepared {
  const refuse = (field: string, message: string, fix: string): Prepared => ({
    ok: false,
    problems: [{ kind: "field-invalid", file: "articles/", field, message, fix }],
  });
  const date = parseDate(article.date);
  if (!date.ok) return refuse("date", date.message, 'use --date 2023-10-30 (or 2023-10-30T20:08, 2019-10, 2019)');
  const slug = article.slug === undefined || article.slug === null ? slugFromTitle(article.title) : slugify(article.slug);
  if (slug === "") return refuse("title", `"${article.title}" has no letters or digits to make a file name from`, "add --slug a-short-name");
  const owner = takenSlugs.get(slug);
  if (owner !== undefined) {
    return refuse(
      "slug",
      `${owner} already has the URL /articles/${slug}/`,
      "if it is the same article, there is nothing to do; otherwise give the new one another title or --slug",
    );
  }

  const file = `articles/${article.datedName === false ? "" : datePrefix(date.date)}${slug}.md`;
  const text = `${frontMatter(article)}${article.body ?? "\n"}`;
  const loaded = parseArticle(file, new TextEncoder().encode(text));
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  // A new article is written clean: what the build would only warn about (a tag it leaves out) is refused here.
  if (loaded.article.warnings.length > 0) return { ok: false, problems: loaded.article.warnings };
  if (loaded.article.meta.slug !== slug) return refuse("slug", `"${slug}" cannot be used as a URL`, "add --slug a-short-name");
  return { ok: true, file, slug, text };
}

function datePrefix(date: ArchiveDate): string {
  if (date.precision !== "day" && date.precision !== "time") return "";
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}-`;
}

function frontMatter(article: NewArticle): string {
  const authors = article.authors ?? [];
  const fields: [string, unknown][] = [
    ["title", article.title],
    ["date", article.date],
    ["source", article.source ?? undefined],
    ["author", authors.length === 0 ? undefined : authors.length === 1 ? authors[0] : [...authors]],
    ["lang", article.lang ?? undefined],
    ["tags", article.tags === undefined || article.tags.length === 0 ? undefined : [...article.tags]],
    ["draft", article.draft === true ? true : undefined],
  ];
  const lines = fields
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const note = article.notes?.[key as "date" | "title"];
      const comment = note === undefined ? "" : note.split("\n").map((l) => `# ${l}\n`).join("");
      // Every string quoted, nothing folded: a title like `Iraq: "no"` or `2019` stays text, on one line.
      return comment + yaml.dump({ [key]: value }, { forceQuotes: true, quotingType: '"', lineWidth: -1 });
    });
  return `---\n${lines.join("")}---\n`;
}

/** What the archive already holds, each with the file that holds it. */
export interface Existing {
  /** URLs in use, so a new article never shares one (the build would refuse both). */
  slugs: Map<string, string>;
  /** Titles, keyed by titleKey: a clipping imported a second time is the same article again. */
  titles: Map<string, string>;
}

export async function existingArticles(root: string): Promise<Existing> {
  const { articles } = await loadArticles(new ProjectCaches(root, "build"), "articles");
  return { slugs: new Map(articles.map((a) => [a.meta.slug, a.file])), titles: new Map(articles.map((a) => [titleKey(a.meta.title), a.file])) };
}

/** Titles that differ only in case, punctuation or spacing are one title. */
export function titleKey(title: string): string {
  return slugify(title);
}

/** The slug, or the first of slug-2, slug-3, … that no article has. */
export function freeSlug(slug: string, taken: ReadonlyMap<string, string>): string {
  let n = 1;
  let free = slug;
  while (taken.has(free)) free = `${slug}-${++n}`;
  return free;
}

/** Writes the file, refusing to replace one that exists. Returns the problem instead of throwing for that case. */
export async function writeArticle(root: string, prepared: { file: string; text: string }): Promise<Problem | null> {
  const full = path.join(root, prepared.file);
  await mkdir(path.dirname(full), { recursive: true });
  try {
    await writeFile(full, prepared.text, { flag: "wx" });
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return {
      kind: "url-taken",
      file: prepared.file,
      field: "file",
      message: "already exists; it was left as it is",
      fix: "edit that file, or give the new article another title or --slug",
    };
  }
}

/** Today in the machine's time zone, as an archive date. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
