// Reads articles/ and validates every file. All problems are collected, never thrown one by one.
//
// Parsing is cached by content (.cache/news-archive/load.v8): at 10,000 articles, YAML and the
// schema cost about a second that a rebuild with few changes need not pay again. The cache holds
// what was parsed, not the markdown: only an article that is rendered needs its text, and reading
// the file again then is cheaper than a cache of every text (57 MB, 0.5 s to read). Reading is
// synchronous on purpose: small files read one after another were four times faster here than
// through fs.promises, whose open/stat/read/close each wait for a thread of the pool.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import yaml from "js-yaml";
import { codeVersion } from "./code-version.ts";
import { mapLimit } from "./map-limit.ts";
import { CACHE_DIR, PackCache, type PackOptions } from "./pack-cache.ts";
import type { Problem, ProblemKind } from "./problems.ts";
import { validateFrontMatter, type ArticleMeta } from "./schema.ts";

/** What parsing a file yields, and the parse cache keeps. */
export interface ParsedArticle {
  file: string;
  meta: ArticleMeta;
  /** 1-based line of the file where the markdown body starts, so body warnings point at real lines. */
  bodyLine: number;
  /** Where the body starts in the file's text (see articleText). */
  bodyStart: number;
  /** A hash of the markdown body, which keys its render (render-cache.ts) without the text at hand. */
  markdownDigest: string;
}

export interface SourceArticle extends ParsedArticle {
  /** The markdown body, read when it is rendered. */
  markdown: () => string;
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
/**
 * A plain scalar is a number only when the number reads back as exactly what was written: YAML's
 * own rules would turn `title: 007` into 7, `tags: [1.50]` into 1.5 and `0x1F` into 31.
 */
const EXACT_NUMBER = new yaml.Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && /^-?\d+(?:\.\d+)?$/.test(s) && String(Number(s)) === s,
  construct: (s: string) => Number(s),
});
/** Replaces YAML's floats, which EXACT_NUMBER covers. */
const NO_FLOAT = new yaml.Type("tag:yaml.org,2002:float", { kind: "scalar", resolve: () => false });
/**
 * CORE_SCHEMA (no timestamps: dates stay the text the author wrote; no custom tags) with its
 * number types replaced: a type with the same tag takes the place of the built-in one.
 */
const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [EXACT_NUMBER, NO_FLOAT] });
const MATTER_OPTIONS = {
  engines: {
    yaml: (s: string) => yaml.load(s, { schema: SCHEMA }) as object,
    js: refuse,
    javascript: refuse,
  },
};

export async function loadArticles(root: string, articlesDir: string, cacheOptions: PackOptions = { remember: false }): Promise<Loaded> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const articles: SourceArticle[] = [];
  const dir = path.resolve(root, articlesDir);
  const realDir = await realpath(dir).catch(() => null);
  if (realDir === null) {
    problems.push({
      kind: "file-unreadable",
      file: articlesDir,
      field: "file",
      message: "the articles folder does not exist",
      fix: `create ${articlesDir}/ and put markdown articles in it (see README: front-matter)`,
    });
    return { articles, problems, warnings };
  }

  // Dirents say what each entry is without a stat per file; files are read and parsed 64 at a
  // time, and the results kept in name order so reports and output never depend on timing.
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .map((entry) => ({ entry, name: path.relative(dir, path.join(entry.parentPath, entry.name)) }))
    .filter(({ entry, name }) => !entry.isDirectory() && !name.split(path.sep).some((part) => part.startsWith(".")))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const version = await (versionPromise ??= parserVersion());
  const cache = await PackCache.open(path.join(root, CACHE_DIR, "load.v8"), isParseResult, cacheOptions);
  const outcomes = await mapLimit(entries, 64, async ({ entry, name }): Promise<Outcome> => {
    const full = path.join(dir, name);
    const file = path.relative(root, full).split(path.sep).join("/");
    if (!ARTICLE.test(entry.name)) {
      if (ASSET.test(entry.name)) return { kind: "skip" };
      return {
        kind: "warning",
        problem: {
          kind: "not-an-article",
          file,
          field: "file",
          message: "is not a markdown article (.md), so it is not part of the site",
          fix: "rename it to .md if it is an article, or move it out of the articles folder",
        },
      };
    }
    if (entry.isSymbolicLink()) {
      const target = await realpath(full).catch(() => null);
      if (target === null) {
        return {
          kind: "problems",
          problems: [{ kind: "file-unreadable", file, field: "file", message: "is a link to a file that does not exist", fix: "delete the link, or copy the article it was meant to point to into the articles folder" }],
        };
      }
      if (!target.startsWith(realDir + path.sep)) {
        return {
          kind: "problems",
          problems: [{ kind: "path-outside", file, field: "file", message: "is a link to a file outside the articles folder", fix: "copy the article into the articles folder instead of linking to it" }],
        };
      }
    }
    // A folder, pipe or device named *.md: reading a pipe would wait forever.
    const what = entry.isSymbolicLink() ? await stat(full) : entry;
    if (!what.isFile()) {
      return {
        kind: "problems",
        problems: [{ kind: "file-unreadable", file, field: "file", message: "is not a file (a folder, pipe or device named like an article), so it cannot be read", fix: "rename it so its name does not end in .md, or put the article's file in its place" }],
      };
    }
    // Taken before reading: a write after it changes the change time, so it is read again next time.
    const id = cacheOptions.remember ? identity(full, version) : undefined;
    const known = id === undefined ? undefined : keysByFile.get(full);
    let key = known !== undefined && known.identity === id ? known.key : undefined;
    let result = key === undefined ? undefined : cache.get(key);
    let markdown: string | undefined;
    if (result === undefined) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(full);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        return { kind: "problems", problems: [{ kind: "file-unreadable", file, field: "file", message: `cannot be read (${reason})`, fix: "check that the file is readable by the user running the build" }] };
      }
      key = sourceKey(version, file, bytes);
      result = cache.get(key);
      if (result === undefined) {
        const parsed = parseArticle(file, bytes);
        if (parsed.ok) markdown = parsed.markdown;
        // The cache keeps what was parsed, without the text.
        cache.set(key, (result = parsed.ok ? { ok: true, article: parsed.article } : parsed));
      }
      if (id !== undefined) keysByFile.set(full, { identity: id, key });
    }
    if (!result.ok) return { kind: "problems", problems: result.problems };
    const { bodyStart } = result.article;
    const readAgain = () => {
      const bytes = readFileSync(full);
      if (sourceKey(version, file, bytes) !== key) throw new Error(`${file} changed while the site was being built: build again`);
      return articleText(bytes)!;
    };
    // A file parsed just now keeps its text for the render; one from the cache is read again if it is rendered.
    const body = markdown;
    return { kind: "article", article: { ...result.article, markdown: body === undefined ? () => readAgain().slice(bodyStart) : () => body } };
  });
  for (const outcome of outcomes) {
    if (outcome.kind === "article") articles.push(outcome.article);
    else if (outcome.kind === "problems") problems.push(...outcome.problems);
    else if (outcome.kind === "warning") warnings.push(outcome.problem);
  }

  cache.save();

  problems.push(...duplicateSlugs(articles));
  return { articles, problems, warnings };
}

let versionPromise: Promise<string> | undefined;

/**
 * For a process that builds again (serve): each file's parse-cache key, under the file's identity
 * and change time. The kernel sets the change time on every write and no tool can set it back, so
 * a file whose inode, size and change time are the same holds the same bytes: serve skips reading
 * and hashing it (0.2 s of a rebuild at 10,000 articles). A one-off build reads every file.
 */
const keysByFile = new Map<string, { identity: string; key: string }>();

function identity(full: string, version: string): string | undefined {
  const s = statSync(full, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? undefined : `${version}\0${s.dev}:${s.ino}:${s.size}:${s.ctimeNs}`;
}

/** Parsing runs through most of src/ (schema, dates, slugs, …): any change there re-parses. */
async function parserVersion(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sources = (await readdir(here)).filter((f) => f.endsWith(".ts")).sort();
  return codeVersion(sources.map((f) => path.join(here, f)), ["gray-matter", "js-yaml"]);
}

function isParseResult(value: unknown): value is ParseResult {
  const v = value as { ok?: unknown; article?: Partial<ParsedArticle>; problems?: unknown } | null;
  return v?.ok === true ? typeof v.article?.bodyStart === "number" && typeof v.article.markdownDigest === "string" : v?.ok === false && Array.isArray(v.problems);
}

type Outcome =
  | { kind: "article"; article: SourceArticle }
  | { kind: "problems"; problems: Problem[] }
  | { kind: "warning"; problem: Problem }
  | { kind: "skip" };

/**
 * YAML aliases can repeat a list inside itself ("a billion laughs"): a few lines that stand for
 * 10^9 values, which anything copying or serialising the front-matter later would try to build.
 */
const MAX_VALUES = 10_000;

/** The values in `data` with every alias expanded, counted up to `limit`. */
function countValues(data: unknown, limit: number): number {
  const pending: unknown[] = [data];
  let count = 0;
  while (pending.length > 0 && count < limit) {
    const value = pending.pop();
    count += 1;
    if (value !== null && typeof value === "object") for (const child of Object.values(value)) pending.push(child);
  }
  return count;
}

export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; problems: Problem[] };
/** A parse with the body's markdown, which the cache does not keep. */
export type Parsed = (ParseResult & { ok: false }) | { ok: true; article: ParsedArticle; markdown: string };

function sourceKey(version: string, file: string, bytes: Uint8Array): string {
  return createHash("sha256").update(`${version}\0${file}\0`).update(bytes).digest("hex");
}

/** A file's text as parsed: UTF-8 without a byte-order mark, lines ending in \n; null if not UTF-8. */
function articleText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch {
    return null;
  }
}

/** One file's bytes to a validated article. Pure: the caller does the reading. */
export function parseArticle(file: string, bytes: Uint8Array): Parsed {
  const fail = (kind: ProblemKind, field: string, message: string, fix: string, line?: number): Parsed => ({
    ok: false,
    problems: [{ kind, file, field, ...(line === undefined ? {} : { line }), message, fix }],
  });

  const text = articleText(bytes);
  if (text === null) return fail("file-unreadable", "file", "is not UTF-8 text (is it a binary file?)", "save the article as UTF-8 markdown, or remove it");
  if (text.includes("\0")) return fail("file-unreadable", "file", "contains NUL bytes, so it is not a text file", "save the article as plain UTF-8 markdown");
  if (text.trim() === "") return fail("file-unreadable", "file", "is empty", "add front-matter with a title and a date, or delete the file");
  if (!text.startsWith("---")) {
    return fail("front-matter-invalid", "front-matter", "the file does not start with a --- front-matter block", 'start it with ---, title: "…", date: "…", ---', 1);
  }

  const language = matter.language(text).name.trim().toLowerCase();
  if (language.startsWith("-")) {
    return fail("front-matter-invalid", "front-matter", `opens with "---${language}": front-matter opens and closes with a line of exactly three dashes`, "make the first line and the closing line just ---", 1);
  }
  if (!READABLE_LANGUAGES.has(language)) {
    return fail(
      "front-matter-code",
      "front-matter",
      `"---${language}" front-matter is not read: front-matter is data, and running code from an article is not allowed`,
      "write the front-matter as YAML between two --- lines",
      1,
    );
  }

  // gray-matter reads an unclosed block to the end of the file: the body would be parsed as YAML
  // (a puzzling YAML error) or, when the file has no body, accepted without a word.
  const firstLineEnd = text.indexOf("\n");
  if (firstLineEnd === -1 || !text.slice(firstLineEnd).includes("\n---")) {
    return fail("front-matter-invalid", "front-matter", "is never closed: there is no --- line after the fields", "add a line with just --- after the last field, before the article's text", 1);
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, MATTER_OPTIONS);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    return fail(
      "front-matter-invalid",
      "front-matter",
      `is not valid YAML: ${reason}`,
      "check quotes, indentation (spaces, not tabs) and that each key appears once",
      mark?.line === undefined ? undefined : mark.line + 1,
    );
  }
  if (parsed.data === null || typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    return fail("front-matter-invalid", "front-matter", "is not a set of key: value fields", 'write it as lines of key: value, e.g. title: "…"', 2);
  }
  if (countValues(parsed.data, MAX_VALUES + 1) > MAX_VALUES) {
    return fail(
      "front-matter-invalid",
      "front-matter",
      `holds more than ${MAX_VALUES.toLocaleString("en")} values once its YAML aliases (*name) are expanded`,
      "write the values out rather than nesting aliases inside aliases",
    );
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
  const markdownDigest = createHash("sha256").update(parsed.content).digest("base64");
  return { ok: true, article: { file, meta: checked.meta, bodyLine, bodyStart, markdownDigest }, markdown: parsed.content };
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
        kind: "url-taken",
        file: a.file,
        field: "slug",
        message: `"${slug}" is also the URL of ${others}: two articles cannot share /articles/${slug}/`,
        fix: "give one of them its own slug: a different file name or a slug: field",
      });
    }
  }
  return problems;
}
