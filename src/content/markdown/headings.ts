// Headings as the page needs them: the page's title is its one <h1>, so a body's headings start at
// <h2> and never skip a level; and each has an id, as GitHub and Hugo give them, so `#fragment`
// links written for the original site, within an article or between articles, still arrive.
import type { Element, Root } from "hast";
import { slug } from "github-slugger";
import { toString } from "hast-util-to-string";
import { walk } from "./walk.ts";

/** The ids of the page around a body (templates/_lib/layout.ts, templates/article.11ty.ts, serve's overlay). */
const PAGE_IDS = ["main", "related-title", "news-archive-build-problems"];

const HEADING = /^h[1-6]$/;

/**
 * Renumbers the headings: the first becomes <h2>; each one deeper than the one before goes one
 * level down at most, and one as deep as an earlier heading gets that heading's level. The text
 * and ids stay as written. GFM's footnotes section keeps its own heading.
 */
export function shiftHeadings(tree: Root): void {
  const stack: { written: number; shown: number }[] = [];
  walk(tree, (el) => {
    if (el.type !== "element") return undefined;
    if (isFootnotes(el)) return "skip";
    if (!HEADING.test(el.tagName)) return undefined;
    const written = Number(el.tagName[1]);
    while (stack.length > 0 && stack[stack.length - 1]!.written >= written) stack.pop();
    const shown = stack.length === 0 ? 2 : Math.min(6, stack[stack.length - 1]!.shown + 1);
    stack.push({ written, shown });
    el.tagName = `h${shown}`;
    return undefined;
  });
}

/**
 * Gives every heading an id (its `{#id}` or written id, else its text slugged as GitHub does)
 * and makes every id in the body unique and different from the page's own. Returns the ids, in order.
 */
export function assignIds(tree: Root): string[] {
  const taken = new Set(PAGE_IDS);
  const counts = new Map<string, number>();
  const unique = (wanted: string): string => {
    let id = wanted;
    while (taken.has(id)) {
      const n = (counts.get(wanted) ?? 0) + 1;
      counts.set(wanted, n);
      id = `${wanted}-${n}`;
    }
    taken.add(id);
    return id;
  };
  const named: Element[] = [];
  const unnamed: Element[] = [];
  const order: Element[] = [];
  walk(tree, (el) => {
    if (el.type !== "element") return;
    const id = el.properties.id;
    if (typeof id === "string" && id.trim() !== "") named.push(el);
    else {
      delete el.properties.id;
      if (!HEADING.test(el.tagName)) return;
      unnamed.push(el);
    }
    order.push(el);
  });
  // Ids written by the author first: a heading's slug gives way to them, not the other way round.
  for (const el of named) el.properties.id = unique(String(el.properties.id).trim());
  for (const el of unnamed) {
    const text = slug(toString(el));
    if (text !== "") el.properties.id = unique(text);
  }
  return order.flatMap((el) => (typeof el.properties.id === "string" ? [el.properties.id] : []));
}

export function isFootnotes(el: Element): boolean {
  return el.tagName === "section" && el.properties.dataFootnotes !== undefined;
}
