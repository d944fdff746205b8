// How problems are printed on a terminal. Errors are listed one by one: each must be fixed. Warnings
// can run to hundreds on an archive brought from another tool, so they are grouped by kind: one
// heading per kind with its count, the first few in full, and `--verbose` for every one.
import { formatProblem, plural, type Problem, type ProblemKind } from "../content/problems.ts";

/** How many warnings of a kind are shown in full without --verbose. */
const SHOWN_PER_KIND = 3;

/** What a kind of warning means, as the heading of its group. */
const KIND_HEADINGS: Record<ProblemKind, string> = {
  "file-unreadable": "files that cannot be read",
  "front-matter-invalid": "front-matter that cannot be read",
  "front-matter-code": "front-matter that would run code",
  "field-invalid": "fields that cannot be used",
  "title-missing": "articles without a title",
  "date-invalid": "dates that cannot be understood",
  "slug-invalid": "names that cannot become a URL",
  "url-taken": "two articles at one URL",
  "path-outside": "paths that leave the project",
  "picture-unreadable": "pictures that cannot be read",
  "picture-missing": "pictures that cannot be found",
  "body-too-deep": "bodies nested too deeply to render",
  "site-config": "site settings that cannot be used",
  "picture-unsafe": "pictures that carry scripts",
  "redirect-invalid": "old addresses that cannot be redirected",
  "not-an-article": "files skipped: not articles",
  "date-unpadded": "dates written without leading zeros",
  "date-extra-text": "dates with text beside them that is left out",
  "undated": "articles without a date, filed under Undated",
  "slug-changed": "names turned into URLs",
  "field-repeated": "fields written twice: the last one is used",
  "tag-dropped": "tags, categories and authors with no letters or digits, left out",
  "html-removed": "raw HTML this site does not show",
  "html-unsafe-removed": "unsafe raw HTML removed (scripts, styles, event handlers)",
  "link-removed": "unsafe links removed",
  "embed-linked": "embedded pages shown as links",
  "shortcode-unknown": "shortcodes and template tags left as text",
  "link-broken": "links to pages of this site that do not exist",
  "url-dropped": "published URLs the site no longer has",
  "picture-remote": "remote pictures shown from their own site",
  "picture-no-alt": "pictures without a description (alt text)",
  "field-typo": "fields that look like typos",
  "tag-variants": "tags written two ways",
  "date-future": "dates in the future",
  "tags-missing": "articles without tags",
};

export interface ReportOptions {
  /** Every warning in full, not only the first few of each kind. */
  verbose: boolean;
}

/** Errors in full, then warnings grouped by kind (in order of first appearance). */
export function formatReport(errors: readonly Problem[], warnings: readonly Problem[], options: ReportOptions): string[] {
  const lines = errors.map((p) => formatProblem(p, "error"));
  for (const [kind, group] of groupByKind(warnings)) {
    if (options.verbose) {
      lines.push(...group.map((p) => formatProblem(p, "warning")));
      continue;
    }
    const files = new Set(group.map((p) => p.file)).size;
    lines.push(`warnings: ${KIND_HEADINGS[kind]} (${kind}): ${plural(group.length, "warning")} in ${plural(files, "file")}`);
    for (const p of group.slice(0, SHOWN_PER_KIND)) lines.push(indent(formatProblem(p, "warning")));
    if (group.length > SHOWN_PER_KIND) lines.push(`  … and ${group.length - SHOWN_PER_KIND} more (--verbose lists every one)`);
  }
  return lines;
}

function groupByKind(problems: readonly Problem[]): Map<ProblemKind, Problem[]> {
  const groups = new Map<ProblemKind, Problem[]>();
  for (const p of problems) {
    const group = groups.get(p.kind);
    if (group === undefined) groups.set(p.kind, [p]);
    else group.push(p);
  }
  return groups;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

/** With --strict every warning is an error: for CI, where nothing imperfect should be published. */
export function strictly(errors: readonly Problem[], warnings: readonly Problem[], strict: boolean): { errors: Problem[]; warnings: Problem[] } {
  return strict ? { errors: [...errors, ...warnings], warnings: [] } : { errors: [...errors], warnings: [...warnings] };
}
