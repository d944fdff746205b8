// Every complaint about an article carries where it is, what is wrong and what to do, so a
// person with forty articles to fix can fix them all from one report.

/**
 * What sort of problem it is: warnings are grouped by kind in the build's report, and `check --json`
 * gives it to scripts. Errors stop the build; warnings do not (unless --strict).
 */
export type ProblemKind =
  // errors: what cannot be understood, or is unsafe
  | "file-unreadable"
  | "front-matter-invalid"
  | "front-matter-code"
  | "field-invalid"
  | "title-missing"
  | "date-invalid"
  | "slug-invalid"
  | "url-taken"
  | "path-outside"
  | "picture-unreadable"
  | "body-too-deep"
  | "site-config"
  | "picture-unsafe"
  | "redirect-invalid"
  // warnings: understood, built, imperfect
  | "not-an-article"
  | "date-unpadded"
  | "date-extra-text"
  | "undated"
  | "slug-changed"
  | "tag-dropped"
  | "field-repeated"
  | "html-removed"
  | "html-unsafe-removed"
  | "link-removed"
  | "embed-linked"
  | "shortcode-unknown"
  | "link-broken"
  | "url-dropped"
  | "picture-missing"
  | "picture-remote"
  | "picture-no-alt"
  | "field-typo"
  | "tag-variants"
  | "date-future"
  | "tags-missing";

export interface Problem {
  kind: ProblemKind;
  /** Path as the user wrote it, relative to the project, e.g. "articles/2020-01-08-withdrawal.md". */
  file: string;
  /** The front-matter field, or "body" / "file" for problems outside the front-matter. */
  field: string;
  line?: number;
  message: string;
  fix: string;
}

export function formatProblem(p: Problem, kind: "error" | "warning"): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${kind}: ${where}: ${p.field}: ${p.message}\n    fix: ${p.fix}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Thrown when articles are invalid; carries every problem so the CLI can print them together. */
export class ArticleProblems extends Error {
  constructor(
    readonly problems: readonly Problem[],
    readonly warnings: readonly Problem[],
  ) {
    const files = new Set(problems.map((p) => p.file)).size;
    super(`${plural(problems.length, "problem")} in ${plural(files, "article")}`);
  }
}
