// Attribute lists that kramdown (Jekyll) and Hugo read after a heading or a block, such as
// `## Results {#results}` or a line `{: .lead}`. A heading's id is kept (links were written to it);
// everything else in them is styling for the original site, and goes without a word.
import type { Heading, List, Parent, Root, Text } from "mdast";
import { visit, SKIP } from "unist-util-visit";

const ATTRIBUTE = String.raw`(?:[#.][\w:-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))`;
/** `{#id .class key=value}` (Hugo, kramdown) or `{: #id}` (kramdown) at the end of a heading. */
const HEADING_ATTRIBUTES = new RegExp(String.raw`[ \t]*\{:?[ \t]*(${ATTRIBUTE}(?:[ \t]+${ATTRIBUTE})*)[ \t]*\}[ \t]*$`);
/** kramdown's inline attribute lists: `{: .class}`, `{:.class #id}`, `{:toc}`. */
const IAL = new RegExp(String.raw`\{:[ \t]*(?:toc|${ATTRIBUTE})?(?:[ \t]+${ATTRIBUTE})*[ \t]*\}`, "g");

/** Moves each heading's `{#id}` into its id, and removes kramdown's attribute lists. */
export function readAttributes(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type === "heading") {
      headingId(node);
      return SKIP;
    }
    if (node.type === "code" || node.type === "inlineCode" || node.type === "html") return SKIP;
    if (node.type === "list" && parent !== undefined && index !== undefined && isTableOfContents(node)) {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type === "paragraph" && parent !== undefined && index !== undefined && hasIal(node)) {
      removeIal(node);
      if (node.children.length === 0) {
        parent.children.splice(index, 1);
        return index;
      }
    }
    return undefined;
  });
}

function headingId(heading: Heading): void {
  const last = heading.children[heading.children.length - 1];
  if (last?.type !== "text") return;
  const match = HEADING_ATTRIBUTES.exec(last.value);
  if (match === null) return;
  last.value = last.value.slice(0, match.index);
  if (last.value === "") heading.children.pop();
  const id = /(?:^|\s)#([\w:-]+)/.exec(match[1]!)?.[1];
  if (id !== undefined) heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id } };
}

function hasIal(paragraph: Parent): boolean {
  return paragraph.children.some((c) => c.type === "text" && c.value.includes("{:"));
}

/**
 * kramdown's `* TOC` + `{:toc}` asks for a table of contents in place of the list: the list goes,
 * and the page has none (its headings keep their ids).
 */
function isTableOfContents(list: List): boolean {
  const first = list.children[0]?.children[0];
  return list.children.length === 1 && first?.type === "paragraph" && first.children.some((c) => c.type === "text" && /\{:\s*toc\s*\}/.test(c.value));
}

function removeIal(paragraph: Parent): void {
  for (const child of paragraph.children) {
    if (child.type === "text") (child as Text).value = child.value.replace(IAL, "").replace(/\n[ \t]*$/, "").replace(/^[ \t]*\n/, "");
  }
  paragraph.children = paragraph.children.filter((c) => c.type !== "text" || c.value !== "");
  // A trailing break left by the line the list stood on.
  const last = paragraph.children[paragraph.children.length - 1];
  if (last?.type === "break") paragraph.children.pop();
  if (paragraph.children.every((c) => c.type === "text" && c.value.trim() === "")) paragraph.children = [];
}
