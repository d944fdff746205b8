// What `news-archive --help` and each command's --help print: the reference a user reads first,
// kept apart from the parsing so it reads as one text.
import { SERVE_DIR } from "../project.ts";

export const HELP = `news-archive: markdown articles in, a static news archive out

Usage: news-archive <command> [options]

Commands:
  build     build the site into _site/ (or --out), atomically
  serve     build with drafts and serve on localhost, rebuilding on every change
  new       start a new article: news-archive new "Title"
  import    turn plain-text clippings into articles
  check     validate every article and report all problems at once
  help      show this help

Run "news-archive <command> --help" for a command's options.`;

export const BUILD_HELP = `Usage: news-archive build [--out DIR] [--path-prefix /sub/] [--site-url URL] [--strict] [--verbose] [--explain] [--root DIR]

Builds every article in articles/ into a static site. The site is written to a fresh folder and
swapped in only when the whole build succeeded, so a failed build leaves the last good site as it was.

Options:
  --out DIR            output folder (default: _site in the project folder)
  --path-prefix PATH   serve the site under a sub-path, e.g. /project/ for GitHub Pages
                       (or set NEWS_ARCHIVE_PATH_PREFIX)
  --site-url URL       the deployed origin, e.g. https://example.org (or set NEWS_ARCHIVE_SITE_URL)
  --strict             treat every warning as an error: nothing is built while there is one (for CI)
  --verbose            list every warning, not only the first few of each kind
  --explain            say why each page and feed not reused from the last build was made again,
                       e.g. "1,526 pages and 94 feeds: templates/article.11ty.ts changed"
  --root DIR           the project folder holding articles/ (default: the current folder)
  -h, --help           show this help

Environment:
  NEWS_ARCHIVE_THREADS=N          threads rendering a cold build's articles (default: one per core, up to 4)
  NEWS_ARCHIVE_PAGES_PER_RUN=N    pages Eleventy renders per run (default 4000; fewer use less memory)
  NODE_OPTIONS=--max-old-space-size=MB   the build's memory ceiling (default: 3/4 of the machine's memory)`;

export const SERVE_HELP = `Usage: news-archive serve [--port N] [--root DIR]

Builds the site, drafts included (marked "Draft"), and serves it on http://localhost:8080/ with live
reload. Any change in articles/, templates/ or public/ (site.json included) rebuilds it; a deleted or
renamed article disappears from its page and from every list. If a change breaks the build, the
problems are printed here and shown over the page in the browser, the last good site stays up,
and the next save that fixes it recovers by itself.

The site is built into ${SERVE_DIR}/, not _site/: it contains drafts, so it is never the site you
deploy. Parsed and rendered articles are cached in .cache/news-archive/; the whole .cache/
folder is safe to delete.

Options:
  --port N     the port to listen on (default: 8080; 0 picks a free one)
  --root DIR   the project folder holding articles/ (default: the current folder)
  -h, --help   show this help

Stop it with Ctrl-C.`;

export const NEW_HELP = `Usage: news-archive new "Title" [--date DATE] [--tags a,b] [--source NAME] [--author NAME]
                        [--slug NAME] [--draft] [--root DIR]

Writes articles/<date>-<slug>.md with its front-matter filled in, ready for the body to be written
below it. It never overwrites a file, and refuses a title whose URL another article already has.

Options:
  --date DATE      2023-10-30T20:08, 2023-10-30, 2019-10 or 2019 (default: today). A date
                   without a day gives the file no date prefix.
  --tags a,b       tags, separated by commas
  --source NAME    the publication
  --author NAME    the byline
  --slug NAME      the URL name, /articles/NAME/ (default: the whole title, cut only past
                   120 bytes, after a whole word)
  --draft          shown by serve, left out of build until you remove draft: true
  --root DIR       the project folder holding articles/ (default: the current folder)
  -h, --help       show this help`;

export const IMPORT_HELP = `Usage: news-archive import FILE... [--source NAME] [--date DATE] [--tags a,b] [--lang TAG]
                           [--draft] [--dry-run] [--root DIR]

Turns plain-text clippings into articles: the first line is the title, the rest the body, one
paragraph per line. What a clipping carries around the article is lifted into the front-matter —
a repeated title, a byline ("By ..."), a dateline, a source in parentheses, a signature at the end —
and the clipped site's leftovers ("Related Posts", comment forms) are set aside. For every file it
prints each line it lifted or set aside, so nothing disappears unseen; every other line is in the
body, unchanged. Short lines that are not sentences become sub-headings, and paragraphs in Arabic
or Hebrew are marked with their language and right-to-left direction.

A clipping without a full date (year included) is written as a draft dated today, with a comment
beside the date: set the real date, then remove draft: true. Existing files are never overwritten,
and a clipping whose title an article already has is not imported again (it is named instead).

Options (each applies to every FILE, and wins over what the clipping says):
  --source NAME    the publication
  --date DATE      2023-10-30T20:08, 2023-10-30, 2019-10 or 2019
  --tags a,b       tags, separated by commas
  --lang TAG       the article's language, e.g. en (default: "en" when the text is plainly English)
  --draft          write drafts (shown by serve, left out of build)
  --force          import a clipping even if an article has its title (as another article)
  --dry-run        print what would be written, write nothing
  --root DIR       the project folder holding articles/ (default: the current folder)
  -h, --help       show this help`;

export const CHECK_HELP = `Usage: news-archive check [--json] [--strict] [--verbose] [--root DIR]

Validates every article without building and prints every problem at once — file, line where
known, field, and the fix — then warnings: raw HTML the page will not show, unknown fields that look
like typos of known ones, tags written two ways, dates in the future, articles without tags.
Warnings are grouped by kind. Exits with 1 when there is an error (the build would refuse the
archive), 0 otherwise.

Options:
  --json       print {"ok", "articles", "errors", "warnings"} as JSON instead, for scripts and editors;
               each problem has a "kind", e.g. "html-removed"
  --strict     treat every warning as an error, as build --strict does (for CI)
  --verbose    list every warning, not only the first few of each kind
  --root DIR   the project folder holding articles/ (default: the current folder)
  -h, --help   show this help`;

export const COMMAND_HELP: Record<string, string> = {
  build: BUILD_HELP,
  serve: SERVE_HELP,
  new: NEW_HELP,
  import: IMPORT_HELP,
  check: CHECK_HELP,
};
