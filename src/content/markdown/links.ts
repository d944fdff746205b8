// Links to pages of this site are resolved once every article is known (another article's page,
// an old address, a file under public/): each is listed and its href pointed at a numbered
// placeholder. Links within the article (`#fragment`) are checked here, against its own ids.
import type { Element, ElementContent, Root, Text } from "hast";
import type { BodyLink, LinkTarget } from "../../site/links.ts";
import { findFragment, LINK_PLACEHOLDER } from "./rendered.ts";
import { abbreviate, lineOf, note, type Notes } from "./notes.ts";
import { schemeOf } from "./schema.ts";
import { REF_PLACEHOLDER, type RefTarget } from "./shortcodes.ts";
import { walk } from "./walk.ts";

const REF_TOKEN = new RegExp(`${REF_PLACEHOLDER}(\\d+)`, "g");
/** Fragments every page has. */
const PAGE_FRAGMENTS = new Set(["", "top"]);

export function collectLinks(tree: Root, refs: readonly RefTarget[], ids: readonly string[], notes: Notes): BodyLink[] {
  const links: BodyLink[] = [];
  const place = (el: Element, target: LinkTarget) => {
    const line = lineOf(el);
    links.push({ target, ...(line === undefined ? {} : { line }) });
    el.properties.href = `${LINK_PLACEHOLDER}${links.length - 1}`;
  };
  walk(tree, (node, parent, index) => {
    if (node.type === "text" && node.value.includes(REF_PLACEHOLDER)) {
      const inCode = parent.type === "element" && (parent.tagName === "code" || parent.tagName === "pre" || parent.tagName === "a");
      const parts = splitRefs(node, refs, inCode);
      if (parts === null) return undefined;
      parent.children.splice(index, 1, ...parts);
      // Visited again from here: the links just made are placed in their turn.
      return index;
    }
    if (node.type !== "element" || node.tagName !== "a" || typeof node.properties.href !== "string") return undefined;
    const href = node.properties.href;
    const target = refTarget(href, refs) ?? (isLocal(href) ? { kind: "href" as const, href } : null);
    if (target !== null) place(node, target);
    else if (href.startsWith("#") && !PAGE_FRAGMENTS.has(fragment(href))) checkFragment(node, ids, notes);
    return undefined;
  });
  return links;
}

/** An in-page link reaches one of the body's ids, or is pointed at the one it means, or is reported. */
function checkFragment(link: Element, ids: readonly string[], notes: Notes): void {
  const href = link.properties.href as string;
  const wanted = fragment(href);
  const found = findFragment(wanted, ids);
  if (found === wanted) return;
  if (found !== null) {
    link.properties.href = `#${found}`;
    return;
  }
  // The headings and anchors an author links to, not the footnotes' own ids.
  const named = ids.filter((id) => !id.startsWith("user-content-") && id !== "footnote-label");
  const some = named.slice(0, 5).map((id) => `#${id}`);
  note(
    notes,
    "link-broken",
    link,
    `the link to ${abbreviate(href)} leads nowhere: nothing in this article has the id ${abbreviate(wanted)}`,
    some.length === 0 ? "remove the link, or give the heading it means an id: ## Heading {#id}" : `link to one of the article's ids (${some.join(", ")}${named.length > 5 ? ", …" : ""}), or remove the link`,
  );
}

/** A link tag's target, with a `#fragment` written after the tag (`{% post_url x %}#part`). */
function refTarget(href: string, refs: readonly RefTarget[]): RefTarget | null {
  const match = /^#news-archive-ref-(\d+)(#.*)?$/.exec(href);
  const ref = match === null ? undefined : refs[Number(match[1])];
  if (ref === undefined) return null;
  return match![2] === undefined ? ref : { ...ref, fragment: fragment(match![2]) };
}

/** A link tag standing in text rather than in a link's address: a link reading as the tag's target. */
function splitRefs(node: Text, refs: readonly RefTarget[], asText: boolean): ElementContent[] | null {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(REF_TOKEN)) {
    const ref = refs[Number(match[1])];
    if (ref === undefined) continue;
    const written = ref.fragment === null ? ref.ref : `${ref.ref}#${ref.fragment}`;
    if (match.index > last) parts.push({ type: "text", value: node.value.slice(last, match.index) });
    parts.push(asText ? { type: "text", value: written } : { type: "element", tagName: "a", properties: { href: match[0] }, children: [{ type: "text", value: written }], position: node.position });
    last = match.index + match[0].length;
  }
  if (last === 0) return null;
  if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
  return parts;
}

/** A relative or site-absolute address: no scheme, not `//host`, not only a `#fragment`. */
function isLocal(href: string): boolean {
  return href !== "" && !href.startsWith("#") && !href.startsWith("//") && schemeOf(href) === undefined;
}

function fragment(href: string): string {
  const raw = href.slice(href.indexOf("#") + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
