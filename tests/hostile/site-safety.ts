// Reads a built site the way a browser and a feed reader would, and lists everything in it that
// could run code: script, style and embedding elements, on*= handlers, script and data URLs — in
// the pages, and in the HTML that the feeds carry. Markup is tokenised with quoted attribute values
// respected, so escaped text that merely contains `onerror=` is not mistaken for an attribute.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { decodeEntities, listFiles } from "../helpers/site.ts";

/** Elements no page of the archive has any business holding (the site's own SVG is allowed; its animations that set attributes are not). */
const FORBIDDEN = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "style", "template", "portal", "foreignobject", "animate", "set"]);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noembed", "noframes"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "cite", "background", "longdesc", "data", "ping", "xlink:href", "srcset", "manifest", "codebase"]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** A URL a browser would run or render inline: it strips spaces and controls around and inside the scheme. */
export function isScriptUrl(value: string): boolean {
  return /^(javascript|vbscript|data):/.test(value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase());
}

/** Every way `markup` could run code, as "where: what". `fragment` is HTML carried inside a feed. */
export function markupViolations(markup: string, where: string, { fragment = false } = {}): string[] {
  const found: string[] = [];
  let at = 0;
  while ((at = markup.indexOf("<", at)) !== -1) {
    if (markup.startsWith("<!--", at)) {
      const end = markup.indexOf("-->", at);
      at = end === -1 ? markup.length : end + 3;
      continue;
    }
    if (/^<!doctype html>/i.test(markup.slice(at, at + 15))) {
      at += 15;
      continue;
    }
    TAG.lastIndex = at;
    const tag = TAG.exec(markup);
    if (tag === null) {
      // Text must hold `<` only escaped; a bare one before a letter is markup a browser would read.
      if (/^<[a-zA-Z/!?]/.test(markup.slice(at, at + 2))) found.push(`${where}: markup that is not a well-formed tag: ${JSON.stringify(markup.slice(at, at + 60))}`);
      at += 1;
      continue;
    }
    at = TAG.lastIndex;
    const [, closing, rawName, attributeText] = tag;
    const name = rawName!.toLowerCase();
    if (closing === "/") continue;
    const attributes = new Map<string, string>();
    for (const a of attributeText!.matchAll(ATTRIBUTE)) attributes.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ""));

    let content = "";
    if (RAW_TEXT.has(name)) {
      const end = markup.toLowerCase().indexOf(`</${name}`, at);
      content = markup.slice(at, end === -1 ? markup.length : end);
      at = end === -1 ? markup.length : end;
    }
    if (FORBIDDEN.has(name)) found.push(`${where}: <${name}> element`);
    if (name === "script") found.push(...scriptViolations(attributes, content, where, fragment));
    if (name === "meta" && attributes.has("http-equiv")) found.push(`${where}: <meta http-equiv="${attributes.get("http-equiv")}">`);
    for (const [attribute, value] of attributes) {
      if (attribute.startsWith("on")) found.push(`${where}: <${name} ${attribute}=…> event handler`);
      if (attribute === "style" || attribute === "srcdoc") found.push(`${where}: <${name} ${attribute}=…>`);
      const urls = attribute === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "") : [value];
      const carriesUrl = URL_ATTRIBUTES.has(attribute) || (name === "meta" && attribute === "content" && /url|image/i.test(attributes.get("property") ?? attributes.get("name") ?? ""));
      if (carriesUrl && urls.some(isScriptUrl)) found.push(`${where}: <${name} ${attribute}="${value.slice(0, 60)}"> script or data URL`);
    }
  }
  return found;
}

/** The only scripts a page may hold: JSON-LD that is inert JSON, and the site's own files by path. */
function scriptViolations(attributes: Map<string, string>, content: string, where: string, fragment: boolean): string[] {
  if (fragment) return [`${where}: <script> in feed content`];
  if (attributes.get("type") === "application/ld+json") {
    if (content.includes("<")) return [`${where}: JSON-LD holding a "<" that could close its script element`];
    try {
      JSON.parse(content);
      return [];
    } catch {
      return [`${where}: JSON-LD that is not JSON`];
    }
  }
  const src = attributes.get("src");
  if (src === undefined || !/^\/(?!\/)/.test(src)) return [`${where}: <script> that is not one of the site's own files: ${JSON.stringify(content.slice(0, 60))}`];
  if (content.trim() !== "") return [`${where}: <script src> that also holds code`];
  return [];
}

/** The HTML inside each `<content type="html">` / `<summary type="html">` of an Atom feed. */
function atomHtml(xml: string): string[] {
  return [...xml.matchAll(/<(content|summary) type="html"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => decodeEntities(m[2]!));
}

const JSON_FEED_URLS = new Set(["url", "external_url", "home_page_url", "feed_url", "image", "banner_image", "icon", "favicon", "avatar", "next_url"]);

function jsonFeedViolations(value: unknown, where: string, key = ""): string[] {
  if (typeof value === "string") {
    if (key === "content_html") return markupViolations(value, `${where} content_html`, { fragment: true });
    return JSON_FEED_URLS.has(key) && isScriptUrl(value) ? [`${where}: "${key}" is a script or data URL`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v) => jsonFeedViolations(v, where));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => jsonFeedViolations(v, where, k));
  return [];
}

/**
 * Every violation in the built site at `out`: pages, Atom feeds and sitemap (which must also parse
 * as XML), JSON feeds (which must parse). Pagefind's compressed index is not read here: the search
 * page puts what it returns into the page as text only.
 */
export async function siteViolations(out: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listFiles(out)) {
    if (file.startsWith("pagefind/")) continue;
    const text = await readFile(path.join(out, file), "utf8");
    if (file.endsWith(".html")) found.push(...markupViolations(text, file));
    else if (file.endsWith(".xml")) {
      const valid = XMLValidator.validate(text);
      if (valid !== true) found.push(`${file}: not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
      for (const [, attribute, value] of text.matchAll(/\s(href|src)="([^"]*)"/g)) {
        if (isScriptUrl(decodeEntities(value!))) found.push(`${file}: ${attribute}="${value}" is a script or data URL`);
      }
      for (const [, loc] of text.matchAll(/<loc>([^<]*)<\/loc>/g)) if (!/^https?:\/\//.test(decodeEntities(loc!))) found.push(`${file}: <loc>${loc}</loc>`);
      atomHtml(text).forEach((markup, i) => found.push(...markupViolations(markup, `${file} entry ${i + 1}`, { fragment: true })));
    } else if (file.endsWith(".json")) {
      try {
        found.push(...jsonFeedViolations(JSON.parse(text), file));
      } catch (error) {
        found.push(`${file}: not JSON: ${(error as Error).message}`);
      }
    }
  }
  return found;
}

/** Files where a raw string would be live markup: pages and XML (JSON strings are data; they are checked above). */
export async function markupFiles(out: string): Promise<{ file: string; text: string }[]> {
  const files = (await listFiles(out)).filter((f) => !f.startsWith("pagefind/") && /\.(html|xml)$/.test(f));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(out, file), "utf8") })));
}
