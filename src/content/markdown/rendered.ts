// What rendering an article's markdown produces, and how its pictures and links are placed
// afterwards. Kept apart from the renderer so that a build whose bodies all come from the cache
// never loads remark.
import { createHash } from "node:crypto";
import type { BodyLink } from "../../site/links.ts";
import type { Problem } from "../problems.ts";
import type { Link } from "../urls.ts";

export interface Rendered {
  html: string;
  /** The summary as plain text, for lists, feeds and descriptions: what precedes `<!--more-->`, else the first paragraph. */
  excerpt: string;
  wordCount: number;
  warnings: Problem[];
  /** Every picture in the body, in order; the HTML holds a placeholder for each (see placeImages). */
  images: BodyImage[];
  /** Every link to a page of this site, in order; the HTML holds a placeholder for each (see placeLinks). */
  links: BodyLink[];
  /** Every element id in the body, in order, for `#fragment` links from other articles. */
  ids: string[];
}

export interface BodyImage {
  /** The address as written: a path to a local file, or a remote URL. */
  src: string;
  /** "" when the author gave none. */
  alt: string;
  title: string | null;
  /** In a <figure> with a caption, which tells what it shows: an empty alt is then no omission. */
  captioned?: true;
  line?: number;
}

/**
 * A picture's <img> in the rendered HTML points at a placeholder, `#news-archive-image-N`: the
 * picture itself is made later (content/images/illustrate.ts), and the render is cached without it.
 */
export const IMAGE_PLACEHOLDER = "#news-archive-image-";
const PLACED_IMAGE = /<img src="#news-archive-image-(\d+)"(?: [a-z]+="[^"]*")*>/g;

/** The body with each picture's placeholder replaced by its markup. */
export function placeImages(html: string, markup: (index: number) => string): string {
  return html.replace(PLACED_IMAGE, (_, n: string) => markup(Number(n)));
}

/**
 * A link to a page of this site points at a placeholder, `#news-archive-link-N`, in the rendered
 * HTML: the page it reaches is known only when every article is loaded (and the render is cached
 * without it).
 */
export const LINK_PLACEHOLDER = "#news-archive-link-";
const PLACED_LINK = /href="#news-archive-link-(\d+)"/g;

/** The body with each link placeholder replaced by its address; `href` returns it unescaped. */
export function placeLinks(html: string, href: (index: number) => string): string {
  return html.replace(PLACED_LINK, (_, n: string) => `href="${escapeAttribute(href(Number(n)))}"`);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

/**
 * The id a `#fragment` reaches among a body's ids: itself, or the heading it means when another
 * generator spelled heading ids differently (Zola's `what-s-next` and `1-31-0` for GitHub's
 * `whats-next` and `1310`): letters and digits alike, and one such id only; else, the one heading
 * whose emoji Zola spelled out in words where GitHub dropped them (Zola's `i-unsound-issues-crab`
 * for GitHub's `i-unsound-issues-`, from "I-unsound issues (🦀)"). Null when none.
 */
export function findFragment(fragment: string, ids: readonly string[]): string | null {
  if (ids.includes(fragment)) return fragment;
  const key = looseKey(fragment);
  if (key === "") return null;
  const alike = ids.filter((id) => looseKey(id) === key);
  if (alike.length > 0) return alike.length === 1 ? alike[0]! : null;
  const named = ids.filter((id) => emojiNamed(id).test(fragment.toLowerCase()));
  return named.length === 1 ? named[0]! : null;
}

const WORDS = "[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*";

/**
 * What a GitHub slug reads as with its dropped symbols named: each part between hyphens that lost
 * all its letters and digits (an emoji, or the variation selector GitHub keeps) may be words.
 */
function emojiNamed(id: string): RegExp {
  const parts = id.toLowerCase().split("-");
  if (parts.every((p) => /[\p{L}\p{N}]/u.test(p))) return /(?!)/;
  const pattern = parts.map((p) => (/[\p{L}\p{N}]/u.test(p) ? p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : WORDS)).join("-");
  return new RegExp(`^${pattern}$`, "u");
}

function looseKey(id: string): string {
  return id.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * An article's rendered body. The digest changes whenever the HTML does, so pages and search
 * shards are keyed without the HTML. The HTML is read from the cache each time a page shows it
 * (see cache/body-store.ts), and not kept: a cold build holds no article's HTML longer than a page
 * takes.
 * Its links to the site are made by the `link` of whoever shows it, so neither the HTML nor the
 * digest holds the path prefix.
 */
export interface Body {
  readonly digest: string;
  readonly html: (link: Link) => string;
}

/**
 * A body with what is known only after rendering placed into it (its pictures, its links'
 * addresses). `placed` is everything the placing depends on, unprefixed, so it is part of the
 * digest that decides whether a page showing the body can be reused.
 */
export function placedBody(body: Body, placed: unknown, place: (html: string, link: Link) => string): Body {
  const digest = createHash("sha256").update(body.digest).update(JSON.stringify(placed)).digest("hex");
  return { digest, html: (link) => place(body.html(link), link) };
}

/** What the build keeps of a render: the body as a Body, the rest as rendered. */
export type RenderedBody = Omit<Rendered, "html"> & { body: Body };
