// Reads articles/ and validates every file. All problems are collected, never thrown one by one.
//
// Parsing is cached by content (.cache/news-archive/load.v8): YAML and the schema cost a large
// archive a time that a rebuild with few changes need not pay again. The cache holds what was
// parsed, not the markdown: only an article that is rendered needs its text, and reading the file
// again then is cheaper than a cache of every text, large and slow to read. Reading is synchronous
// on purpose: small files read one after another were faster here than through fs.promises, whose
// open/stat/read/close each wait for a thread of the pool. Figures: docs/ARCHITECTURE.md,
// measurements.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { classifyArticleFile } from "./article-files.ts";
import { codeVersion, versionOnce } from "../cache/code-version.ts";
import { splitFrontMatter } from "./front-matter.ts";
import { separateSlugs } from "./slug-clashes.ts";
import { mapLimit } from "../util/map-limit.ts";
import type { ProjectCaches } from "../cache/project-caches.ts";
import type { Problem, ProblemKind } from "./problems.ts";
import { validateFrontMatter, type ArticleMeta, type ImageMeta, type RedirectStub, type RefusedLead } from "./schema.ts";

/** What parsing a file yields, and the parse cache keeps. */
export interface ParsedArticle {
  file: string;
  meta: ArticleMeta;
  /** 1-based line of the file where the markdown body starts, so body warnings point at real lines. */
  bodyLine: number;
  /** Where the body starts in the file's text (see articleText). */
  bodyStart: number;
  /** A hash of the markdown body, which keys its render (build/render-cache.ts) without the text at hand. */
  markdownDigest: string;
  /** What was understood but imperfect in the front-matter (an unpadded date, no date at all, …). */
  warnings: Problem[];
}

export interface SourceArticle extends ParsedArticle {
  /** The markdown body, read when it is rendered. */
  markdown: () => string;
}

/**
 * Where the body of a file refused for its front-matter starts, and its lead picture as far as it
 * was read: the build still renders that body and checks its pictures, so one run reports every
 * picture problem, not only those of the articles that were accepted.
 */
export interface RefusedBody {
  bodyLine: number;
  bodyStart: number;
  markdownDigest: string;
  lead: RefusedLead;
}

/** An article refused for its front-matter, with what checking its pictures needs. */
export interface RefusedArticle {
  file: string;
  bodyLine: number;
  markdownDigest: string;
  markdown: () => string;
  meta: { image: ImageMeta | null };
  /** What the schema found imperfect in its lead picture (no alt text, no file named). */
  warnings: Problem[];
}

export interface Loaded {
  articles: SourceArticle[];
  /** Files that only send readers to another page (redirect_to), for the redirects to write. */
  redirects: RedirectStub[];
  problems: Problem[];
  warnings: Problem[];
  /** Files refused for their front-matter whose bodies can still be read (among `problems`). */
  refused: RefusedArticle[];
}

export async function loadArticles(caches: ProjectCaches, articlesDir: string): Promise<Loaded> {
  const { root } = caches;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const articles: SourceArticle[] = [];
  const redirects: RedirectStub[] = [];
  const refused: RefusedArticle[] = [];
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
    return { articles, redirects, problems, warnings, refused };
  }

  // Dirents say what each entry is without a stat per file; files are read and parsed 64 at a
  // time, and the results kept in name order so reports and output never depend on timing.
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .map((entry) => ({ entry, name: path.relative(dir, path.join(entry.parentPath, entry.name)) }))
    .filter(({ entry, name }) => !entry.isDirectory() && !name.split(path.sep).some((part) => part.startsWith(".")))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const version = await parserVersion();
  const cache = await caches.openPack("parse", isParseResult);
  // For a process that builds again (serve), see ProjectCaches.fileKeys; a one-off build reads every file.
  const keysByFile = caches.purpose === "serve" ? caches.fileKeys : null;
  const outcomes = await mapLimit(entries, 64, async ({ entry, name }): Promise<Outcome> => {
    const full = path.join(dir, name);
    const file = path.relative(root, full).split(path.sep).join("/");
    const what = classifyArticleFile(name.split(path.sep).join("/"));
    if (what.kind === "asset") return { kind: "skip" };
    if (what.kind === "not-an-article") return { kind: "warnings", problems: [{ kind: "not-an-article", file, field: "file", message: what.message, fix: what.fix }] };
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
    const target = entry.isSymbolicLink() ? await stat(full) : entry;
    if (!target.isFile()) {
      return {
        kind: "problems",
        problems: [{ kind: "file-unreadable", file, field: "file", message: "is not a file (a folder, pipe or device named like an article), so it cannot be read", fix: "rename it so its name does not end in .md, or put the article's file in its place" }],
      };
    }
    // Taken before reading: a write after it changes the change time, so it is read again next time.
    const id = keysByFile === null ? undefined : identity(full, version);
    const known = id === undefined ? undefined : keysByFile?.get(full);
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
        const parsed = parseArticle(file, bytes, articlesDir);
        if (parsed.ok) markdown = parsed.markdown;
        // The cache keeps what was parsed, without the text.
        cache.set(key, (result = parsed.ok ? { ok: true, article: parsed.article } : parsed));
      }
      if (id !== undefined) keysByFile?.set(full, { identity: id, key });
    }
    if (isRedirect(result)) return { kind: "redirect", redirect: result.redirect };
    if (isSkipped(result)) return { kind: "warnings", problems: [result.skipped] };
    const readAgain = () => {
      const bytes = readFileSync(full);
      if (sourceKey(version, file, bytes) !== key) throw new Error(`${file} changed while the site was being built: build again`);
      return articleText(bytes)!;
    };
    if (!result.ok) {
      const body = result.body;
      if (body === undefined) return { kind: "problems", problems: result.problems };
      const { bodyLine, bodyStart: start, markdownDigest, lead } = body;
      return { kind: "problems", problems: result.problems, refused: { file, bodyLine, markdownDigest, markdown: () => readAgain().slice(start), meta: { image: lead.image }, warnings: lead.warnings } };
    }
    const { bodyStart } = result.article;
    // A file parsed just now keeps its text for the render; one from the cache is read again if it is rendered.
    const body = markdown;
    return { kind: "article", article: { ...result.article, markdown: body === undefined ? () => readAgain().slice(bodyStart) : () => body } };
  });
  for (const outcome of outcomes) {
    if (outcome.kind === "article") {
      articles.push(outcome.article);
      warnings.push(...outcome.article.warnings);
    } else if (outcome.kind === "redirect") redirects.push(outcome.redirect);
    else if (outcome.kind === "problems") {
      problems.push(...outcome.problems);
      if (outcome.refused !== undefined) refused.push(outcome.refused);
    }
    else if (outcome.kind === "warnings") warnings.push(...outcome.problems);
  }

  cache.save();

  const separated = separateSlugs(articles);
  problems.push(...separated.problems);
  warnings.push(...separated.warnings);
  return { articles: separated.articles, redirects, problems, warnings, refused };
}

/**
 * A file's identity and change time. The kernel sets the change time on every write and no tool
 * can set it back, so a file whose inode, size and change time are the same holds the same bytes.
 */
function identity(full: string, version: string): string | undefined {
  const s = statSync(full, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? undefined : `${version}\0${s.dev}:${s.ino}:${s.size}:${s.ctimeNs}`;
}

/** Parsing runs through most of src/ (schema, dates, slugs, …): any change there re-parses. */
const parserVersion = versionOnce(async () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sources = (await readdir(here)).filter((f) => f.endsWith(".ts")).sort();
  return codeVersion(sources.map((f) => path.join(here, f)), ["js-yaml", "smol-toml"]);
});

function isParseResult(value: unknown): value is ParseResult {
  const v = value as { ok?: unknown; article?: Partial<ParsedArticle>; problems?: unknown } | null;
  return v?.ok === true
    ? typeof v.article?.bodyStart === "number" && typeof v.article.markdownDigest === "string" && Array.isArray(v.article.warnings)
    : v?.ok === false && Array.isArray(v.problems);
}

const isRedirect = (r: ParseResult): r is Extract<ParseResult, { redirect: RedirectStub }> => "redirect" in r;
const isSkipped = (r: ParseResult): r is Extract<ParseResult, { skipped: Problem }> => "skipped" in r;

type Outcome =
  | { kind: "article"; article: SourceArticle }
  | { kind: "redirect"; redirect: RedirectStub }
  | { kind: "problems"; problems: Problem[]; refused?: RefusedArticle }
  | { kind: "warnings"; problems: Problem[] }
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

/**
 * An article; or a file that is not one, refused (`problems`), a redirect stub, or a listing page
 * skipped with a warning (`ok: false` with no problems: the file gives no article, and no error).
 */
export type ParseResult =
  | { ok: true; article: ParsedArticle }
  | { ok: false; problems: Problem[]; body?: RefusedBody }
  | { ok: false; problems: []; redirect: RedirectStub }
  | { ok: false; problems: []; skipped: Problem };
/** A parse with the body's markdown, which the cache does not keep. */
export type Parsed = Exclude<ParseResult, { ok: true }> | { ok: true; article: ParsedArticle; markdown: string };

function sourceKey(version: string, file: string, bytes: Uint8Array): string {
  return createHash("sha256").update(`${version}\0${file}\0`).update(bytes).digest("hex");
}

/** A file's text as parsed: UTF-8 without a byte-order mark, lines ending in \n; null if not UTF-8. */
export function articleText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch {
    return null;
  }
}

/** An ATX `# heading` (the closing #s are decoration), the body's first line that is not blank. */
const OPENING_HEADING = /[ \t]*\n| {0,3}# +(.*?)(?:[ \t]+#+)?[ \t]*(?:\n|$)/y;

/**
 * One file's bytes to a validated article. Pure: the caller does the reading. `file` is the
 * project-relative path; its part under `articlesDir` gives the slug's name and any date in it.
 */
export function parseArticle(file: string, bytes: Uint8Array, articlesDir = "articles"): Parsed {
  const fail = (kind: ProblemKind, field: string, message: string, fix: string, line?: number): Parsed => ({
    ok: false,
    problems: [{ kind, file, field, ...(line === undefined ? {} : { line }), message, fix }],
  });

  const text = articleText(bytes);
  if (text === null) return fail("file-unreadable", "file", "is not UTF-8 text (is it a binary file?)", "save the article as UTF-8 markdown, or remove it");
  if (text.includes("\0")) return fail("file-unreadable", "file", "contains NUL bytes, so it is not a text file", "save the article as plain UTF-8 markdown");
  if (text.trim() === "") return fail("file-unreadable", "file", "is empty", "add front-matter with a title and a date, or delete the file");

  const prefix = `${articlesDir.replace(/\/+$/, "")}/`;
  const where = classifyArticleFile(file.startsWith(prefix) ? file.slice(prefix.length) : path.posix.basename(file));
  if (where.kind === "not-an-article") return { ok: false, problems: [], skipped: { kind: "not-an-article", file, field: "file", message: where.message, fix: where.fix } };
  if (where.kind === "asset") return { ok: false, problems: [], skipped: { kind: "not-an-article", file, field: "file", message: "is a picture, not an article", fix: "nothing to do: pictures beside articles are published with them" } };

  const split = splitFrontMatter(text);
  if (where.html && split.ok && split.format === "none") {
    return { ok: false, problems: [], skipped: { kind: "not-an-article", file, field: "file", message: "is an HTML file without front-matter, so it is not an article", fix: "nothing to do if it belongs to an article; to publish it as one, give it front-matter with a title" } };
  }
  if (!split.ok) {
    const { kind, ...rest } = split.problem;
    return { ok: false, problems: [{ kind, file, ...rest }] };
  }
  if (countValues(split.data, MAX_VALUES + 1) > MAX_VALUES) {
    return fail(
      "front-matter-invalid",
      "front-matter",
      `holds more than ${MAX_VALUES.toLocaleString("en")} values once its YAML aliases (*name) are expanded`,
      "write the values out rather than nesting aliases inside aliases",
    );
  }

  let bodyStart = split.bodyStart;
  const heading = openingHeading(text, bodyStart);
  const repeated = split.warnings.map(({ kind, ...rest }) => ({ kind, file, ...rest }));
  const checked = validateFrontMatter(split.data, {
    file,
    path: where,
    heading: heading?.text ?? null,
    hasBody: text.slice(bodyStart).trim() !== "",
    lineOf: split.lineOf,
  });
  if (checked.kind === "refused") {
    const body = { bodyLine: lineAt(text, split.bodyStart), bodyStart: split.bodyStart, markdownDigest: digest(text.slice(split.bodyStart)), lead: checked.lead };
    return { ok: false, problems: checked.problems, body };
  }
  if (checked.kind === "redirect") return { ok: false, problems: [], redirect: checked.redirect };
  if (checked.kind === "not-an-article") return { ok: false, problems: [], skipped: checked.warning };

  // A title taken from the body's heading leaves the body: the page shows it once, as its title.
  if (checked.titleFromHeading) bodyStart = heading!.end;
  const markdown = text.slice(bodyStart);
  const bodyLine = lineAt(text, bodyStart);
  const markdownDigest = digest(markdown);
  return { ok: true, article: { file, meta: checked.meta, bodyLine, bodyStart, markdownDigest, warnings: [...repeated, ...checked.warnings] }, markdown };
}

/** The 1-based line of the text that `offset` is on. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

function digest(markdown: string): string {
  return createHash("sha256").update(markdown).digest("base64");
}

/** The `# heading` a body opens with (after blank lines), and where the text after it starts. */
function openingHeading(text: string, start: number): { text: string; end: number } | null {
  OPENING_HEADING.lastIndex = start;
  for (let m = OPENING_HEADING.exec(text); m !== null; m = OPENING_HEADING.exec(text)) {
    if (m[1] !== undefined) return m[1].trim() === "" ? null : { text: m[1].trim(), end: OPENING_HEADING.lastIndex };
    if (OPENING_HEADING.lastIndex >= text.length) break;
  }
  return null;
}
