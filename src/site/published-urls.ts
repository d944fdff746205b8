// Every address the site has published, kept in a file committed with the project (not in .cache,
// which anyone may delete): a build that no longer has one of them, and no redirect from it, says
// so, because somebody's bookmark, citation or feed reader points there. `build` adds the new
// addresses; `serve` and `check` only read the file.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { servedFile, type Redirect } from "./old-urls.ts";
import type { Problem } from "../content/problems.ts";
import { writeFileAtomic } from "../project.ts";

export const PUBLISHED_FILE = "published-urls.txt";

const HEADER = [
  "# Every address this site has published, one per line: news-archive build adds the new ones.",
  "# Commit this file. A build warns (url-dropped) when an address here has no page and no redirect.",
];

export interface PublishedUrl {
  url: string;
  line: number;
}

/** The addresses a build publishes that readers keep: its lasting pages and feeds, and every old address it redirects. */
export function publishedBy(lasting: readonly string[], redirects: readonly Redirect[]): string[] {
  return [...new Set([...lasting, ...redirects.map((r) => r.from)])];
}

/** The file's addresses with their lines; blank lines and `#` comments are skipped. */
export function parsePublished(text: string): PublishedUrl[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const url = raw.trim();
    return url === "" || url.startsWith("#") ? [] : [{ url, line: i + 1 }];
  });
}

/**
 * A `url-dropped` warning for each published address this build has no page or redirect at. An
 * address is the same as another served from the same file ("/x" and "/x/").
 */
export function droppedUrls(published: readonly PublishedUrl[], current: readonly string[]): Problem[] {
  const served = new Set(current.map(servedFile));
  return published
    .filter((p) => !served.has(servedFile(p.url)))
    .map((p) => ({
      kind: "url-dropped" as const,
      file: PUBLISHED_FILE,
      field: "url",
      line: p.line,
      message: `"${p.url}" was published, but this build has no page there and no redirect from it`,
      fix: `add "${p.url}" to the aliases of the article that replaced it, or delete line ${p.line} of ${PUBLISHED_FILE} if it is gone for good`,
    }));
}

/**
 * The file with this build's new addresses added, sorted; null when it has nothing new (an address
 * served from the same file as a listed one is not new). The project's own comment lines are kept,
 * after the header.
 */
export function publishedText(previous: string, current: readonly string[]): string | null {
  const published = parsePublished(previous);
  const known = new Set(published.map((p) => p.url));
  const served = new Set(published.map((p) => servedFile(p.url)));
  const added = current.filter((url) => !served.has(servedFile(url)));
  if (added.length === 0) return null;
  const notes = previous.split(/\r?\n/).filter((line) => line.trim().startsWith("#") && !HEADER.includes(line));
  const all = [...known, ...added].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...HEADER, ...notes, ...all, ""].join("\n");
}

/** The file's text, or "" before the first build. */
export async function readPublished(root: string): Promise<string> {
  try {
    return await readFile(path.join(root, PUBLISHED_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new Error(`${PUBLISHED_FILE} cannot be read: ${(error as Error).message}`);
  }
}

/** Written whole and renamed into place, so a killed build never leaves half a list. */
export async function writePublished(root: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path.join(root, PUBLISHED_FILE), text);
  } catch (error) {
    throw new Error(`${PUBLISHED_FILE} cannot be written: ${(error as Error).message}`);
  }
}
