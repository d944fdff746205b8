// Why a build failed, as plain data: it is worked out in the build's thread, where the error
// object is, and printed by the command or shown by serve in the main thread.
import path from "node:path";
import { ArticleProblems, type Problem } from "../content/problems.ts";
import { besideKind } from "../project.ts";

export type BuildFailure =
  /** Invalid articles: every problem, and the warnings found on the way. */
  | { kind: "problems"; problems: Problem[]; warnings: Problem[]; summary: string }
  /** Anything else. A write error (full disk, permissions) is one line naming where. */
  | { kind: "error"; message: string; write: boolean };

const WRITE_REASONS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of that path is a file, not a folder",
};

export function describeFailure(error: unknown, out: string): BuildFailure {
  if (error instanceof ArticleProblems) {
    return { kind: "problems", problems: [...error.problems], warnings: [...error.warnings], summary: error.message };
  }
  // Eleventy wraps the file system's error in its own; the code is on one of the causes.
  const e = chain(error).find((c) => WRITE_REASONS[(c as NodeJS.ErrnoException).code ?? ""] !== undefined) as NodeJS.ErrnoException | undefined;
  if (e === undefined) return { kind: "error", message: causes(error).join("\n  because: "), write: false };
  // The site is prepared beside the output folder (project.ts's besideOutput), under a name the reader never chose.
  const parts = (e.path ?? "").split(path.sep);
  const staging = parts.findIndex((part) => besideKind(part, path.basename(out)) === "staging");
  const where = e.path === undefined ? out : staging === -1 ? e.path : `${parts.slice(0, staging).join(path.sep) || path.sep}${path.sep} (the new site is prepared there, beside ${out}/)`;
  return { kind: "error", message: `cannot write ${where}: ${WRITE_REASONS[e.code!]}`, write: true };
}

/** Eleventy wraps a template's error in its own; the reader needs the whole chain. */
function causes(error: unknown): string[] {
  const messages = chain(error).map((e) => e.message);
  return messages.length === 0 ? [String(error)] : messages;
}

function chain(error: unknown): Error[] {
  const errors: Error[] = [];
  for (let e: unknown = error; e instanceof Error && errors.length < 5; e = e.cause ?? (e as { originalError?: unknown }).originalError) {
    errors.push(e);
  }
  return errors;
}
