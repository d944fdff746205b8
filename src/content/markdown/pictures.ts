// Every picture in a body, markdown's `![alt](src)` and raw `<img src>` alike, is listed and its
// <img> pointed at a numbered placeholder: the picture is made later
// (content/images/illustrate.ts), and the render is cached without it.
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { IMAGE_PLACEHOLDER, type BodyImage } from "./rendered.ts";
import { lineOf } from "./notes.ts";
import { schemeOf } from "./schema.ts";
import { REF_PLACEHOLDER, type RefTarget } from "./shortcodes.ts";
import { walk, type Parent } from "./walk.ts";

export function collectPictures(tree: Root, refs: readonly RefTarget[]): BodyImage[] {
  const images: BodyImage[] = [];
  const collect = (parent: Parent, captioned: boolean) =>
    walk(parent, (el) => {
      if (el.type !== "element") return;
      if (el.tagName === "figure") {
        collect(el, captioned || hasCaption(el));
        return "skip";
      }
      if (el.tagName !== "img" || typeof el.properties.src !== "string") return;
      const alt = typeof el.properties.alt === "string" ? el.properties.alt : "";
      const title = typeof el.properties.title === "string" ? el.properties.title : null;
      const line = lineOf(el);
      images.push({ src: writtenSource(el.properties.src, refs), alt, title, ...(captioned ? { captioned } : {}), ...(line === undefined ? {} : { line }) });
      el.properties = { src: `${IMAGE_PLACEHOLDER}${images.length - 1}`, alt };
    });
  collect(tree, false);
  return images;
}

/** A <figure> whose <figcaption> says something: what its picture shows is told there. */
function hasCaption(figure: Element): boolean {
  return figure.children.some((c) => c.type === "element" && c.tagName === "figcaption" && toString(c).trim() !== "");
}

/**
 * The source as the author wrote it: a local path is a file name, so markdown's percent-encoding
 * (`my%20photo.jpg` for `<my photo.jpg>`) is undone; a `{% link %}` names a file from the site's root.
 */
function writtenSource(src: string, refs: readonly RefTarget[]): string {
  if (src.startsWith(REF_PLACEHOLDER)) {
    const ref = refs[Number(src.slice(REF_PLACEHOLDER.length))];
    if (ref !== undefined) return ref.via === "link" ? `/${ref.ref.replace(/^\/+/, "")}` : ref.ref;
  }
  if (schemeOf(src) !== undefined || src.startsWith("//")) return src;
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
