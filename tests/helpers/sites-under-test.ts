// The built sites the browser and validity tests look at, and which of their pages stand for each
// page kind. Two real builds with the CLI: the repository's five articles under a path prefix
// (one has a section in Arabic), and the "pages" fixture (pageSize 2, so tags and months have
// second pages) plus an article written wholly in Arabic and one in the markdown other generators
// write (GFM, raw HTML, shortcodes: tests/fixtures/sites/markdown).
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { pathOf } from "./links.ts";
import { buildOk, FIXTURES, projectFrom, realArticlesProject } from "./project.ts";
import { listFiles } from "./site.ts";

export interface BuiltSite {
  /** Short, for file names: "real", "kinds". */
  id: string;
  name: string;
  out: string;
  /** The path prefix it was built with, "/" or "/news/". */
  prefix: string;
  siteUrl: string;
}

export async function buildSitesUnderTest(): Promise<BuiltSite[]> {
  const real = await realArticlesProject("real");
  const kinds = await projectFrom("kinds", path.join(FIXTURES, "sites", "pages"));
  await cp(path.join(FIXTURES, "find", "edge", "articles", "arabic.md"), path.join(kinds, "articles", "arabic.md"));
  await cp(path.join(FIXTURES, "sites", "markdown", "articles"), path.join(kinds, "articles"), { recursive: true });
  const [realBuild, kindsBuild] = await Promise.all([buildOk(real, { args: ["--path-prefix", "/news/"] }), buildOk(kinds)]);
  return [
    { id: "real", name: "the five real articles under /news/", out: realBuild.out, prefix: "/news/", siteUrl: "https://example.org" },
    { id: "kinds", name: "every page kind (pages fixture + an Arabic article + other generators' markdown)", out: kindsBuild.out, prefix: "/", siteUrl: "https://example.org" },
  ];
}

/** Every page kind of the URL scheme (DESIGN.md), by its unprefixed site path. */
const KINDS: [kind: string, pattern: RegExp][] = [
  ["home", /^\/$/],
  ["article", /^\/articles\/[^/]+\/$/],
  ["tags", /^\/tags\/$/],
  ["tag", /^\/tags\/[^/]+\/$/],
  ["tag, later page", /^\/tags\/[^/]+\/page\/\d+\/$/],
  ["archive", /^\/archive\/$/],
  ["year", /^\/archive\/\d{4}\/$/],
  ["month", /^\/archive\/\d{4}\/\d{2}\/$/],
  ["month, later page", /^\/archive\/\d{4}\/\d{2}\/page\/\d+\/$/],
  ["sources", /^\/sources\/$/],
  ["source", /^\/sources\/[^/]+\/$/],
  ["source, later page", /^\/sources\/[^/]+\/page\/\d+\/$/],
  ["authors", /^\/authors\/$/],
  ["author", /^\/authors\/[^/]+\/$/],
  ["author, later page", /^\/authors\/[^/]+\/page\/\d+\/$/],
  ["search", /^\/search\/$/],
  ["not found", /^\/404\.html$/],
];

export interface Visit {
  kind: string;
  /** Unprefixed site path, with a query for a state of the page. */
  path: string;
  /** A selector that is on the page once it is ready to look at (after a script has run). */
  ready?: string;
}

/**
 * The pages that stand for each kind of page built into `out`: the first of each kind (and the
 * first article written right to left, with a part that is, and with GFM and raw HTML), and the search page showing results. A built page of
 * a kind this list does not know fails, so a new kind of page cannot go untested.
 */
export async function pagesToVisit(out: string): Promise<Visit[]> {
  const visits: Visit[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const file of (await listFiles(out)).filter((f) => f.endsWith(".html"))) {
    const sitePath = pathOf(file);
    const kind = KINDS.find(([, pattern]) => pattern.test(sitePath))?.[0];
    if (kind === undefined) {
      unknown.push(sitePath);
      continue;
    }
    // An article in a right-to-left language, and one with a part in one, stand for themselves.
    const page = kind === "article" ? await readFile(path.join(out, file), "utf8") : "";
    const label = /<html\s[^>]*dir="rtl"/.test(page)
      ? "article, right to left"
      : /<div\s[^>]*dir="rtl"/.test(page)
        ? "article with a right-to-left part"
        : /<section data-footnotes/.test(page)
          ? "article with tables, task lists, footnotes and raw HTML"
          : kind;
    if (!seen.has(label)) visits.push({ kind: label, path: sitePath });
    seen.add(label);
  }
  if (unknown.length > 0) throw new Error(`pages of a kind the tests do not know (add it to KINDS): ${unknown.join(", ")}`);
  const year = visits.find((v) => v.kind === "year");
  if (seen.has("search") && year !== undefined) {
    visits.push({ kind: "search results", path: `/search/?year=${year.path.split("/")[2]}`, ready: "[data-search-results] > li" });
  }
  return visits;
}
