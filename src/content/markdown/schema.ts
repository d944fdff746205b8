// What raw HTML may stay in a body: GitHub's rules (hast-util-sanitize's default schema), extended
// with elements that carry meaning and cannot run anything.
import { defaultSchema, type Schema } from "hast-util-sanitize";

/**
 * Added to GitHub's list: figures and their captions, a table's caption and column groups, and
 * phrasing elements of HTML5 that archives use (`<abbr title>`, `<mark>`, `<small>`, `<u>`,
 * `<cite>`, `<time datetime>`, `<progress>` in a table of results). None can run anything.
 * `lang` and `dir` are allowed on every element by the default already.
 */
const EXTRA_TAGS = ["figure", "figcaption", "caption", "colgroup", "col", "abbr", "mark", "small", "u", "cite", "dfn", "time", "wbr", "progress", "meter"];

export const SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...defaultSchema.tagNames!, ...EXTRA_TAGS],
  attributes: {
    ...defaultSchema.attributes,
    // A table's column groups keep their widths; an ordered list its numbering.
    col: ["span"],
    colgroup: ["span"],
    progress: ["value", "max"],
    meter: ["value", "min", "max", "low", "high", "optimum"],
    ol: [...defaultSchema.attributes!.ol!, "reversed", "type"],
  },
  // A style sheet's text is not the article's: it goes with the element, like a script's.
  strip: ["script", "style"],
  // Ids stay as written, so `#fragment` links written for the original site keep working; the
  // renderer makes them unique and keeps them off the page's own ids (see headings.ts).
  clobber: [],
};

/** Elements removed with everything in them: what they hold is not text a reader saw. */
export const DROPPED_WITH_CONTENT = new Set(["script", "style", "title", "meta", "base", "link", "template", "svg", "canvas", "object", "embed", "select", "textarea", "map", "head"]);

/**
 * Elements whose content stays without them and without a word: what `<noscript>` holds is what a
 * reader saw where the page's scripts did not run, as none do here.
 */
export const UNWRAPPED_SILENTLY = new Set(["noscript"]);

/** Of those, the ones that would run code or restyle the page: reported as unsafe. */
export const UNSAFE = new Set(["script", "style"]);

type Definition = NonNullable<Schema["attributes"]>[string][number];

/** Whether the schema keeps `key` (a hast property name) with this value on a `tagName` element. */
export function keepsProperty(tagName: string, key: string, value: unknown): boolean {
  const attributes = SCHEMA.attributes!;
  const definition = find(attributes[tagName], key) ?? find(attributes["*"], key);
  if (definition === undefined) return false;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean") && safeProtocol(key, String(v)) && allowedValue(definition, v));
}

function find(definitions: readonly Definition[] | undefined, key: string): Definition | undefined {
  let data: Definition | undefined;
  for (const d of definitions ?? []) {
    const name = typeof d === "string" ? d : d[0];
    if (name === key) return d;
    if (name === "data*") data = d;
  }
  return key.length > 4 && key.slice(0, 4).toLowerCase() === "data" ? data : undefined;
}

function allowedValue(definition: Definition, value: string | number | boolean): boolean {
  if (typeof definition === "string" || definition.length < 2) return true;
  return definition.slice(1).some((allowed) => (allowed instanceof RegExp ? allowed.test(String(value)) : allowed === value));
}

/** The sanitizer's own test: a colon before any `/`, `?` or `#` is a scheme, and it must be listed. */
function safeProtocol(key: string, url: string): boolean {
  const protocols = SCHEMA.protocols?.[key];
  if (protocols === undefined || protocols === null || protocols.length === 0) return true;
  const scheme = schemeOf(url);
  return scheme === undefined || protocols.includes(scheme);
}

/**
 * The scheme as the sanitizer reads it: whatever comes before a colon that precedes any "/", "?"
 * or "#". That includes forms a URL parser would not call a scheme ("java script:"), which the
 * sanitizer drops all the same, so they are reported too.
 */
export function schemeOf(url: string): string | undefined {
  const colon = url.indexOf(":");
  if (colon < 0) return undefined;
  const before = url.slice(0, colon);
  return /[/?#]/.test(before) ? undefined : before;
}

/** The schemes a link or picture may use. */
export const SAFE_SCHEMES = new Set([...(SCHEMA.protocols?.href ?? []), ...(SCHEMA.protocols?.src ?? [])]);
