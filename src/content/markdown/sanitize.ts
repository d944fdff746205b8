// Raw HTML is kept when it is safe. This pass removes what GitHub's rules (schema.ts) would not
// keep, one warning for each element or attribute, naming what went and where, so that nothing
// an author wrote disappears unseen; rehype-sanitize then runs over the result all the same, as
// the guarantee.
import type { Element, ElementContent, Nodes, Root, Text } from "hast";
import { toString } from "hast-util-to-string";
import rehypeSanitize from "rehype-sanitize";
import { unified } from "unified";
import { embedTarget } from "./embeds.ts";
import { abbreviate, note, type Notes } from "./notes.ts";
import { DROPPED_WITH_CONTENT, keepsProperty, SAFE_SCHEMES, SCHEMA, schemeOf, UNSAFE, UNWRAPPED_SILENTLY } from "./schema.ts";

const ALLOWED_TAGS = new Set(SCHEMA.tagNames);
const sanitizer = unified().use(rehypeSanitize, SCHEMA);
/** Properties holding an address, whose scheme decides whether they stay. */
const URL_PROPERTIES = new Set(["href", "src", "cite", "longDesc", "action", "formAction", "poster", "background", "data", "srcSet"]);
/** Where a block may stand: an embed turned into a link there gets a paragraph of its own. */
const FLOW_PARENTS = new Set(["root", "div", "section", "article", "aside", "blockquote", "li", "dd", "td", "th", "figure", "details", "body", "main", "header", "footer", "center"]);
const MEDIA = new Set(["iframe", "video", "audio"]);
/**
 * Attributes that only style or steer the original site (its classes and inline styles, where a
 * link opened, what a screen reader skipped): the site's own styles replace them, no text goes
 * with them, and a warning for each (thousands on one real archive) would bury the ones that matter.
 */
const PRESENTATIONAL = /^(?:className|style|target|rel|role|data[A-Z].*|aria[A-Z].*|bgColor|vSpace|frameBorder|allowFullScreen|allow|loading|decoding|referrerPolicy|sizes|srcSet|markdown|bgcolor)$/;

/** Removes, with a note each, what the schema would; then sanitizes. `source` is the markdown the tree was parsed from. */
export function sanitizeBody(tree: Root, source: string, notes: Notes): Root {
  const audit = new Audit(source, notes);
  tree.children = audit.children(tree.children as ElementContent[], "root") as Root["children"];
  const before = countShape(tree);
  const safe = sanitizer.runSync(tree) as Root;
  // Should the audit ever miss something the sanitizer removes, it is still said, if not where.
  if (countShape(safe) < before) note(notes, "html-removed", undefined, "raw HTML that this site does not keep is removed", "write it as markdown");
  return safe;
}

class Audit {
  constructor(
    private readonly source: string,
    private readonly notes: Notes,
  ) {}

  children(nodes: readonly ElementContent[], parent: string): ElementContent[] {
    const out: ElementContent[] = [];
    for (const node of nodes) {
      if (node.type === "element") out.push(...this.element(node, parent));
      // Where an element went, the line breaks around it would leave a gap of blank lines.
      else if (!(isBlank(node) && out.length > 0 && isBlank(out[out.length - 1]!))) out.push(node);
    }
    return out;
  }

  private element(el: Element, parent: string): ElementContent[] {
    const name = el.tagName;
    if (MEDIA.has(name)) return this.embed(el, parent);
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (UNSAFE.has(name)) {
        const what = name === "script" ? "articles cannot run scripts" : "articles cannot restyle the page";
        note(this.notes, "html-unsafe-removed", el, `raw HTML ${this.tag(el)} is removed with its content: ${what}`, "remove it from the article");
      } else {
        const fix = name === "svg" ? "save it as a file beside the article and show it as a picture: ![what it shows](drawing.svg)" : "put what it showed into the text, or make it a picture";
        note(this.notes, "html-removed", el, `raw HTML ${this.tag(el)} is removed with its content`, fix);
      }
      return [];
    }
    if (UNWRAPPED_SILENTLY.has(name)) return this.children(el.children, parent);
    if (name === "math") {
      note(this.notes, "html-removed", el, `raw HTML ${this.tag(el)} (MathML) is shown as plain text`, "write the formula as text or as a picture");
      return [text(toString(el), el)];
    }
    if (name === "input" && el.properties.type !== "checkbox") {
      note(this.notes, "html-removed", el, `raw HTML ${this.tag(el)} is removed: articles hold no forms`, "remove it from the article");
      return [];
    }
    if (!ALLOWED_TAGS.has(name)) {
      note(this.notes, "html-removed", el, `raw HTML ${this.tag(el)} is removed; the text inside it stays`, "write it as markdown, or with HTML that GitHub keeps (tables, <sup>, <details>, <figure>, …)");
      return this.children(el.children, parent);
    }
    const replacement = this.properties(el);
    if (replacement !== null) return replacement;
    const before = el.children.length;
    el.children = this.children(el.children, name);
    // A paragraph that held only what was removed would be an empty one.
    if (name === "p" && before > 0 && el.children.every(isBlank)) return [];
    return [el];
  }

  /** Drops the properties the schema would, each with a note; an <img> left without a source becomes its alt text. */
  private properties(el: Element): ElementContent[] | null {
    const props = el.properties;
    // `<a name>` is how old pages made anchors; HTML5 calls it an id.
    if (el.tagName === "a" && typeof props.name === "string" && props.id === undefined) {
      props.id = props.name;
      delete props.name;
    }
    for (const key of Object.keys(props)) {
      const value = props[key];
      if (URL_PROPERTIES.has(key) && typeof value === "string") props[key] = lowerCaseScheme(value);
      if (keepsProperty(el.tagName, key, props[key])) continue;
      delete props[key];
      const attribute = attributeName(key);
      const scheme = typeof value === "string" && URL_PROPERTIES.has(key) ? schemeOf(value) : undefined;
      const written = typeof value === "string" ? asWritten(value) : "";
      if (/^on/i.test(key)) {
        note(this.notes, "html-unsafe-removed", el, `raw HTML ${this.tag(el)}: its ${attribute} attribute is removed (articles cannot run scripts)`, `remove ${attribute}="…"`);
      } else if (scheme !== undefined) {
        note(this.notes, "link-removed", el, `the ${schemeOf(written)?.toLowerCase() ?? scheme.toLowerCase()}: link ${abbreviate(written)} is removed (only web and mail links are kept)`, "link to an https:// address");
      } else if (!PRESENTATIONAL.test(key)) {
        note(this.notes, "html-removed", el, `raw HTML ${this.tag(el)}: its ${attribute} attribute is removed`, `remove ${attribute}="…"`);
      }
    }
    // An <img> without a source would be invalid HTML; its alt text keeps what it said.
    if (el.tagName === "img" && typeof props.src !== "string") return [text(typeof props.alt === "string" ? props.alt : "", el)];
    return null;
  }

  /** A player or embedded page, as a link to what it showed. */
  private embed(el: Element, parent: string): ElementContent[] {
    const src = sourceOf(el);
    const target = src === undefined ? null : embedTarget(src) ?? (el.tagName !== "iframe" && schemeOf(src) === undefined ? { href: src, known: false } : null);
    if (target === null) {
      if (src !== undefined && schemeOf(src) !== undefined) note(this.notes, "link-removed", el, `the ${schemeOf(asWritten(src))!.toLowerCase()}: link ${abbreviate(asWritten(src))} is removed (only web and mail links are kept)`, "link to an https:// address");
      else note(this.notes, "html-removed", el, `raw HTML ${this.tag(el)} is removed: it shows nothing without a web address`, "remove it, or link to what it showed");
      return [];
    }
    const what = target.known ? "the video" : "what it showed";
    note(this.notes, "embed-linked", el, `raw HTML ${this.tag(el)} is shown as a link to ${what}, ${target.href}: this site plays nothing from other sites`, "nothing to do; or link to it in the text yourself");
    const link: Element = { type: "element", tagName: "a", properties: { href: target.href }, children: [text(target.href, el)], position: el.position };
    return FLOW_PARENTS.has(parent) ? [{ type: "element", tagName: "p", properties: {}, children: [link], position: el.position }] : [link];
  }

  /** The element's start tag as written, for messages. */
  private tag(el: Element): string {
    const offset = el.position?.start.offset;
    const written = offset === undefined ? null : START_TAG.exec(this.source.slice(offset, offset + 2000));
    return abbreviate(written?.[0] ?? `<${el.tagName}>`);
  }
}

const START_TAG = /^<[^\s/>]+(?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/;

function sourceOf(el: Element): string | undefined {
  if (typeof el.properties.src === "string") return el.properties.src;
  const source = el.children.find((c): c is Element => c.type === "element" && c.tagName === "source" && typeof c.properties.src === "string");
  return source?.properties.src as string | undefined;
}

/**
 * An address as the author wrote it, for messages: markdown percent-encodes a link's spaces
 * (`<java script:…>` becomes `java%20script:…`), which the author would not find in the file.
 */
function asWritten(url: string): string {
  try {
    return decodeURI(url).replace(/\s+/g, " ");
  } catch {
    return url;
  }
}

/** The sanitizer compares schemes case-sensitively: "HTTPS://…" would lose its address unseen. */
function lowerCaseScheme(url: string): string {
  const scheme = schemeOf(url);
  return scheme !== undefined && SAFE_SCHEMES.has(scheme.toLowerCase()) ? scheme.toLowerCase() + url.slice(scheme.length) : url;
}

const ATTRIBUTE_NAMES: Record<string, string> = { className: "class", htmlFor: "for", httpEquiv: "http-equiv", acceptCharset: "accept-charset" };

/** A hast property's HTML attribute name, for messages: `onClick` → `onclick`, `dataId` → `data-id`. */
function attributeName(key: string): string {
  if (key in ATTRIBUTE_NAMES) return ATTRIBUTE_NAMES[key]!;
  if (/^(data|aria)[A-Z]/.test(key)) return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return key.toLowerCase();
}

function isBlank(node: ElementContent): boolean {
  return node.type === "text" && node.value.trim() === "";
}

function text(value: string, at: Element): Text {
  return { type: "text", value, position: at.position };
}

/** Elements and their properties: what the sanitizer can only make fewer. */
function countShape(node: Nodes): number {
  if (node.type !== "element" && node.type !== "root") return 0;
  let n = node.type === "element" ? 1 + Object.keys(node.properties).length : 0;
  for (const child of node.children) n += countShape(child);
  return n;
}
