// An SVG drawing is copied into the site as it is, and a reader who opens it on its own (right
// click, "open image in new tab") gets a document of the site's origin: a script in it runs with the
// site's cookies and storage, and a reference to another file or server is fetched. So a drawing
// with anything that runs or reaches out is refused, and the check errs on the side of refusing:
// besides reading the markup as a browser would, it looks at the text as a whole.
//
// Drawings run to megabytes (flame graphs, maps), and a pattern that backtracks can take minutes on
// a crafted or merely odd one: the markup is read by a scanner that passes over the text once, and
// the patterns run over the whole text have no nested repetition. Pure: illustrate.ts reads the
// files.

/** Elements that run code or embed other documents, by local name (an `svg:` prefix changes nothing). */
const ACTIVE_ELEMENTS = new Set(["script", "iframe", "embed", "object", "handler", "listener", "audio", "video", "frame", "frameset", "portal"]);
const ACTIVE_ANYWHERE = /<\s*(?:[\w.-]+:)?(script|iframe|embed|object|handler|listener|audio|video|frame|frameset|portal)\b/i;
/**
 * HTML a <foreignObject> may hold: the formatted text that diagram tools (draw.io, Lucidchart) put
 * there for labels. Anything else in it (forms, links, meta refreshes, pictures) is refused.
 */
const LABEL_ELEMENTS = new Set(["div", "span", "p", "br", "b", "i", "u", "s", "em", "strong", "sub", "sup", "small", "big", "font", "code", "pre", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote"]);
const LABEL_ATTRIBUTES = new Set(["style", "class", "dir", "lang", "align", "color", "face", "size", "title", "id", "width", "height", "colspan", "rowspan"]);
/** A `data:` address inside a drawing may hold a raster picture; anything else (another SVG, HTML) could hold a script. */
const RASTER_DATA = /^data:image\/(?:png|jpe?g|gif|webp|avif);/i;
/** Inside the drawing itself: a part of it, a raster picture, or a font (as drawing tools embed them). */
const INLINE_URL = /^(?:#|data:(?:image\/(?:png|jpe?g|gif|webp|avif)|font\/[\w.+-]+|application\/(?:x-)?font[\w.+-]*);)/i;
const ENTITIES = "it declares XML entities, which can hide markup from a check like this one";
/** An SVG in a data: address is checked like the drawing; this deep and no deeper. */
const NESTING = 3;

/** What the text holds, in order: tags with their attributes, and the declarations before the root. */
type Token =
  | { kind: "start"; name: string; attributes: [name: string, value: string][]; selfClosing: boolean }
  | { kind: "end"; name: string }
  | { kind: "declaration"; text: string }
  | { kind: "instruction"; text: string };

/** True when the text is an SVG document: its root element, after any prolog, is <svg>. */
export function isSvg(text: string): boolean {
  for (const token of tokens(text)) {
    if (token.kind === "start") return localName(token.name) === "svg";
    if (token.kind === "end") return false;
  }
  return false;
}

/** Why the drawing cannot be published as it is, or null when it can. */
export function svgHazard(text: string, depth = 0): string | null {
  let foreign = 0;
  for (const token of tokens(text)) {
    if (token.kind === "declaration" && /!ENTITY/i.test(token.text)) return ENTITIES;
    if (token.kind === "instruction" && /^\?xml-stylesheet/i.test(token.text)) return "it loads a style sheet from another file";
    if (token.kind === "end") {
      if (localName(token.name) === "foreignobject" && foreign > 0) foreign -= 1;
      continue;
    }
    if (token.kind !== "start") continue;
    const element = localName(token.name);
    if (ACTIVE_ELEMENTS.has(element)) return `it holds a <${token.name}> element`;
    if (foreign > 0 && !LABEL_ELEMENTS.has(element)) return `its <foreignObject> holds a <${token.name}> element`;
    if (element === "foreignobject" && !token.selfClosing) foreign += 1;
    for (const [name, value] of token.attributes) {
      const local = localName(name);
      if (local.startsWith("on")) return `it has an event handler (${name}=)`;
      if (scriptAddress(value)) return `it has a javascript: address (${name}=)`;
      if (local === "href" || local === "src") {
        const hazard = referenceHazard(element, value.trim(), depth);
        if (hazard !== null) return `${hazard} (${name}="${shorten(value.trim())}")`;
      }
      if (local === "attributename" && /^(?:[\w-]+:)?href$/i.test(value.trim())) return `it changes a reference by animation (${name}="${value.trim()}")`;
      if (local === "style" && externalStyle(value)) return `it loads a file from its style (${name}=)`;
      if (foreign > 0 && element !== "foreignobject" && !LABEL_ATTRIBUTES.has(local) && !/^(?:xmlns|data-)/i.test(name)) {
        return `its <foreignObject> has a ${name}= attribute`;
      }
    }
  }
  if (foreign > 0) return "it has a <foreignObject> that does not end";
  // The text as a whole, comments aside: <style> elements, CDATA, and whatever the scanner took for text.
  const live = withoutComments(text);
  if (/<!ENTITY/i.test(live)) return ENTITIES;
  const active = ACTIVE_ANYWHERE.exec(live);
  if (active !== null) return `it holds a <${active[1]}> element`;
  if (/\son[a-z]+\s*=/i.test(live)) return "it has an event handler";
  const decoded = decodeEntities(live);
  if (scriptAddress(decoded)) return "it has a javascript: address";
  if (externalStyle(decoded)) return "it loads a file from its style (url() or @import)";
  return null;
}

/**
 * The size an <img> of the drawing is shown at when nothing else sets it: the root's width and
 * height, in CSS pixels; one of them and the viewBox's shape; or the viewBox; else a browser's
 * default for a replaced element, 300×150.
 */
export function svgSize(text: string): { width: number; height: number } {
  let root: [string, string][] = [];
  for (const token of tokens(text)) {
    if (token.kind === "start") {
      root = token.attributes;
      break;
    }
  }
  const attrs = new Map(root.map(([n, v]) => [n.toLowerCase(), v] as const));
  const width = length(attrs.get("width"));
  const height = length(attrs.get("height"));
  const box = (attrs.get("viewbox") ?? "").trim().split(/[\s,]+/).map(Number);
  const ratio = box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0 ? box[2]! / box[3]! : null;
  const round = (n: number) => Math.max(1, Math.round(n));
  if (width !== null && height !== null) return { width: round(width), height: round(height) };
  if (ratio !== null) {
    if (width !== null) return { width: round(width), height: round(width / ratio) };
    if (height !== null) return { width: round(height * ratio), height: round(height) };
    return { width: round(box[2]!), height: round(box[3]!) };
  }
  return { width: width === null ? 300 : round(width), height: height === null ? 150 : round(height) };
}

/**
 * The markup's tags, declarations and processing instructions, in one pass: comments and CDATA
 * are skipped as XML skips them, and a `<` that starts no tag is text. A tag that never ends ends
 * the scan (an XML parser refuses such a file, so nothing in it can run).
 */
function* tokens(text: string): Generator<Token> {
  let i = 0;
  for (;;) {
    i = text.indexOf("<", i);
    if (i === -1 || i + 1 >= text.length) return;
    const next = text[i + 1]!;
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return;
      i = end + 3;
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i + 9);
      if (end === -1) return;
      i = end + 3;
    } else if (next === "!") {
      // A DOCTYPE may hold declarations in brackets, each with its own `>`.
      const bracket = text.indexOf("[", i);
      const close = text.indexOf(">", i);
      if (close === -1) return;
      const end = bracket !== -1 && bracket < close ? text.indexOf("]", bracket) : close;
      const stop = end === -1 ? -1 : text.indexOf(">", end);
      if (stop === -1) return;
      yield { kind: "declaration", text: text.slice(i + 1, stop) };
      i = stop + 1;
    } else if (next === "?") {
      const end = text.indexOf("?>", i + 2);
      if (end === -1) return;
      yield { kind: "instruction", text: text.slice(i + 1, end) };
      i = end + 2;
    } else if (next === "/") {
      const end = text.indexOf(">", i + 2);
      if (end === -1) return;
      yield { kind: "end", name: text.slice(i + 2, end).trim() };
      i = end + 1;
    } else if (/[A-Za-z_]/.test(next)) {
      const tag = startTag(text, i + 1);
      if (tag === null) return;
      yield tag.token;
      i = tag.end;
    } else {
      i += 1;
    }
  }
}

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** A start tag from its name at `i`: its attributes (values decoded) and where it ends; null if it never does. */
function startTag(text: string, start: number): { token: Token & { kind: "start" }; end: number } | null {
  let i = start;
  while (i < text.length && !isSpace(text[i]) && text[i] !== ">" && text[i] !== "/") i += 1;
  const name = text.slice(start, i);
  const attributes: [string, string][] = [];
  for (;;) {
    while (isSpace(text[i])) i += 1;
    if (i >= text.length) return null;
    if (text[i] === ">") return { token: { kind: "start", name, attributes, selfClosing: false }, end: i + 1 };
    if (text.startsWith("/>", i)) return { token: { kind: "start", name, attributes, selfClosing: true }, end: i + 2 };
    const nameStart = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== "=" && text[i] !== ">" && !text.startsWith("/>", i)) i += 1;
    const attribute = text.slice(nameStart, i);
    if (attribute === "") i += 1; // a stray "/": skip it
    while (isSpace(text[i])) i += 1;
    if (text[i] !== "=") {
      if (attribute !== "") attributes.push([attribute, ""]);
      continue;
    }
    i += 1;
    while (isSpace(text[i])) i += 1;
    const quote = text[i];
    let value: string;
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      if (end === -1) return null;
      value = text.slice(i + 1, end);
      i = end + 1;
    } else {
      const valueStart = i;
      while (i < text.length && !isSpace(text[i]) && text[i] !== ">") i += 1;
      value = text.slice(valueStart, i);
    }
    attributes.push([attribute, decodeEntities(value)]);
  }
}

function withoutComments(text: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const start = text.indexOf("<!--", i);
    if (start === -1) return out + text.slice(i);
    out += `${text.slice(i, start)} `;
    const end = text.indexOf("-->", start + 4);
    if (end === -1) return out;
    i = end + 3;
  }
}

/** CSS pixels per unit; a percentage depends on where the drawing is shown, so it gives no size. */
const UNITS: Record<string, number> = { "": 1, px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, em: 16, rem: 16, ex: 8 };

function length(value: string | undefined): number | null {
  const m = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? "");
  const unit = m === null ? undefined : UNITS[m[2]!.toLowerCase()];
  if (m === null || unit === undefined) return null;
  const n = Number(m[1]) * unit;
  return n > 0 && Number.isFinite(n) ? n : null;
}

/** An address as a problem quotes it: a data: address can run to megabytes. */
function shorten(value: string): string {
  return value.length <= 60 ? value : `${value.slice(0, 59)}…`;
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(":") + 1).toLowerCase();
}

/**
 * Browsers drop tabs, newlines and other control characters from addresses: `java&#9;script:` is
 * `javascript:`. Allowed between any two letters rather than removed: removing them from a whole
 * drawing of megabytes builds a new string of megabytes.
 */
const SCRIPT_ADDRESS = new RegExp(`(?:${["javascript:", "vbscript:"].map((word) => [...word].join("[\\u0000-\\u0020]*")).join("|")})`, "i");

function scriptAddress(value: string): boolean {
  return SCRIPT_ADDRESS.test(value);
}

/** A reference within the drawing (`#id`) is fine; one to any other file or server is not, except a plain link. */
function referenceHazard(element: string, value: string, depth: number): string | null {
  if (value === "" || value.startsWith("#") || RASTER_DATA.test(value)) return null;
  // A link is followed only when a reader clicks it, like a link on a page.
  if (element === "a" && /^(?:https?:|mailto:)/i.test(value)) return null;
  // A drawing shown by <image> is a picture (browsers run no script in it), checked all the same.
  const inner = element === "image" || element === "feimage" ? svgData(value) : null;
  if (inner !== null && depth < NESTING) {
    const hazard = svgHazard(inner, depth + 1);
    return hazard === null ? null : `the drawing it embeds is unsafe: ${hazard}`;
  }
  return /^data:/i.test(value) ? "it embeds a data: address that is not a picture" : "it refers to another file or server";
}

/** The text of a `data:image/svg+xml` address, or null. */
function svgData(value: string): string | null {
  const comma = value.indexOf(",");
  const header = comma === -1 ? "" : value.slice(0, comma);
  if (!/^data:image\/svg\+xml(?:;[^,;]*)*$/i.test(header)) return null;
  try {
    const data = value.slice(comma + 1);
    return /;base64$/i.test(header) ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
  } catch {
    return null;
  }
}

/** `@import`, or a `url(…)` that is not inline: the drawing would fetch another file. */
function externalStyle(value: string): boolean {
  const css = value.replace(/\\/g, "");
  if (/@import/i.test(css)) return true;
  for (const m of css.matchAll(/url\(\s*['"]?\s*([^'")\s]*)/gi)) if (!INLINE_URL.test(m[1]!)) return true;
  return false;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's own entities and character references (a DOCTYPE declaring others is refused above). */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]{1,8}|#[0-9]{1,10}|[a-z]{1,8});?/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}
