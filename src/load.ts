// Reads articles/ and validates every file. All problems are collected, never thrown one by one.
import { readdir, readFile, lstat, realpath } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import yaml from "js-yaml";
import type { Problem } from "./problems.ts";
import { validateFrontMatter, type ArticleMeta } from "./schema.ts";

export interface SourceArticle {
  file: string;
  meta: ArticleMeta;
  markdown: string;
  /** 1-based line of the file where the markdown body starts, so body warnings point at real lines. */
  bodyLine: number;
}

export interface Loaded {
  articles: SourceArticle[];
  problems: Problem[];
  warnings: Problem[];
}

const ARTICLE = /\.(md|markdown)$/i;
/** Pictures and other files may sit beside articles; anything else there is probably a mistake. */
const ASSET = /\.(jpe?g|png|gif|webp|avif|svg)$/i;

/** Front-matter is data, never code: only YAML (without its JS types) and JSON are read. */
const READABLE_LANGUAGES = new Set(["", "yaml", "yml", "json"]);
const refuse = () => {
  throw new Error("front-matter that runs code is not allowed");
};
const MATTER_OPTIONS = {
  engines: {
    // CORE_SCHEMA: no timestamps (dates stay the text the author wrote), no custom tags.
    yaml: (s: string) => yaml.load(s, { schema: yaml.CORE_SCHEMA }) as object,
    js: refuse,
    javascript: refuse,
  },
};

export async function loadArticles(root: string, articlesDir: string): Promise<Loaded> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const articles: SourceArticle[] = [];
  const dir = path.resolve(root, articlesDir);
  const realDir = await realpath(dir).catch(() => null);
  if (realDir === null) {
    problems.push({
      file: articlesDir,
      field: "file",
      message: "the articles folder does not exist",
      fix: `create ${articlesDir}/ and put markdown articles in it (see README: front-matter)`,
    });
    return { articles, problems, warnings };
  }

  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const full = path.join(dir, name);
    const file = path.relative(root, full).split(path.sep).join("/");
    const base = path.basename(name);
    if (base.startsWith(".") || name.split(path.sep).some((part) => part.startsWith("."))) continue;
    const stat = await lstat(full);
    if (stat.isDirectory()) continue;
    if (!ARTICLE.test(base)) {
      if (!ASSET.test(base)) {
        warnings.push({
          file,
          field: "file",
          message: "is not a markdown article (.md), so it is not part of the site",
          fix: "rename it to .md if it is an article, or move it out of the articles folder",
        });
      }
      continue;
    }
    if (stat.isSymbolicLink()) {
      const target = await realpath(full).catch(() => null);
      if (target === null || !target.startsWith(realDir + path.sep)) {
        problems.push({
          file,
          field: "file",
          message: "is a link to a file outside the articles folder",
          fix: "copy the article into the articles folder instead of linking to it",
        });
        continue;
      }
    }
    const result = parseArticle(file, await readFile(full));
    if (result.ok) articles.push(result.article);
    else problems.push(...result.problems);
  }

  problems.push(...duplicateSlugs(articles));
  return { articles, problems, warnings };
}

export type ParseResult = { ok: true; article: SourceArticle } | { ok: false; problems: Problem[] };

/** One file's bytes to a validated article. Pure: the caller does the reading. */
export function parseArticle(file: string, bytes: Uint8Array): ParseResult {
  const fail = (field: string, message: string, fix: string, line?: number): ParseResult => ({
    ok: false,
    problems: [{ file, field, ...(line === undefined ? {} : { line }), message, fix }],
  });

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("file", "is not UTF-8 text (is it a binary file?)", "save the article as UTF-8 markdown, or remove it");
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.includes("\0")) return fail("file", "contains NUL bytes, so it is not a text file", "save the article as plain UTF-8 markdown");
  if (text.trim() === "") return fail("file", "is empty", "add front-matter with a title and a date, or delete the file");
  if (!text.startsWith("---")) {
    return fail("front-matter", "the file does not start with a --- front-matter block", 'start it with ---, title: "…", date: "…", ---', 1);
  }

  const language = matter.language(text).name.trim().toLowerCase();
  if (!READABLE_LANGUAGES.has(language)) {
    return fail(
      "front-matter",
      `"---${language}" front-matter is not read: front-matter is data, and running code from an article is not allowed`,
      "write the front-matter as YAML between two --- lines",
      1,
    );
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, MATTER_OPTIONS);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    return fail(
      "front-matter",
      `is not valid YAML: ${reason}`,
      "check quotes, indentation (spaces, not tabs) and that each key appears once",
      mark?.line === undefined ? undefined : mark.line + 1,
    );
  }
  if (parsed.data === null || typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    return fail("front-matter", "is not a set of key: value fields", 'write it as lines of key: value, e.g. title: "…"', 2);
  }

  const matterLines = parsed.matter.split("\n");
  // The opening --- is line 1; gray-matter's `matter` starts with the rest of that line.
  const lineOf = (field: string) => {
    const index = matterLines.findIndex((l) => new RegExp(`^["']?${field}["']?\\s*:`).test(l));
    return index === -1 ? undefined : index + 1;
  };
  const name = path.basename(file).replace(ARTICLE, "");
  const checked = validateFrontMatter(parsed.data as Record<string, unknown>, { file, name, lineOf });
  if (!checked.ok) return checked;

  const bodyStart = text.length - parsed.content.length;
  const bodyLine = text.slice(0, bodyStart).split("\n").length;
  return { ok: true, article: { file, meta: checked.meta, markdown: parsed.content, bodyLine } };
}

function duplicateSlugs(articles: SourceArticle[]): Problem[] {
  const bySlug = new Map<string, SourceArticle[]>();
  for (const a of articles) bySlug.set(a.meta.slug, [...(bySlug.get(a.meta.slug) ?? []), a]);
  const problems: Problem[] = [];
  for (const [slug, same] of bySlug) {
    if (same.length < 2) continue;
    for (const a of same) {
      const others = same.filter((o) => o !== a).map((o) => o.file).join(", ");
      problems.push({
        file: a.file,
        field: "slug",
        message: `"${slug}" is also the URL of ${others}: two articles cannot share /articles/${slug}/`,
        fix: "give one of them its own slug: a different file name or a slug: field",
      });
    }
  }
  return problems;
}
