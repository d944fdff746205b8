// `check`: every problem in the archive at once, without building, plus the warnings a careful
// editor wants before publishing — what the sanitizer will drop, likely typos, near-duplicate tags,
// dates in the future, articles nobody tagged.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isoDate, type ArchiveDate } from "./dates.ts";
import { loadArticles, type SourceArticle } from "./load.ts";
import type { Problem } from "./problems.ts";
import { renderAll } from "./render-cache.ts";
import { KNOWN_FIELDS } from "./schema.ts";
import { loadSiteConfig, SITE_FILE } from "./site-config.ts";
import { slugify } from "./slugs.ts";

export interface CheckResult {
  /** Articles that were read (valid or not). */
  articles: number;
  errors: Problem[];
  warnings: Problem[];
}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function checkArchive(root: string, today: string): Promise<CheckResult> {
  const loaded = await loadArticles(root, "articles");
  const errors = [...loaded.problems, ...(await siteProblems(root))];
  const warnings = [...loaded.warnings];

  const { outcomes } = await renderAll(root, loaded.articles);
  for (const o of outcomes) {
    if (o.ok) warnings.push(...o.rendered.warnings);
    else errors.push(...o.problems);
  }

  const frontMatterLines = await Promise.all(loaded.articles.map((a) => readFile(path.join(root, a.file), "utf8").then(frontMatterKeyLines)));
  loaded.articles.forEach((a, i) => {
    warnings.push(...fieldTypos(a, frontMatterLines[i]!));
    warnings.push(...futureDates(a, today, frontMatterLines[i]!));
    if (a.meta.tags.length === 0) {
      warnings.push({ kind: "tags-missing", file: a.file, field: "tags", message: "the article has no tags, so no tag page lists it", fix: "add tags: [Syria, Iraq] (a few words readers would look for)" });
    }
  });
  const linesOf = new Map(loaded.articles.map((a, i) => [a.file, frontMatterLines[i]!]));
  warnings.push(...tagVariants(loaded.articles, (file) => at(linesOf.get(file) ?? new Map(), "tags")));
  // Grouped by file, so a long report reads article by article.
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const files = new Set([...errors, ...warnings].map((p) => p.file));
  for (const a of loaded.articles) files.add(a.file);
  return { articles: [...files].filter((f) => /\.(md|markdown)$/i.test(f)).length, errors, warnings };
}

/** The site settings are read by every build, so a broken site.json is an error here too. */
async function siteProblems(root: string): Promise<Problem[]> {
  const own = await stat(path.join(root, SITE_FILE)).then(
    () => true,
    () => false,
  );
  try {
    await loadSiteConfig(own ? root : PACKAGE_ROOT);
    return [];
  } catch (error) {
    return [{ kind: "site-config", file: SITE_FILE, field: "site", message: (error as Error).message.replace(`${SITE_FILE}: `, ""), fix: "correct the setting (see README: site settings)" }];
  }
}

/** Top-level front-matter keys and their 1-based lines in the file. */
function frontMatterKeyLines(text: string): Map<string, number> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const keys = new Map<string, number>();
  for (let i = 1; i < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[i]!); i++) {
    const key = /^(["']?)([^\s:#"'][^:]*?)\1\s*:/.exec(lines[i]!)?.[2];
    if (key !== undefined && !keys.has(key)) keys.set(key, i + 1);
  }
  return keys;
}

function at(lines: Map<string, number>, field: string): { line?: number } {
  const line = lines.get(field);
  return line === undefined ? {} : { line };
}

/** Unknown fields within two edits of a known one: `tittle`, `tag`, `Date`. */
function fieldTypos(article: SourceArticle, lines: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(article.meta.extra)) {
    const lower = key.toLowerCase();
    const near = KNOWN_FIELDS.map((known) => ({ known, distance: levenshtein(lower, known) }))
      .filter((c) => c.distance <= 2 && c.distance < Math.max(lower.length, c.known.length) - 1)
      .sort((a, b) => a.distance - b.distance)[0];
    if (near === undefined) continue;
    problems.push({
      kind: "field-typo",
      file: article.file,
      field: key,
      ...at(lines, key),
      message: `"${key}" is not a field this archive knows, so it is ignored; did you mean "${near.known}"?`,
      fix: `rename it to ${near.known}:`,
    });
  }
  return problems;
}

/** Dates later than today. A date known only to the month or year is in the future once that period has not begun. */
function futureDates(article: SourceArticle, today: string, lines: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  const check = (field: string, date: ArchiveDate | null) => {
    if (date === null) return;
    const written = isoDate(date).slice(0, 10);
    if (written > today.slice(0, written.length)) {
      problems.push({
        kind: "date-future",
        file: article.file,
        field,
        ...at(lines, field),
        message: `${written} is in the future (today is ${today})`,
        fix: "check the year and month; an article is dated when it was published",
      });
    }
  };
  check("date", article.meta.date);
  check("updated", article.meta.updated);
  return problems;
}

/**
 * Tags that are one tag written two ways: differing only in case, accents, spaces or hyphens
 * ("Deir ez-Zor" / "deir ezzor"), or by one letter in a longer name ("Hezbollah" / "Hizbollah").
 */
function tagVariants(articles: readonly SourceArticle[], lineOfTags: (file: string) => { line?: number }): Problem[] {
  const spellings = new Map<string, Set<string>>();
  for (const a of articles) for (const tag of a.meta.tags) spellings.set(tag, (spellings.get(tag) ?? new Set()).add(a.file));
  const names = [...spellings.keys()].sort();
  const compact = new Map(names.map((n) => [n, slugify(n).replace(/-/g, "")]));
  const problems: Problem[] = [];
  for (const name of names) {
    const mine = compact.get(name)!;
    const others = names.filter((other) => {
      if (other === name) return false;
      const theirs = compact.get(other)!;
      return theirs === mine || (Math.min(mine.length, theirs.length) >= 8 && levenshtein(mine, theirs) <= 1);
    });
    if (others.length === 0) continue;
    const where = (tag: string) => [...spellings.get(tag)!].sort().join(", ");
    for (const file of [...spellings.get(name)!].sort()) {
      problems.push({
        kind: "tag-variants",
        file,
        field: "tags",
        ...lineOfTags(file),
        message: `tag "${name}" looks like ${others.map((o) => `"${o}" (${where(o)})`).join(", ")}`,
        fix: "write the tag the same way in every article",
      });
    }
  }
  return problems;
}

/** Edit distance; small strings only (field names, tags). */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
