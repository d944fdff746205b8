// Shared by the find-and-follow tests: fixture projects, the source articles as a reader of the
// markdown sees them, and parsers for what machines read (feeds, sitemaps, JSON-LD).
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import yaml from "js-yaml";
import { FIXTURES } from "../helpers/project.ts";
import { decodeEntities } from "../helpers/site.ts";

export const EDGE = path.join(FIXTURES, "find", "edge");

export interface SourceArticle {
  slug: string;
  title: string;
  date: string;
  tags: string[];
  source: string | null;
  authors: string[];
  lang: string;
  /** The markdown body's paragraphs as plain text (blank-line separated blocks, markup lines skipped). */
  paragraphs: string[];
}

/** The articles of a project as written in their files: the expectations tests check against. */
export async function sourceArticles(root: string): Promise<SourceArticle[]> {
  const dir = path.join(root, "articles");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), "utf8");
      const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
      assert.ok(front !== undefined && body !== undefined, `${file} has no front-matter`);
      const meta = yaml.load(front, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
      const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
      return {
        slug: file.replace(/\.md$/, ""),
        title: String(meta.title),
        date: String(meta.date),
        tags: list(meta.tags),
        source: meta.source === undefined ? null : String(meta.source),
        authors: list(meta.author),
        lang: meta.lang === undefined ? "en" : String(meta.lang),
        paragraphs: body
          .split(/\n\s*\n/)
          .map((block) => block.trim())
          .filter((block) => block !== "" && !block.startsWith("<") && !block.startsWith("#"))
          .map((block) => block.replace(/\\([*_`\\])/g, "$1").replace(/`/g, "").replace(/\s+/g, " ")),
      };
    }),
  );
}

/** Well-formed XML, parsed with attributes as "@_name" and the listed elements always as arrays. */
export function parseXml(text: string, arrays: string[]): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => arrays.includes(name), parseTagValue: false, trimValues: false });
  return parser.parse(text) as Record<string, unknown>;
}

/** Every JSON-LD block of a page, parsed. */
export function jsonLdOf(page: string): Record<string, unknown>[] {
  return [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

/** The content of each `<meta property="…">` of a page, in order. */
export function metaProperties(page: string, property: string): string[] {
  return [...page.matchAll(/<meta property="([^"]+)" content="([^"]*)">/g)].filter((m) => m[1] === property).map((m) => decodeEntities(m[2]!));
}

/** HTML (from a feed's content) to the words a reader sees. */
export function plainText(markup: string): string {
  return decodeEntities(markup.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}
