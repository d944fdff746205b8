// The full-text search index: Pagefind, run over the built article pages in the staging folder,
// so the index is swapped in with the pages it describes.
//
// Only article pages are read (the glob), and only their title and body (data-pagefind-body and
// data-pagefind-ignore in templates/article.11ty.ts): navigation and lists are never indexed.
// Every page goes into one index in the site's language, whatever its own `lang`: one search box
// finds everything, including the Arabic parts, which Pagefind splits into words at spaces like
// any other text (it does not stem Arabic inside an English index; whole words and word starts match).
import path from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_BUNDLE_DIR = "pagefind";

export interface SearchIndexResult {
  pages: number;
}

export async function writeSearchIndex(siteDir: string, lang: string): Promise<SearchIndexResult> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: primaryLanguage(lang) });
  try {
    if (index === undefined) throw new Error(`the search index could not be started: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: siteDir, glob: "articles/*/index.html" });
    if (added.errors.length > 0) throw new Error(`the search index could not read the pages: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) throw new Error(`the search index could not be written: ${written.errors.join("; ")}`);
    await index.deleteIndex();
    return { pages: added.page_count };
  } finally {
    // The index runs in a child process; closing it lets the command exit.
    await pagefind.close();
  }
}

/** Pagefind takes an ISO 639-1 code: "en" for "en-GB". */
function primaryLanguage(lang: string): string {
  return lang.split("-")[0]!.toLowerCase();
}
