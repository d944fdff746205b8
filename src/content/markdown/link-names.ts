// A link with nothing to read (`<a href="https://youtu.be/…"><img src="youtube.png"></a>`, the
// NATS blog's talk links: a logo without alt text) has no name for a screen reader, which then
// reads out its address. It is named after where it leads: the site's host, or the file's name.
// The picture stays undescribed, and is reported as such (picture-no-alt) by images/illustrate.ts.
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { schemeOf } from "./schema.ts";
import { REF_PLACEHOLDER, type RefTarget } from "./shortcodes.ts";
import { walk } from "./walk.ts";

export function nameWordlessLinks(tree: Root, refs: readonly RefTarget[]): void {
  walk(tree, (el) => {
    if (el.type !== "element" || el.tagName !== "a" || typeof el.properties.href !== "string") return undefined;
    if (toString(el).trim() !== "" || describedPicture(el) || typeof el.properties.ariaLabel === "string") return "skip";
    const name = targetName(writtenHref(el.properties.href, refs));
    if (name !== "") el.properties.ariaLabel = name;
    return "skip";
  });
}

/** Whether a picture in the link says what it shows: its alt text, or its title, which stands for it. */
function describedPicture(link: Element): boolean {
  let described = false;
  walk(link, (el) => {
    if (el.type === "element" && el.tagName === "img" && [el.properties.alt, el.properties.title].some((t) => typeof t === "string" && t.trim() !== "")) described = true;
  });
  return described;
}

function writtenHref(href: string, refs: readonly RefTarget[]): string {
  if (!href.startsWith(REF_PLACEHOLDER)) return href;
  return refs[Number(href.slice(REF_PLACEHOLDER.length))]?.ref ?? href;
}

/** "youtu.be" for https://youtu.be/Iu9rwft0Rhw, the address of a mailto:, the last name of a path. */
function targetName(href: string): string {
  const scheme = schemeOf(href)?.toLowerCase();
  if (scheme === "mailto") return decodeSafely(href.slice("mailto:".length).split("?")[0]!);
  if (scheme !== undefined || href.startsWith("//")) {
    try {
      return new URL(href, "https://example.invalid").hostname.replace(/^www\./, "");
    } catch {
      return "";
    }
  }
  const path = href.split(/[?#]/)[0]!.replace(/\/+$/, "");
  return decodeSafely(path.slice(path.lastIndexOf("/") + 1)) || href.replace(/^#/, "");
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
