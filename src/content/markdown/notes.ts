// What the renderer's passes say about a body, before the file and the line it starts at are known
// to them: render.ts turns each note into a Problem of the article.
import type { ProblemKind } from "../problems.ts";

export interface Note {
  kind: ProblemKind;
  /** 1-based, within the body's markdown. */
  line?: number;
  message: string;
  fix: string;
}

export type Notes = Note[];

interface Positioned {
  position?: { start: { line: number; offset?: number } } | undefined;
}

/** The line a node starts on within the body, when the parser recorded it. */
export function lineOf(node: Positioned): number | undefined {
  return node.position?.start.line;
}

export function note(notes: Notes, kind: ProblemKind, node: Positioned | number | undefined, message: string, fix: string): void {
  const line = typeof node === "number" || node === undefined ? node : lineOf(node);
  notes.push({ kind, ...(line === undefined ? {} : { line }), message, fix });
}

/** Text as a message quotes it: on one line, at most 60 characters. */
export function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 57)}…` : flat);
}
