// When YAML front-matter cannot be parsed, the parser names the line where it gave up. After a
// quote or a bracket left open (`title: "Envoy says talks`), that is a later line: the quoted text
// runs on into the next fields until another quote closes it, and the parser stops wherever the
// leftovers stop making sense. The line to fix is the one that opened it. A quote or bracket
// may rightly span lines in YAML (a long summary wrapped in quotes), so one only counts as left
// open when a line it runs over looks like a field of its own (`date: …` at the start of a line).

/** Where a quote or bracket opened and how its line would read closed; null when none ran on. */
export interface Unclosed {
  /** 0-based line of the source on which it opened. */
  line: number;
  /** What was left open there, outermost first: `"`, `'`, `[` or `{`. */
  opened: string[];
  /** The opening line with what it left open closed at its end. */
  closed: string;
}

const CLOSERS: Record<string, string> = { '"': '"', "'": "'", "[": "]", "{": "}" };
const FIELD_LINE = /^["']?[^\s:#"'\-[\]{},][^:]*?["']?\s*:(?:\s|$)/;

/** The first quote or flow collection, opened before or on `stopLine`, that runs on over a field's line. */
export function unclosedBefore(source: string, stopLine: number): Unclosed | null {
  const lines = source.split("\n");
  // What is open: each opener with the line it opened on.
  let open: { char: string; line: number }[] = [];
  for (let n = 0; n < lines.length && n <= stopLine; n++) {
    const text = lines[n]!;
    const runaway = open.find((o) => o.line < n);
    if (runaway !== undefined && FIELD_LINE.test(text)) {
      const opened = open.filter((o) => o.line === runaway.line).map((o) => o.char);
      return { line: runaway.line, opened, closed: closedLine(lines[runaway.line]!.trimEnd(), opened) };
    }
    open = scanLine(text, n, open);
  }
  return null;
}

/**
 * The line with what it left open closed at its end; a quote inside a list or map whose line ends
 * with that list's or map's own closer (`alt: "Trucks }`) is closed before it (`alt: "Trucks" }`).
 */
function closedLine(text: string, opened: readonly string[]): string {
  const closers = opened.map((c) => CLOSERS[c]!).reverse();
  const quote = opened[opened.length - 1]!;
  if ((quote === '"' || quote === "'") && closers.length > 1) {
    const tail = new RegExp(`(?:\\s*\\${closers.slice(1).join("\\s*\\")})$`).exec(text);
    if (tail !== null) return `${text.slice(0, tail.index).trimEnd()}${quote}${tail[0]}`;
  }
  return `${text}${closers.join("")}`;
}

/** The openers still open after `text`, given those open before it. */
function scanLine(text: string, line: number, before: readonly { char: string; line: number }[]): { char: string; line: number }[] {
  const open = [...before];
  let valueStarts = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = open[open.length - 1];
    if (top?.char === '"') {
      if (c === "\\") i++;
      else if (c === '"') open.pop();
      continue;
    }
    if (top?.char === "'") {
      if (c === "'" && text[i + 1] === "'") i++;
      else if (c === "'") open.pop();
      continue;
    }
    if (c === " " || c === "\t") continue;
    // A comment starts at a # after a space, outside quotes.
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) break;
    if (valueStarts && (c === '"' || c === "'" || c === "[" || c === "{")) {
      open.push({ char: c, line });
      valueStarts = c === "[" || c === "{";
      continue;
    }
    const inFlow = top?.char === "[" || top?.char === "{";
    if (inFlow && (c === "]" || c === "}")) {
      open.pop();
      valueStarts = false;
    } else if (c === ":" && (i + 1 === text.length || /\s/.test(text[i + 1]!))) valueStarts = true;
    else if (c === "-" && valueStarts && (i + 1 === text.length || /\s/.test(text[i + 1]!))) valueStarts = true;
    else if (inFlow && c === ",") valueStarts = true;
    else valueStarts = false;
  }
  return open;
}
