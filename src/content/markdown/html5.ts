// What GitHub's HTML still carries that HTML5 made obsolete, or that a screen reader cannot name:
// a table column's `align` (GFM writes it for `| ---: |`) becomes a class the stylesheet aligns by;
// the other presentational attributes GitHub's rules keep (`border`, `cellpadding`, `valign`,
// `width` on a cell, …) styled the original site, and go without a word, like its classes; a task
// list's checkbox is named by its item's text; a caption outside a figure (an old CMS's `<img>
// <figcaption>` in a paragraph), which HTML does not allow, stays as a block of text; `<tt>`, gone
// from HTML5, is the `<code>` that replaced it. What HTML's content model refuses but a browser
// shows anyway is put the way the browser reads it: a paragraph inside a phrasing element (the Rust
// blog's generated `<summary><span><p>…</p></span>`) becomes its text, with a line break between
// paragraphs; a `<summary>` written after other content of its `<details>`, which the browser takes
// as the summary anyway, comes first. A list's stray content (an old CMS's `<p>` or nested `<ul>`
// between its `<li>`s, as digital.gov's posts hold them) joins the item before it, and `<li>`s
// written without a list get one; an empty heading goes (it has nothing to say), and an id with
// spaces, which HTML does not allow, has hyphens for them; a `<span>` around blocks is the `<div>`
// it was meant as, a figure in a heading's line follows the heading, and an aria reference to an
// element the body does not hold goes. A table header cell says what it heads (`scope`), as a screen
// reader otherwise guesses: a column in the table head or in a row of header cells, else its row.
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { walk } from "./walk.ts";

const ALIGNED = new Set(["td", "th"]);
/** Elements whose content is phrasing only, where a `<p>` is not allowed. */
const PHRASING_ONLY = new Set(["span", "summary", "b", "i", "em", "strong", "u", "s", "small", "mark", "code", "sub", "sup", "abbr", "cite", "dfn", "q", "label", "time", "h1", "h2", "h3", "h4", "h5", "h6"]);
const SCOPES = new Set(["row", "col", "rowgroup", "colgroup"]);
const ALIGNMENTS = new Set(["left", "center", "right"]);

/** hast property → the elements on which HTML5 calls it obsolete (empty: every element). */
const OBSOLETE: Record<string, ReadonlySet<string>> = {
  align: new Set(),
  axis: new Set(["td", "th"]),
  border: new Set(["img"]),
  cellPadding: new Set(["table"]),
  cellSpacing: new Set(["table"]),
  char: new Set(),
  charOff: new Set(),
  charSet: new Set(["a"]),
  clear: new Set(["br"]),
  color: new Set(["hr"]),
  compact: new Set(),
  coords: new Set(["a"]),
  frame: new Set(["table"]),
  hSpace: new Set(),
  height: new Set(["td", "th"]),
  isMap: new Set(["input"]),
  name: new Set(["a", "img"]),
  noShade: new Set(["hr"]),
  noWrap: new Set(),
  rules: new Set(["table"]),
  scope: new Set(["td"]),
  shape: new Set(["a"]),
  size: new Set(["hr"]),
  summary: new Set(["table"]),
  useMap: new Set(["input"]),
  vAlign: new Set(),
  width: new Set(["pre", "table", "td", "th", "col", "hr"]),
};

export function modernize(tree: Root): void {
  const ids = new Set<string>();
  const referring: Element[] = [];
  walk(tree, (el, parent, index) => {
    if (el.type !== "element") return;
    const props = el.properties;
    const align = typeof props.align === "string" ? props.align.toLowerCase() : undefined;
    for (const key of Object.keys(props)) {
      const on = OBSOLETE[key];
      if (on !== undefined && (on.size === 0 || on.has(el.tagName))) delete props[key];
    }
    if (ALIGNED.has(el.tagName) && align !== undefined && ALIGNMENTS.has(align)) props.className = [`align-${align}`];
    if (el.tagName === "p" && parent.type === "element" && PHRASING_ONLY.has(parent.tagName)) {
      const laterParagraph = parent.children.slice(index + 1).some((n) => n.type === "element" && n.tagName === "p");
      const lineBreak: ElementContent[] = laterParagraph ? [{ type: "element", tagName: "br", properties: {}, children: [] }] : [];
      parent.children.splice(index, 1, ...el.children, ...lineBreak);
      return index;
    }
    if ((el.tagName === "ul" || el.tagName === "ol") && el.children.some(outsideItem)) itemsOnly(el);
    if (el.tagName === "li" && !(parent.type === "element" && LISTS.has(parent.tagName))) {
      const siblings = parent.children as ElementContent[];
      const items = siblings.slice(index, index + orphanItems(siblings, index));
      siblings.splice(index, items.length, { type: "element", tagName: "ul", properties: {}, children: items });
      return index;
    }
    if (HEADINGS.has(el.tagName) && toString(el).trim() === "" && !hasPicture(el)) {
      parent.children.splice(index, 1);
      return index;
    }
    if (HEADINGS.has(el.tagName) && el.children.some(isFigure)) {
      // A figure shortcode written in a heading's line: the picture follows the heading.
      const figures = el.children.filter(isFigure);
      el.children = el.children.filter((c) => !isFigure(c));
      parent.children.splice(index + 1, 0, ...figures);
    }
    if (el.tagName === "span" && el.children.some((c) => c.type === "element" && BLOCKS.has(c.tagName)) && !(parent.type === "element" && PHRASING_ONLY.has(parent.tagName))) el.tagName = "div";
    if (typeof props.id === "string" && /\s/.test(props.id)) props.id = props.id.trim().replace(/\s+/g, "-");
    if (typeof props.id === "string") ids.add(props.id);
    if (REFERENCES.some((key) => props[key] !== undefined)) referring.push(el);
    if (el.tagName === "details") summaryFirst(el);
    if (el.tagName === "table") scopeHeaders(el);
    if (el.tagName === "tt") el.tagName = "code";
    if (el.tagName === "figcaption" && !(parent.type === "element" && parent.tagName === "figure")) el.tagName = "div";
    if (el.tagName === "input" && props.type === "checkbox") {
      const label = labelAfter(parent.children.slice(index + 1) as ElementContent[]);
      if (label !== "") props.ariaLabel = label;
    }
    return;
  });
  // An aria reference to an element the body does not hold names nothing (the original page had it).
  for (const el of referring) {
    for (const key of REFERENCES) {
      const value = el.properties[key];
      if (value === undefined) continue;
      const kept = (Array.isArray(value) ? value.map(String) : String(value).split(/\s+/)).filter((id) => ids.has(id));
      if (kept.length === 0) delete el.properties[key];
      else el.properties[key] = kept;
    }
  }
}

const REFERENCES = ["ariaDescribedBy", "ariaLabelledBy"] as const;

const LISTS = new Set(["ul", "ol", "menu"]);
/** Block elements a `<span>` may not hold: a span around them was meant as a `<div>`. */
const BLOCKS = new Set(["div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ul", "ol", "dl", "table", "figure", "blockquote", "pre", "section", "details"]);
const isFigure = (n: ElementContent): n is Element => n.type === "element" && n.tagName === "figure";
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** Content of a list that is not an item: what an old CMS put between its `<li>`s. */
function outsideItem(n: ElementContent): boolean {
  return n.type === "element" ? n.tagName !== "li" && n.tagName !== "script" && n.tagName !== "template" : n.type === "text" && n.value.trim() !== "";
}

/**
 * A list's stray content joins the item before it (a `<ul>` or `<p>` written after an `<li>`
 * belongs to it, as the author meant a nested list or a second paragraph), or an item of its own.
 */
function itemsOnly(list: Element): void {
  const children: ElementContent[] = [];
  let item: Element | undefined;
  for (const n of list.children) {
    if (!outsideItem(n)) {
      children.push(n);
      if (n.type === "element" && n.tagName === "li") item = n;
    } else if (item !== undefined) item.children.push(n);
    else children.push((item = { type: "element", tagName: "li", properties: {}, children: [n] }));
  }
  list.children = children;
}

/** How many of `siblings` from `at` on are `<li>`s written without their list (with the blank text between them). */
function orphanItems(siblings: readonly ElementContent[], at: number): number {
  let end = at;
  for (let i = at; i < siblings.length; i++) {
    const n = siblings[i]!;
    if (n.type === "element" && n.tagName === "li") end = i + 1;
    else if (!(n.type === "text" && n.value.trim() === "")) break;
  }
  return end - at;
}

function hasPicture(el: Element): boolean {
  return el.children.some((c) => c.type === "element" && (c.tagName === "img" || c.tagName === "picture" || hasPicture(c)));
}

/** The first `<summary>` of a `<details>` before everything else in it, where the browser shows it. */
function summaryFirst(details: Element): void {
  const at = details.children.findIndex((n) => n.type === "element" && n.tagName === "summary");
  if (at <= 0 || details.children.slice(0, at).every((n) => n.type === "text" && n.value.trim() === "")) return;
  details.children.unshift(...details.children.splice(at, 1));
}

/** A `scope` on each header cell of the table (not of tables inside it) that has no valid one. */
function scopeHeaders(table: Element): void {
  for (const { row, inHead } of rowsOf(table)) {
    const cells = row.children.filter((n): n is Element => n.type === "element" && (n.tagName === "td" || n.tagName === "th"));
    const columnHeads = inHead || cells.every((c) => c.tagName === "th");
    for (const cell of cells) {
      const scope = cell.properties.scope;
      if (cell.tagName === "th" && !(typeof scope === "string" && SCOPES.has(scope.toLowerCase()))) cell.properties.scope = columnHeads ? "col" : "row";
    }
  }
}

function rowsOf(table: Element): { row: Element; inHead: boolean }[] {
  const rows: { row: Element; inHead: boolean }[] = [];
  for (const child of table.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "tr") rows.push({ row: child, inHead: false });
    if (child.tagName === "thead" || child.tagName === "tbody" || child.tagName === "tfoot") {
      for (const row of child.children) if (row.type === "element" && row.tagName === "tr") rows.push({ row, inHead: child.tagName === "thead" });
    }
  }
  return rows;
}

/** A task list item's text: what follows its checkbox, without the lists nested under it. */
function labelAfter(nodes: readonly ElementContent[]): string {
  const text = nodes
    .filter((n) => n.type !== "element" || (n.tagName !== "ul" && n.tagName !== "ol"))
    .map((n) => toString(n))
    .join("");
  return text.replace(/\s+/g, " ").trim();
}
