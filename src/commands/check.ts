// `check`: every problem `build` would report, found by build's own stages (build/pipeline.ts) with
// nothing written, plus the warnings a careful editor wants before publishing — likely typos,
// near-duplicate tags, dates in the future, articles nobody tagged.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { classifyArticleFile } from "../content/article-files.ts";
import { isoDate, type ArchiveDate } from "../content/dates.ts";
import { splitFrontMatter } from "../content/front-matter.ts";
import { articleText, type SourceArticle } from "../content/load.ts";
import { checkArchiveStages } from "../build/pipeline.ts";
import { plural, type Problem } from "../content/problems.ts";
import { PACKAGE_ROOT, SITE_FILE, siteFolder } from "../project.ts";
import { publicFiles } from "../site/public-files.ts";
import { KNOWN_FIELDS } from "../content/schema.ts";
import { loadSiteConfig, type SiteConfig } from "../site-config.ts";
import { slugify } from "../content/slugs.ts";

export interface CheckResult {
  /** Articles that were read (valid or not). */
  articles: number;
  errors: Problem[];
  warnings: Problem[];
}

/** Where a field is written in its article: a 1-based line, or nothing when it cannot be found. */
type FieldLines = (field: string) => number | undefined;

export async function checkArchive(root: string, today: string): Promise<CheckResult> {
  const settings = await siteSettings(root);
  const found = await checkArchiveStages(root, settings.site, await publicFiles(root));
  const errors = [...settings.problems, ...found.problems];
  const warnings = [...found.warnings];

  const lined = await Promise.all(found.articles.map(async (a) => ({ a, lines: await fieldLines(root, a.file) })));
  for (const { a, lines } of lined) {
    warnings.push(...fieldTypos(a, lines));
    warnings.push(...futureDates(a, today, lines));
    if (a.meta.tags.length === 0) {
      warnings.push({ kind: "tags-missing", file: a.file, field: "tags", message: "the article has no tags, so no tag page lists it", fix: "add tags: [Syria, Iraq] (a few words readers would look for)" });
    }
  }
  const linesOf = new Map(lined.map(({ a, lines }) => [a.file, lines]));
  warnings.push(...tagVariants(found.articles, (file) => at(linesOf.get(file), "tags")));
  // Grouped by file, so a long report reads article by article.
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { articles: articleCount(found.articles, errors), errors, warnings };
}

/** The articles read, and the files that were meant to be articles but were refused. */
function articleCount(articles: readonly SourceArticle[], errors: readonly Problem[]): number {
  const files = new Set([...articles.map((a) => a.file), ...errors.map((p) => p.file)]);
  return [...files].filter((file) => file.startsWith("articles/") && classifyArticleFile(file.slice("articles/".length)).kind === "article").length;
}

/**
 * The site settings build reads. A broken site.json is an error here too; the articles are then
 * checked against the package's own settings, so their problems are found in the same run.
 */
async function siteSettings(root: string): Promise<{ site: SiteConfig; problems: Problem[] }> {
  try {
    return { site: await loadSiteConfig(await siteFolder(root)), problems: [] };
  } catch (error) {
    return {
      site: await loadSiteConfig(PACKAGE_ROOT),
      problems: [{ kind: "site-config", file: SITE_FILE, field: "site", message: (error as Error).message.replace(`${SITE_FILE}: `, ""), fix: "correct the setting (see README: site settings)" }],
    };
  }
}

/** The lines of the article's top-level fields, found as the loader reads front-matter (YAML, TOML or JSON). */
async function fieldLines(root: string, file: string): Promise<FieldLines> {
  const text = articleText(await readFile(path.join(root, file)));
  const frontMatter = text === null ? null : splitFrontMatter(text);
  return frontMatter?.ok === true ? frontMatter.lineOf : () => undefined;
}

function at(lines: FieldLines | undefined, field: string): { line?: number } {
  const line = lines?.(field);
  return line === undefined ? {} : { line };
}

/** Unknown fields within two edits of a known one: `tittle`, `tag`, `Date`. */
function fieldTypos(article: SourceArticle, lines: FieldLines): Problem[] {
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
function futureDates(article: SourceArticle, today: string, lines: FieldLines): Problem[] {
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

/** How many of the files that use the spelling to follow a tag-variants warning names. */
const FILES_NAMED = 3;

/**
 * Tags that are one tag written two ways: differing only in case, accents, spaces or hyphens
 * ("Deir ez-Zor" / "deir ezzor"), or by one letter in a longer name ("Hezbollah" / "Hizbollah").
 * Only the articles that write it otherwise than most are told to change, and to what: seven
 * articles tagged Syria and one syria need one edit, not eight warnings. Ties go as the model's
 * do (canonicalNames): to the first spelling in code-point order.
 */
function tagVariants(articles: readonly SourceArticle[], lineOfTags: (file: string) => { line?: number }): Problem[] {
  const spellings = new Map<string, Set<string>>();
  for (const a of articles) for (const tag of a.meta.tags) spellings.set(tag, (spellings.get(tag) ?? new Set()).add(a.file));
  const names = [...spellings.keys()].sort();
  const compact = new Map(names.map((n) => [n, slugify(n).replace(/-/g, "")]));
  const alike = (a: string, b: string) => {
    const [x, y] = [compact.get(a)!, compact.get(b)!];
    return x === y || (Math.min(x.length, y.length) >= 8 && levenshtein(x, y) <= 1);
  };
  const problems: Problem[] = [];
  for (const group of groupsOf(names, alike)) {
    if (group.length < 2) continue;
    const [usual] = [...group].sort((a, b) => spellings.get(b)!.size - spellings.get(a)!.size || (a < b ? -1 : a > b ? 1 : 0));
    // A few files: a tag in thousands of articles named them all in every warning, and a
    // 10,000-article archive ran out of memory.
    const files = [...spellings.get(usual!)!].sort();
    const shown = files.length <= FILES_NAMED ? files.join(", ") : `${files.slice(0, FILES_NAMED).join(", ")} and ${files.length - FILES_NAMED} more`;
    for (const name of group) {
      if (name === usual) continue;
      for (const file of [...spellings.get(name)!].sort()) {
        problems.push({
          kind: "tag-variants",
          file,
          field: "tags",
          ...lineOfTags(file),
          message: `tag "${name}" looks like "${usual}", which ${plural(files.length, "article uses", "articles use")} (${shown})`,
          fix: `write "${usual}" here, so that every article spells the tag one way`,
        });
      }
    }
  }
  return problems;
}

/** The names in groups of those alike, directly or through others alike (each group in name order). */
function groupsOf(names: readonly string[], alike: (a: string, b: string) => boolean): string[][] {
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const name of names) {
    if (placed.has(name)) continue;
    const group = [name];
    placed.add(name);
    for (let i = 0; i < group.length; i++) {
      for (const other of names) {
        if (!placed.has(other) && alike(group[i]!, other)) {
          placed.add(other);
          group.push(other);
        }
      }
    }
    groups.push(group.sort());
  }
  return groups;
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
