// Which files in articles/ are articles, and what their paths say: the name a slug is made from, a
// date written in the name or the folders, a draft folder. Archives copied from Jekyll, Hugo or
// Eleventy keep their layout (`_posts/2019-10-01-x.md`, `posts/x/index.md`, `2019/10/x.md`), so
// the path is read the way those generators read it. Pure: the caller lists the files.

/** Markdown as the generators name it (Jekyll's and Hugo's extensions); MDX is read as markdown, its components as unknown HTML. */
export const ARTICLE_EXTENSION = /\.(md|markdown|mdown|mkd|mkdn|mdx)$/i;
/** Hugo and Jekyll also publish HTML files that open with front-matter as posts; other HTML is an asset's. */
const HTML_EXTENSION = /\.html?$/i;

/** Pictures and other files may sit beside articles (page bundles); anything else there is probably a mistake. */
const ASSET = /\.(jpe?g|png|gif|webp|avif|svg)$/i;

/** A repository's own documents, which sit beside posts but are not news. */
const REPOSITORY_DOCUMENT = /^(?:readme|license|licence|copying|changelog|code[_-]of[_-]conduct|security)(?:\.[a-z]{2}(?:[-_][a-z]{2})?)?$|^contributing(?:[._-].*)?$/i;

/** Jekyll's and Hugo's `2019-10-01-title`; Jekyll also reads `2019-1-5-title`. */
const DATED_NAME = /^(\d{4}-\d{1,2}-\d{1,2})-(.+)$/;
const YEAR_FOLDER = /^\d{4}$/;
const MONTH_OR_DAY_FOLDER = /^\d{1,2}$/;

export type ArticleFile =
  | {
      kind: "article";
      /** What the slug is made from: the file's name, or a page bundle's folder name, without a date prefix. */
      name: string;
      /** A date written in the name or the folders above it ("2019-10-01", "2019-10", "2019"), as written. */
      date: { text: string; from: "file name" | "folders" } | null;
      /** In Jekyll's `_drafts/` folder. */
      draft: boolean;
      /** An HTML file: an article only when it opens with front-matter. */
      html: boolean;
    }
  | { kind: "asset" }
  | { kind: "not-an-article"; message: string; fix: string };

const NOT_MARKDOWN = {
  kind: "not-an-article",
  message: "is not a markdown article (.md), so it is not part of the site",
  fix: "rename it to .md if it is an article, or move it out of the articles folder",
} as const;

/** An article file's name without its extension: "x" for "x.md" and "x.html". */
export function stemOf(base: string): string {
  return base.replace(HTML_EXTENSION.test(base) ? HTML_EXTENSION : ARTICLE_EXTENSION, "");
}

/** A page bundle's article (`a-post/index.md`): it is named by its folder, and the files beside it are its own. */
export function isBundleIndex(file: string): boolean {
  return stemOf(file.slice(file.lastIndexOf("/") + 1)).toLowerCase() === "index";
}

/** What a file is, from its path relative to the articles folder ("2019/10/x.md", with `/`). */
export function classifyArticleFile(relative: string): ArticleFile {
  const parts = relative.split("/");
  const base = parts[parts.length - 1]!;
  const html = HTML_EXTENSION.test(base);
  if (!ARTICLE_EXTENSION.test(base) && !html) return ASSET.test(base) ? { kind: "asset" } : NOT_MARKDOWN;
  const stem = stemOf(base);
  const folders = parts.slice(0, -1);
  if (REPOSITORY_DOCUMENT.test(stem)) {
    return { kind: "not-an-article", message: "is the repository's own document, not an article, so it is not part of the site", fix: "nothing to do; move it out of the articles folder to silence this" };
  }
  if (stem === "_index") {
    return { kind: "not-an-article", message: "is a Hugo list page (_index.md), not an article, so it is not part of the site", fix: "nothing to do: the archive makes its own lists; move it out of the articles folder to silence this" };
  }
  const bundle = isBundleIndex(relative);
  if (bundle && folders.length === 0) {
    return { kind: "not-an-article", message: "is the articles folder's index page, not an article, so it is not part of the site", fix: "nothing to do: the archive makes its own home page; move it out of the articles folder to silence this" };
  }
  // A page bundle (`a-post/index.md`) is named by its folder; the pictures beside it are its own.
  const named = bundle ? folders[folders.length - 1]! : stem;
  const above = bundle ? folders.slice(0, -1) : folders;
  const dated = DATED_NAME.exec(named);
  const fromFolders = dated === null ? folderDate(above) : null;
  return {
    kind: "article",
    name: dated?.[2] ?? named,
    date: dated !== null ? { text: dated[1]!, from: "file name" } : fromFolders === null ? null : { text: fromFolders, from: "folders" },
    draft: folders.includes("_drafts"),
    html,
  };
}

/**
 * The date in a page's old address, `/2019/10/01/title/` or `inside-rust/2024/05/07/x`: the first
 * year folder and the month and day folders after it. The Rust blog (Zola) dates posts this way.
 */
export function dateInPath(sitePath: string): string | null {
  const parts = sitePath.split("/");
  const year = parts.findIndex((p) => YEAR_FOLDER.test(p));
  if (year === -1 || !MONTH_OR_DAY_FOLDER.test(parts[year + 1] ?? "")) return null;
  const day = MONTH_OR_DAY_FOLDER.test(parts[year + 2] ?? "") && parts.length > year + 3 ? [parts[year + 2]!] : [];
  return [parts[year]!, parts[year + 1]!, ...day].join("-");
}

/** `2019/10/01/` → "2019-10-01", `2019/10/` → "2019-10", `2019/` → "2019": the numbered folders just above the file. */
function folderDate(folders: readonly string[]): string | null {
  for (let depth = Math.min(3, folders.length); depth >= 1; depth--) {
    const [year, ...rest] = folders.slice(folders.length - depth);
    if (YEAR_FOLDER.test(year!) && rest.every((p) => MONTH_OR_DAY_FOLDER.test(p))) return [year, ...rest].join("-");
  }
  return null;
}
