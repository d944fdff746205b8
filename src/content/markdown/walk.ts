// A plain walk over a hast tree in document order. unist-util-visit's generality (a test per node,
// the list of ancestors) cost more than the passes themselves, on every article.
import type { Element, ElementContent, Root } from "hast";

export type Parent = Root | Element;

/**
 * Calls `visit` on each node under `parent`, in order. It returns "skip" to leave the node's
 * children alone, or an index to go on from after changing `parent.children` (the nodes from that
 * index on are visited, new ones included).
 */
export function walk(parent: Parent, visit: (node: ElementContent, parent: Parent, index: number) => void | "skip" | number): void {
  const children = parent.children as ElementContent[];
  for (let i = 0; i < children.length; ) {
    const node = children[i]!;
    const next = visit(node, parent, i);
    if (typeof next === "number") {
      i = next;
      continue;
    }
    if (next !== "skip" && node.type === "element") walk(node, visit);
    i++;
  }
}
