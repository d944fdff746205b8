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
// as the summary anyway, comes first. A table header cell says what it heads (`scope`), as a screen
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
