// GFM makes a link of every bare address in the text, also of one an author already wrapped in a
// raw `<a>` (the Rust blog's `<a href="mailto:community@rust-lang.org">community@rust-lang.org</a>`).
// A link inside a link is not HTML: the browser, and the HTML parser here, close the first at the
// second, leaving an empty link before the address. Inside a raw `<a>…</a>`, markdown's links are
// their text.
import type { Parent, Root } from "mdast";
import { visit } from "unist-util-visit";

const OPENS = /^<a[\s>]/i;
const CLOSES = /^<\/a\s*>$/i;

export function unnestLinks(tree: Root): void {
  visit(tree, (node) => {
    if (!("children" in node)) return;
    const parent = node as Parent;
    let open = 0;
    for (let i = 0; i < parent.children.length; i++) {
      const child = parent.children[i]!;
      if (child.type === "html") open = Math.max(0, open + (OPENS.test(child.value) ? 1 : 0) - (CLOSES.test(child.value.trim()) ? 1 : 0));
      else if (open > 0 && (child.type === "link" || child.type === "linkReference")) {
        parent.children.splice(i, 1, ...child.children);
        i--;
      }
    }
  });
}
