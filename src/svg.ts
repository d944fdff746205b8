// An SVG drawing is copied into the site as it is, and a reader who opens it on its own (right
// click, "open image in new tab") gets a document of the site's origin: a script in it runs with the
// site's cookies and storage, and a reference to another file or server is fetched. So a drawing
// with anything that runs or reaches out is refused, and the check errs on the side of refusing:
// it looks at the text as a whole, not only at what a browser would act on. Pure: images.ts reads.

/** Elements that run code or embed other documents, by local name (an `svg:` prefix changes nothing). */
const ACTIVE_ELEMENTS = new Set(["script", "iframe", "embed", "object", "handler", "listener", "audio", "video", "frame", "frameset", "portal"]);
/**
 * HTML a <foreignObject> may hold: the formatted text that diagram tools (draw.io, Lucidchart) put
 * there for labels. Anything else in it (forms, links, meta refreshes, pictures) is refused.
 */
const LABEL_ELEMENTS = new Set(["div", "span", "p", "br", "b", "i", "u", "s", "em", "strong", "sub", "sup", "small", "big", "font", "code", "pre", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote"]);
const LABEL_ATTRIBUTES = new Set(["xmlns", "style", "class", "dir", "lang", "align", "color", "face", "size", "title", "id", "width", "height", "colspan", "rowspan"]);
const FOREIGN = /<((?:[\w.-]+:)?)foreignObject\b[^>]*>([\s\S]*?)<\/\1foreignObject\s*>/gi;
/** An SVG in a data: address is checked like the drawing; this deep and no deeper. */
const NESTING = 3;
/** A `data:` address inside a drawing may hold a raster picture; anything else (another SVG, HTML) could hold a script. */
const RASTER_DATA = /^data:image\/(?:png|jpe?g|gif|webp|avif);/i;
const TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** Why the drawing cannot be published as it is, or null when it can. */
export function svgHazard(text: string, depth = 0): string | null {
  // Comments are inert; taking them out first keeps a commented-out script from refusing a drawing.
  const live = text.replace(/<!--[\s\S]*?-->/g, " ");
  if (/<!ENTITY/i.test(live)) return "it declares XML entities, which can hide markup from a check like this one";
  if (/<\?xml-stylesheet/i.test(live)) return "it loads a style sheet from another file";
  for (const m of live.matchAll(/<\s*(?:[\w.-]+:)?([A-Za-z][\w.-]*)/g)) {
    const name = m[1]!.toLowerCase();
    if (ACTIVE_ELEMENTS.has(name)) return `it holds a <${m[1]}> element`;
  }
  const foreign = foreignHazard(live);
  if (foreign !== null) return foreign;
  for (const tag of live.matchAll(TAG)) {
    const element = localName(tag[1]!);
    for (const [name, value] of attributes(tag[2] ?? "")) {
      const local = localName(name);
      if (/^on/.test(local)) return `it has an event handler (${name}=)`;
      if (scriptAddress(value)) return `it has a javascript: address (${name}=)`;
      if (local === "href" || local === "src") {
        const hazard = referenceHazard(element, value.trim(), depth);
        if (hazard !== null) return `${hazard} (${name}="${shorten(value.trim())}")`;
      }
      if (local === "attributename" && /^(?:[\w-]+:)?href$/i.test(value.trim())) return `it changes a reference by animation (${name}="${value.trim()}")`;
      if (local === "style" && externalStyle(value)) return `it loads a file from its style (${name}=)`;
    }
  }
  // Also outside tags: in <style> elements, and wherever a tag was too odd for the pattern above.
  if (/\son[a-z]+\s*=/i.test(live)) return "it has an event handler";
  if (scriptAddress(decodeEntities(live))) return "it has a javascript: address";
  if (externalStyle(decodeEntities(live))) return "it loads a file from its style (url() or @import)";
  return null;
}

/**
 * The size an <img> of the drawing is shown at when nothing else sets it: the root's width and
 * height, in CSS pixels; one of them and the viewBox's shape; or the viewBox; else a browser's
 * default for a replaced element, 300×150.
 */
export function svgSize(text: string): { width: number; height: number } {
  const root = /<(?:[\w.-]+:)?svg\b((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/i.exec(text.replace(/<!--[\s\S]*?-->/g, " "));
  const attrs = new Map(root === null ? [] : attributes(root[1] ?? "").map(([n, v]) => [n.toLowerCase(), v] as const));
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

/** CSS pixels per unit; a percentage depends on where the drawing is shown, so it gives no size. */
const UNITS: Record<string, number> = { "": 1, px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, em: 16, rem: 16, ex: 8 };

function length(value: string | undefined): number | null {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? "");
  const unit = m === null ? undefined : UNITS[m[2]!.toLowerCase()];
  if (m === null || unit === undefined) return null;
  const n = Number(m[1]) * unit;
  return n > 0 && Number.isFinite(n) ? n : null;
}

function attributes(text: string): [name: string, value: string][] {
  return [...text.matchAll(ATTRIBUTE)].map((m) => [m[1]!, decodeEntities((m[2] ?? "").replace(/^(["'])([\s\S]*)\1$/, "$2"))]);
}

/** An address as a problem quotes it: a data: address can run to megabytes. */
function shorten(value: string): string {
  return value.length <= 60 ? value : `${value.slice(0, 59)}…`;
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(":") + 1).toLowerCase();
}

/** Browsers drop tabs, newlines and other control characters from addresses: `java&#9;script:` is `javascript:`. */
function scriptAddress(value: string): boolean {
  return /(?:java|vb)script:/i.test(value.replace(/[\u0000-\u0020]+/g, ""));
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
  const m = /^data:image\/svg\+xml((?:;[^,;]*)*?)(;base64)?,(.*)$/is.exec(value);
  if (m === null) return null;
  try {
    return m[2] === undefined ? decodeURIComponent(m[3]!) : Buffer.from(m[3]!, "base64").toString("utf8");
  } catch {
    return null;
  }
}

/** What in a <foreignObject> is more than a label's formatted text. */
function foreignHazard(live: string): string | null {
  const opened = (live.match(/<(?:[\w.-]+:)?foreignObject\b/gi) ?? []).length;
  let closed = 0;
  for (const m of live.matchAll(FOREIGN)) {
    closed += 1;
    for (const tag of m[2]!.matchAll(TAG)) {
      if (!LABEL_ELEMENTS.has(localName(tag[1]!))) return `its <foreignObject> holds a <${tag[1]}> element`;
      for (const [name] of attributes(tag[2] ?? "")) {
        if (!LABEL_ATTRIBUTES.has(localName(name)) && !/^(?:xmlns|data-)/i.test(name)) return `its <foreignObject> has a ${name}= attribute`;
      }
    }
  }
  return closed === opened ? null : "it has a <foreignObject> that does not end";
}

/** Inside the drawing itself: a part of it, a raster picture, or a font (as drawing tools embed them). */
const INLINE_URL = /^(?:#|data:(?:image\/(?:png|jpe?g|gif|webp|avif)|font\/[\w.+-]+|application\/(?:x-)?font[\w.+-]*);)/i;

/** `@import`, or a `url(…)` that is not inline: the drawing would fetch another file. */
function externalStyle(value: string): boolean {
  const css = value.replace(/\\/g, "");
  if (/@import/i.test(css)) return true;
  return [...css.matchAll(/url\(\s*(['"]?)\s*([^'")\s]*)/gi)].some((m) => !INLINE_URL.test(m[2]!));
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's own entities and character references (a DOCTYPE declaring others is refused above). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}
