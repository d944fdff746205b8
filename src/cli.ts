// The `news-archive` command. Argument parsing and printing only; the work is in build.ts.
import { parseArgs } from "node:util";
import { buildSite } from "./build.ts";
import { ArticleProblems, formatProblem, plural, type Problem } from "./problems.ts";

const HELP = `news-archive: markdown articles in, a static news archive out

Usage: news-archive <command> [options]

Commands:
  build     build the site into _site/ (or --out), atomically
  help      show this help

Run "news-archive <command> --help" for a command's options.`;

const BUILD_HELP = `Usage: news-archive build [--out DIR] [--path-prefix /sub/] [--site-url URL] [--root DIR]

Builds every article in articles/ into a static site. The site is written to a fresh folder and
swapped in only when the whole build succeeded, so a failed build leaves the last good site as it was.

Options:
  --out DIR            output folder (default: _site)
  --path-prefix PATH   serve the site under a sub-path, e.g. /project/ for GitHub Pages
                       (or set NEWS_ARCHIVE_PATH_PREFIX)
  --site-url URL       the deployed origin, e.g. https://example.org (or set NEWS_ARCHIVE_SITE_URL)
  --root DIR           the project folder holding articles/ (default: the current folder)
  -h, --help           show this help`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "build":
      return build(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(HELP);
      return 0;
    default:
      console.error(`news-archive: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string", default: "_site" },
      "path-prefix": { type: "string" },
      "site-url": { type: "string" },
      root: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(BUILD_HELP);
    return 0;
  }
  try {
    const result = await buildSite({
      root: values.root,
      out: values.out,
      site: { pathPrefix: values["path-prefix"], url: values["site-url"] },
    });
    printWarnings(result.warnings);
    const seconds = (result.milliseconds / 1000).toFixed(2);
    console.log(
      `Built ${plural(result.articles, "article")} into ${result.pages} pages in ${seconds} s: ${result.out}` +
        (result.warnings.length > 0 ? ` (${plural(result.warnings.length, "warning")})` : ""),
    );
    return 0;
  } catch (error) {
    return reportFailure(error, values.out);
  }
}

function printWarnings(warnings: readonly Problem[]): void {
  for (const w of warnings) console.error(formatProblem(w, "warning"));
}

function reportFailure(error: unknown, out: string): number {
  if (error instanceof ArticleProblems) {
    printWarnings(error.warnings);
    for (const p of error.problems) console.error(formatProblem(p, "error"));
    console.error(`\n${error.message}. Nothing was built; ${out}/ is as it was.`);
    return 1;
  }
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: "the disk is full",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EROFS: "the file system is read-only",
  };
  const reason = e.code === undefined ? undefined : reasons[e.code];
  if (reason !== undefined) {
    console.error(`news-archive: cannot write ${e.path ?? out}: ${reason}. The last good site in ${out}/ is as it was.`);
  } else {
    console.error(`news-archive: ${e.message ?? String(error)}\nThe last good site in ${out}/ is as it was.`);
  }
  return 1;
}
