// The body as plain text: its summary and its length.
import type { Element, Nodes, Root } from "hast";
import { isFootnotes } from "./headings.ts";

/**
 * What precedes `<!--more-->` (Jekyll's and Hugo's summary mark) when the body has one at
 * `moreAt` (an offset in the markdown), else the first paragraph.
 */
export function excerptOf(tree: Root, moreAt: number | undefined): string {
  if (moreAt !== undefined) {
    const before = tree.children.filter((c): c is Element => c.type === "element" && !isFootnotes(c) && (c.position?.end.offset ?? Infinity) <= moreAt);
    const text = before.map((c) => tidy(plainText(c))).filter(Boolean).join(" ");
    if (text !== "") return text;
  }
  const first = firstParagraph(tree);
  return first === undefined ? "" : tidy(plainText(first));
}

/**
 * A line before a hard break (`x \` as the Node.js blog's release notes write it) keeps its space;
 * in a summary, shown in a list page's paragraph and a meta description, it is only trailing whitespace.
 */
function tidy(text: string): string {
  return text.replace(/[ \t]+\n/g, "\n").trim();
}

/** The text a reader reads, without footnote marks: "closed in 2019." rather than "closed in 2019.1". */
function plainText(node: Nodes): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element" && node.type !== "root") return "";
  if (node.type === "element" && isFootnoteMark(node)) return "";
  let text = "";
  for (const child of node.children) text += plainText(child);
  return text;
}

function isFootnoteMark(el: Element): boolean {
  return el.properties.dataFootnoteRef !== undefined || el.properties.dataFootnoteBackref !== undefined;
}

function firstParagraph(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== "element" || isFootnotes(child)) continue;
    if (child.tagName === "p") return child;
    const inner = firstParagraph(child);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Elements inside a line of text; any other element separates words. */
const INLINE = new Set(["a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var"]);

export function countWords(tree: Root): number {
  let words = 0;
  let inWord = false;
  const walk = (node: Nodes) => {
    if (node.type === "text") {
      const text = node.value;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const space = code <= 32 || (code >= 127 && code <= 160) || (code > 160 && WHITESPACE.test(text[i]!));
        if (!space && !inWord) words++;
        inWord = !space;
      }
    } else if (node.type === "element" && isFootnoteMark(node)) return;
    else if (node.type === "element" || node.type === "root") {
      const block = node.type === "root" || !INLINE.has(node.tagName);
      if (block) inWord = false;
      for (const child of node.children) walk(child);
      if (block) inWord = false;
    }
  };
  walk(tree);
  return words;
}

const WHITESPACE = /\s/;
