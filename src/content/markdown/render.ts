// Markdown to safe HTML, through unified: remark-parse with GFM (markdown/gfm.ts) → mdast → hast (raw HTML parsed
// by rehype-raw) → sanitized with GitHub's rules → HTML. Each pass says what it removed or could
// not render, and where, so nothing an author wrote disappears unseen. The passes live in
// src/markdown/; this module runs them in order.
import type { Root as Hast } from "hast";
import type { Root as Mdast } from "mdast";
import rehypeRaw from "rehype-raw";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { readAttributes } from "./attributes.ts";
import { gfm } from "./gfm.ts";
import { assignIds, shiftHeadings } from "./headings.ts";
import { modernize } from "./html5.ts";
import { nameWordlessLinks } from "./link-names.ts";
import { collectLinks } from "./links.ts";
import type { Notes } from "./notes.ts";
import { collectPictures } from "./pictures.ts";
import { unnestLinks } from "./nested-links.ts";
import { sanitizeBody } from "./sanitize.ts";
import { expandShortcodes } from "./shortcodes.ts";
import { countWords, excerptOf } from "./text.ts";
import { ArticleProblems, type Problem } from "../problems.ts";
import type { Rendered } from "./rendered.ts";

const parsers = { tables: unified().use(remarkParse).use(gfm, { tables: true }), noTables: unified().use(remarkParse).use(gfm, { tables: false }) };
// GFM's footnotes heading is visible: the page has no `sr-only` class, and a reader may as well see it.
const toHast = unified().use(remarkRehype, { allowDangerousHtml: true, footnoteLabelProperties: {} });
const rawHtml = unified().use(rehypeRaw);
const writer = unified().use(rehypeStringify);

/**
 * The parser and the HTML writer recurse once per level of nesting, so whether a deep enough
 * body renders would depend on the stack of the thread it runs in (render threads have more).
 * Beyond this depth it is refused everywhere; one thread's stack holds about twice as much.
 */
const MAX_NESTING = 1000;

export function renderMarkdown(markdown: string, file: string, bodyLine: number): Rendered {
  const tooDeep = () =>
    new ArticleProblems(
      [
        {
          kind: "body-too-deep",
          file,
          field: "body",
          message: "is nested too deeply to render: block quotes or lists inside each other hundreds of levels deep",
          fix: "flatten the nesting to the few levels a reader can follow",
        },
      ],
      [],
    );
  if (deepestNesting(markdown) > MAX_NESTING) throw tooDeep();
  try {
    return render(markdown, file, bodyLine);
  } catch (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) throw tooDeep();
    throw error;
  }
}

/** An upper bound of the nesting a line opens: its quote and list markers, and its indentation. */
function deepestNesting(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split("\n")) {
    const prefix = /^[\s>*+\-\d.)]*/.exec(line)![0];
    const markers = prefix.match(/>|[*+-](?=\s)|\d+[.)](?=\s)/g)?.length ?? 0;
    deepest = Math.max(deepest, markers + Math.floor(prefix.replace(/\S/g, "").length / 2));
  }
  return deepest;
}

function render(markdown: string, file: string, bodyLine: number): Rendered {
  const notes: Notes = [];
  const { markdown: text, refs } = expandShortcodes(markdown, notes);
  // What a text cannot hold is not looked for: a table needs a `|`, attributes a `{`, HTML a `<`.
  const mdast = (text.includes("|") ? parsers.tables : parsers.noTables).parse(text);
  if (text.includes("{")) readAttributes(mdast);
  const { moreAt, hasHtml } = text.includes("<") ? settleComments(mdast) : { moreAt: undefined, hasHtml: false };
  if (hasHtml) unnestLinks(mdast);
  let hast = toHast.runSync(mdast) as Hast;
  // parse5 is the slowest step of all: only a body with raw HTML pays for it.
  if (hasHtml) hast = rawHtml.runSync(hast) as Hast;
  hast = sanitizeBody(hast, text, notes);
  modernize(hast);
  shiftHeadings(hast);
  const ids = assignIds(hast);
  nameWordlessLinks(hast, refs);
  const images = collectPictures(hast, refs);
  const links = collectLinks(hast, refs, ids, notes);
  // Without the blank lines where removed elements stood at either end; ending in a line break, as a text file does.
  const html = keepTrailingSpaces(writer.stringify(hast).trim());
  return {
    html: html === "" ? "" : `${html}\n`,
    excerpt: excerptOf(hast, moreAt),
    wordCount: countWords(hast),
    warnings: problems(notes, file, bodyLine),
    images: images.map((i) => inFile(i, bodyLine)),
    links: links.map((l) => inFile(l, bodyLine)),
    ids,
  };
}

/**
 * Spaces and tabs that end a line (a code sample's blank-but-indented lines, the archives have
 * hundreds) as character references: the same text to the browser, to copy and paste, and inside a
 * `<pre>`, but no trailing whitespace in the page's source, which html-validate refuses. The
 * sanitized body has no script or style, whose text would not read references.
 */
function keepTrailingSpaces(html: string): string {
  return html.replace(/[ \t]+(?=\n)/g, (spaces) => spaces.replace(/ /g, "&#x20;").replace(/\t/g, "&#x9;"));
}

const COMMENT = /<!--[\s\S]*?-->/g;
const MORE = /<!--\s*more\s*-->/;

/**
 * HTML comments go without a word (the original site did not show them either), except that the
 * first `<!--more-->` marks where the summary ends. Says whether any other raw HTML is left.
 */
function settleComments(tree: Mdast): { moreAt: number | undefined; hasHtml: boolean } {
  let moreAt: number | undefined;
  let hasHtml = false;
  visit(tree, "html", (node, index, parent) => {
    if (node.value.replace(COMMENT, "").trim() !== "") {
      hasHtml = true;
      return undefined;
    }
    if (moreAt === undefined && MORE.test(node.value)) moreAt = node.position?.start.offset;
    parent!.children.splice(index!, 1);
    return index;
  });
  return { moreAt, hasHtml };
}

/** A line within the body as a line of the file. */
function inFile<T extends { line?: number }>(item: T, bodyLine: number): T {
  return item.line === undefined ? item : { ...item, line: item.line + bodyLine - 1 };
}

/** Notes in the order of the lines they name, as problems of the article's file. */
function problems(notes: Notes, file: string, bodyLine: number): Problem[] {
  const lined = notes.map((n, i) => ({ n, i })).sort((a, b) => (a.n.line ?? Infinity) - (b.n.line ?? Infinity) || a.i - b.i);
  return lined.map(({ n }) => inFile({ kind: n.kind, file, field: "body", ...(n.line === undefined ? {} : { line: n.line }), message: n.message, fix: n.fix }, bodyLine));
}
