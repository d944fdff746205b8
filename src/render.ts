// Markdown to safe HTML. The sanitizer removes raw HTML and unsafe links; this module says what it
// removed and where, so nothing an author wrote disappears unseen.
import { remark } from "remark";
import remarkHtml from "remark-html";
import { defaultSchema } from "hast-util-sanitize";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { Root, RootContent, Html, Heading } from "mdast";
import { ArticleProblems, type Problem, type ProblemKind } from "./problems.ts";
import { IMAGE_PLACEHOLDER, type BodyImage, type Rendered } from "./rendered.ts";

const processor = remark().use(remarkHtml, { sanitize: defaultSchema });

/**
 * The one piece of raw HTML the renderer understands: a block in another language, e.g.
 * `<div lang="ar" dir="rtl">` … `</div>` on lines of their own, with markdown inside.
 */
const OPEN_SECTION = /^<(div|section)\s+lang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"(?:\s+dir="(rtl|ltr|auto)")?\s*>$/;
const CLOSE_SECTION = /^<\/(div|section)>$/;

const SAFE_PROTOCOLS = new Set([...(defaultSchema.protocols?.href ?? []), ...(defaultSchema.protocols?.src ?? [])]);

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
  const tree = processor.parse(markdown);
  const warnings: Problem[] = [];
  const lineOf = (node: { position?: { start: { line: number } } }) =>
    node.position === undefined ? undefined : node.position.start.line + bodyLine - 1;
  const warn = (kind: ProblemKind, node: { position?: { start: { line: number } } }, message: string, fix: string) => {
    const line = lineOf(node);
    warnings.push({ kind, file, field: "body", ...(line === undefined ? {} : { line }), message, fix });
  };

  wrapLanguageSections(tree);
  demoteHeadings(tree);

  visit(tree, (node, index, parent) => {
    if (node.type === "html") {
      warn(
        "html-removed",
        node,
        `raw HTML ${abbreviate(node.value)} is removed from the page`,
        "write it as markdown; only <div lang=\"…\" dir=\"…\"> … </div> blocks are kept",
      );
    } else if (node.type === "link" || node.type === "image" || node.type === "definition") {
      const written = schemeOf(node.url);
      const scheme = written?.toLowerCase();
      // The sanitizer compares schemes case-sensitively: "HTTPS://…" would lose its href unseen.
      if (written !== undefined && scheme !== undefined && SAFE_PROTOCOLS.has(scheme)) node.url = scheme + node.url.slice(written.length);
      else if (scheme !== undefined) {
        warn("link-removed", node, `the ${scheme}: link ${abbreviate(node.url)} is removed (only web and mail links are kept)`, "link to an https:// address");
        // An <img> without its source would be invalid HTML; its alt text keeps what it said.
        if (node.type === "image" && parent !== undefined && index !== undefined) {
          parent.children.splice(index, 1, { type: "text", value: node.alt ?? "" });
        }
      }
    }
  });

  const images = collectImages(tree, lineOf);
  const html = String(processor.stringify(processor.runSync(tree) as Root));
  const firstParagraph = tree.children.find((n) => n.type === "paragraph");
  return {
    html,
    excerpt: firstParagraph === undefined ? "" : toString(firstParagraph, { includeHtml: false }).trim(),
    wordCount: countWords(tree),
    warnings,
    images,
  };
}

/** Lists each picture (`![alt](src)` or `![alt][ref]`) and points its <img> at a numbered placeholder. */
function collectImages(tree: Root, lineOf: (node: { position?: { start: { line: number } } }) => number | undefined): BodyImage[] {
  const definitions = new Map<string, { url: string; title: string | null }>();
  visit(tree, "definition", (d) => {
    // As in CommonMark, the first definition of a label wins.
    if (!definitions.has(d.identifier)) definitions.set(d.identifier, { url: d.url, title: d.title ?? null });
  });
  const images: BodyImage[] = [];
  visit(tree, (node, index, parent) => {
    if ((node.type !== "image" && node.type !== "imageReference") || parent === undefined || index === undefined) return;
    const target = node.type === "image" ? { url: node.url, title: node.title ?? null } : definitions.get(node.identifier);
    if (target === undefined) return;
    const line = lineOf(node);
    images.push({ src: target.url, alt: node.alt ?? "", title: target.title, ...(line === undefined ? {} : { line }) });
    parent.children[index] = { type: "image", url: `${IMAGE_PLACEHOLDER}${images.length - 1}`, alt: node.alt ?? "", position: node.position };
  });
  return images;
}

/** Replaces each recognised open/close pair of raw HTML lines with an element holding the markdown between. */
function wrapLanguageSections(tree: Root): void {
  const stack: { children: RootContent[] }[] = [{ children: [] }];
  for (const node of tree.children) {
    const top = stack[stack.length - 1]!;
    const open = node.type === "html" ? OPEN_SECTION.exec(node.value.trim()) : null;
    if (open !== null) {
      const [, tag, lang, dir] = open;
      const section = {
        type: "languageSection",
        children: [] as RootContent[],
        data: { hName: tag, hProperties: { lang, ...(dir === undefined ? {} : { dir }) } },
        position: node.position,
        opening: node as Html,
      };
      top.children.push(section as unknown as RootContent);
      stack.push(section);
    } else if (node.type === "html" && CLOSE_SECTION.test(node.value.trim()) && stack.length > 1) {
      stack.pop();
    } else {
      top.children.push(node);
    }
  }
  // An unclosed section keeps its opening line as raw HTML, so it is reported rather than guessed at.
  while (stack.length > 1) {
    const section = stack.pop() as unknown as { children: RootContent[]; opening: Html };
    const parent = stack[stack.length - 1]!;
    const at = parent.children.indexOf(section as unknown as RootContent);
    parent.children.splice(at, 1, section.opening, ...section.children);
  }
  tree.children = stack[0]!.children;
}

/** The page's title is the one h1, so an article that uses `#` headings has them shifted down a level. */
function demoteHeadings(tree: Root): void {
  const headings: Heading[] = [];
  visit(tree, "heading", (h) => {
    headings.push(h);
  });
  if (!headings.some((h) => h.depth === 1)) return;
  for (const h of headings) h.depth = Math.min(6, h.depth + 1) as Heading["depth"];
}

/**
 * Counted block by block: mdast-util-to-string joins blocks with no space, which would run the
 * last word of one paragraph into the first word of the next.
 */
function countWords(tree: Root): number {
  let words = 0;
  visit(tree, (node) => {
    if (node.type !== "paragraph" && node.type !== "heading" && node.type !== "tableCell" && node.type !== "code") return;
    words += toString(node, { includeHtml: false }).split(/\s+/).filter(Boolean).length;
    return "skip";
  });
  return words;
}

/**
 * The scheme as the sanitizer reads it: whatever comes before a colon that precedes any "/", "?"
 * or "#". That includes forms a URL parser would not call a scheme ("java script:"), which the
 * sanitizer drops all the same, so they are reported too.
 */
function schemeOf(url: string): string | undefined {
  const colon = url.indexOf(":");
  if (colon < 0) return undefined;
  const before = url.slice(0, colon);
  return /[/?#]/.test(before) ? undefined : before;
}

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 57)}…` : flat);
}
