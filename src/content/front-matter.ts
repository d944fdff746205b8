// Splits an article's text into its front-matter fields and its body. YAML between `---` lines
// (Jekyll, Eleventy, Hugo, Astro), TOML between `+++` lines (Hugo, Zola), or a JSON object at the
// top of the file (Hugo). All three are data: none is evaluated, unlike gray-matter's and
// Eleventy's `---js`, which are refused. A file without front-matter has no fields and all body.
import yaml from "js-yaml";
import { unclosedBefore } from "./yaml-unclosed.ts";
import { parse as parseToml, TomlDate, TomlError } from "smol-toml";
import type { Problem } from "./problems.ts";

export type FrontMatterFormat = "yaml" | "toml" | "json" | "none";

export type FrontMatter =
  | {
      ok: true;
      format: FrontMatterFormat;
      data: Record<string, unknown>;
      /** Where the body starts in the text: after the closing delimiter's line. */
      bodyStart: number;
      /** The 1-based line of a top-level field, when it can be found. */
      lineOf: (field: string) => number | undefined;
      /** What was read but is imperfect: a YAML key written twice (the last is used, as Jekyll and Hugo do). */
      warnings: Omit<Problem, "file">[];
    }
  | { ok: false; problem: Omit<Problem, "file"> };

/**
 * A plain scalar is a number only when the number reads back as exactly what was written: YAML's
 * own rules would turn `title: 007` into 7, `tags: [1.50]` into 1.5 and `0x1F` into 31.
 */
const EXACT_NUMBER = new yaml.Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && /^-?\d+(?:\.\d+)?$/.test(s) && String(Number(s)) === s,
  construct: (s: string) => Number(s),
});
/** Replaces YAML's floats, which EXACT_NUMBER covers. */
const NO_FLOAT = new yaml.Type("tag:yaml.org,2002:float", { kind: "scalar", resolve: () => false });
/**
 * CORE_SCHEMA (no timestamps: dates stay the text the author wrote; no custom tags) with its
 * number types replaced: a type with the same tag takes the place of the built-in one.
 */
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [EXACT_NUMBER, NO_FLOAT] });

/** `---` languages that are data. Anything else (`---js`, `---coffee`) is code, or unknown. */
const DATA_LANGUAGES: Record<string, "yaml" | "toml" | "json"> = { "": "yaml", yaml: "yaml", yml: "yaml", json: "json", toml: "toml" };

/** Jekyll closes YAML with `---` or `...`. */
const YAML_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const TOML_CLOSE = /^\+\+\+[ \t]*$/;

const invalid = (message: string, fix: string, line?: number): FrontMatter => ({
  ok: false,
  problem: { kind: "front-matter-invalid", field: "front-matter", ...(line === undefined ? {} : { line }), message, fix },
});

/** Blank lines before the front-matter, which Hugo skips. */
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)*/;

/** `text`: UTF-8 without a byte-order mark, lines ending in \n. */
export function splitFrontMatter(text: string): FrontMatter {
  const start = LEADING_BLANK_LINES.exec(text)![0].length;
  const line = text.slice(0, start).split("\n").length;
  const firstLineEnd = text.indexOf("\n", start) === -1 ? text.length : text.indexOf("\n", start);
  const firstLine = text.slice(start, firstLineEnd);
  if (firstLine.startsWith("---")) {
    const language = firstLine.slice(3).trim().toLowerCase();
    if (language.startsWith("-")) {
      return invalid(`opens with "---${language}": front-matter opens and closes with a line of exactly three dashes`, "make the first line and the closing line just ---", line);
    }
    const format = DATA_LANGUAGES[language];
    if (format === undefined) {
      return {
        ok: false,
        problem: {
          kind: "front-matter-code",
          field: "front-matter",
          line,
          message: `"---${language}" front-matter is not read: front-matter is data, and running code from an article is not allowed`,
          fix: "write the front-matter as YAML between two --- lines",
        },
      };
    }
    return delimited(text, firstLineEnd, line, YAML_CLOSE, format, "---");
  }
  if (/^\+\+\+[ \t]*$/.test(firstLine)) return delimited(text, firstLineEnd, line, TOML_CLOSE, "toml", "+++");
  if (text.startsWith("{", start)) return jsonObject(text, start, line);
  return NONE;
}

const NONE: FrontMatter = { ok: true, format: "none", data: {}, bodyStart: 0, lineOf: () => undefined, warnings: [] };

/** Front-matter between an opening line (line `openLine`) and the first closing line after it. */
function delimited(text: string, firstLineEnd: number, openLine: number, close: RegExp, format: "yaml" | "toml" | "json", delimiter: string): FrontMatter {
  let start = firstLineEnd + 1;
  let closeStart = -1;
  while (start <= text.length && firstLineEnd < text.length) {
    const end = text.indexOf("\n", start) === -1 ? text.length : text.indexOf("\n", start);
    if (close.test(text.slice(start, end))) {
      closeStart = start;
      break;
    }
    if (end === text.length) break;
    start = end + 1;
  }
  if (closeStart === -1) {
    return invalid(`is never closed: there is no ${delimiter} line after the fields`, `add a line with just ${delimiter} after the last field, before the article's text`, openLine);
  }
  const source = text.slice(firstLineEnd + 1, closeStart);
  const closeEnd = text.indexOf("\n", closeStart);
  const bodyStart = closeEnd === -1 ? text.length : closeEnd + 1;
  return fields(format, source, openLine + 1, bodyStart);
}

/** Hugo's JSON front-matter: the object that opens the file, to its matching brace. */
function jsonObject(text: string, start: number, openLine: number): FrontMatter {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      const lineEnd = text.indexOf("\n", i);
      return fields("json", text.slice(start, i + 1), openLine, lineEnd === -1 ? text.length : lineEnd + 1);
    }
  }
  return invalid("is never closed: the { that opens the file's JSON front-matter has no matching }", "close the JSON object with a } on a line of its own, before the article's text", openLine);
}

function fields(format: "yaml" | "toml" | "json", source: string, firstLine: number, bodyStart: number): FrontMatter {
  let data: unknown;
  const warnings: Omit<Problem, "file">[] = [];
  try {
    data = format === "yaml" ? loadYaml(source, firstLine, warnings) : format === "toml" ? textDates(parseToml(source)) : JSON.parse(source);
  } catch (error) {
    return syntaxError(format, error, source, firstLine);
  }
  // An empty YAML block is no fields, as Jekyll reads it.
  if (data === undefined || data === null) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return invalid("is not a set of key: value fields", 'write it as lines of key: value, e.g. title: "…"', firstLine);
  }
  return { ok: true, format, data: data as Record<string, unknown>, bodyStart, lineOf: fieldLines(format, source, firstLine), warnings };
}

/**
 * YAML; a key written twice is read as Jekyll's and Hugo's parsers read it, the last value
 * winning, with a warning naming its lines (one Hugo archive repeats `expirydate:` in 12 posts).
 */
function loadYaml(source: string, firstLine: number, warnings: Omit<Problem, "file">[]): unknown {
  try {
    return yaml.load(source, { schema: YAML_SCHEMA });
  } catch (error) {
    if ((error as { reason?: string }).reason !== "duplicated mapping key") throw error;
  }
  const data = yaml.load(source, { schema: YAML_SCHEMA, json: true });
  const seen = new Map<string, number[]>();
  source.split("\n").forEach((text, i) => {
    const key = TOP_LEVEL_YAML_KEY.exec(text)?.[2];
    if (key !== undefined) seen.set(key, [...(seen.get(key) ?? []), firstLine + i]);
  });
  for (const [key, lines] of seen) {
    if (lines.length < 2) continue;
    warnings.push({
      kind: "field-repeated",
      field: key,
      line: lines[lines.length - 1]!,
      message: `is written ${lines.length} times (lines ${lines.join(", ")}); the last one is used`,
      fix: `keep one ${key}: line`,
    });
  }
  return data;
}

const TOP_LEVEL_YAML_KEY = /^(["']?)([^\s:#"'-][^:]*?)\1\s*:/;

const FORMAT_NAMES = { yaml: "YAML", toml: "TOML", json: "JSON" } as const;
const SYNTAX_FIXES = {
  yaml: "check quotes, indentation (spaces, not tabs) and that each key appears once",
  toml: 'check quotes and that each key appears once: key = "value"',
  json: "check quotes, commas and braces",
} as const;

function syntaxError(format: "yaml" | "toml" | "json", error: unknown, source: string, firstLine: number): FrontMatter {
  let reason = (error as Error).message;
  let line: number | undefined;
  if (format === "yaml") {
    reason = (error as { reason?: string }).reason ?? reason;
    const mark = (error as { mark?: { line?: number } }).mark?.line;
    if (mark !== undefined) line = firstLine + mark;
    const unclosed = unclosedBefore(source, mark ?? Number.POSITIVE_INFINITY);
    if (unclosed !== null) {
      const what = unclosed.opened.map((c) => (c === "[" ? "the [ of a list" : c === "{" ? "the { of a map" : `the quote ${c}`)).join(" and ");
      const gaveUp = line === undefined ? reason : `the parser stopped at line ${line}: ${reason}`;
      return invalid(
        `is not valid YAML: ${what} on this line ${unclosed.opened.length === 1 ? "is" : "are"} not closed on it, so the fields after it are read as part of this one (${gaveUp})`,
        `close ${unclosed.opened.length === 1 ? "it" : "them"} on this line: ${unclosed.closed}`,
        firstLine + unclosed.line,
      );
    }
  } else if (error instanceof TomlError) {
    reason = reason.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
    line = firstLine + error.line - 1;
  } else {
    // "… in JSON at position 42 (line 3 column 5)" on recent Node; the position alone on older.
    const position = /at position (\d+)/.exec(reason)?.[1];
    if (position !== undefined) line = firstLine + source.slice(0, Number(position)).split("\n").length - 1;
    reason = reason.replace(/ in JSON at position.*$/, "");
  }
  return invalid(`is not valid ${FORMAT_NAMES[format]}: ${reason}`, SYNTAX_FIXES[format], line);
}

/**
 * TOML's dates as the text written (`1979-05-27T07:32:00-08:00`), like YAML's and JSON's: dates.ts
 * reads text. Tables become plain objects like YAML's (fromEntries defines a `__proto__` key as
 * an own field, never as the prototype).
 */
function textDates(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString().replace(/\.000(?=$|Z|[+-])/, "");
  if (Array.isArray(value)) return value.map(textDates);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, textDates(child)]));
  return value;
}

/** Finds each top-level key's line once, the first time a line is asked for. */
function fieldLines(format: "yaml" | "toml" | "json", source: string, firstLine: number): (field: string) => number | undefined {
  let lines: Map<string, number> | undefined;
  return (field) => {
    if (lines === undefined) {
      lines = new Map();
      const key = format === "yaml" ? TOP_LEVEL_YAML_KEY : format === "toml" ? /^\s*(["']?)([^\s=#"'[][^=]*?)\1\s*=|^\s*\[+\s*([^\]\s.]+)/ : /^\s*(")((?:[^"\\]|\\.)*)"\s*:/;
      const all = source.split("\n");
      let inTable = false;
      for (let i = 0; i < all.length; i++) {
        const m = key.exec(all[i]!);
        if (m === null) continue;
        // A TOML table's keys are not top-level; the table's own name is.
        if (m[3] !== undefined) inTable = true;
        const name = m[3] ?? (inTable ? undefined : m[2]);
        if (name !== undefined && !lines.has(name)) lines.set(name, firstLine + i);
      }
    }
    return lines.get(field);
  };
}
