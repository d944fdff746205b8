// What GitHub's HTML still carries that HTML5 made obsolete, or that a screen reader cannot name:
// a table column's `align` (GFM writes it for `| ---: |`) becomes a class the stylesheet aligns by;
// the other presentational attributes GitHub's rules keep (`border`, `cellpadding`, `valign`,
// `width` on a cell, …) styled the original site, and go without a word, like its classes; a task
// list's checkbox is named by its item's text; a caption outside a figure (an old CMS's `<img>
// <figcaption>` in a paragraph), which HTML does not allow, stays as a block of text; `<tt>`, gone
// from HTML5, is the `<code>` that replaced it.
import type { ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { walk } from "./walk.ts";

const ALIGNED = new Set(["td", "th"]);
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
    if (el.tagName === "tt") el.tagName = "code";
    if (el.tagName === "figcaption" && !(parent.type === "element" && parent.tagName === "figure")) el.tagName = "div";
    if (el.tagName === "input" && props.type === "checkbox") {
      const label = labelAfter(parent.children.slice(index + 1) as ElementContent[]);
      if (label !== "") props.ariaLabel = label;
    }
    return;
  });
}

/** A task list item's text: what follows its checkbox, without the lists nested under it. */
function labelAfter(nodes: readonly ElementContent[]): string {
  const text = nodes
    .filter((n) => n.type !== "element" || (n.tagName !== "ul" && n.tagName !== "ol"))
    .map((n) => toString(n))
    .join("");
  return text.replace(/\s+/g, " ").trim();
}
