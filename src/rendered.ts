// What rendering an article's markdown produces, and how its pictures are placed afterwards. Kept
// apart from the renderer so that a build whose bodies all come from the cache never loads remark.
import type { Problem } from "./problems.ts";

export interface Rendered {
  html: string;
  /** First paragraph as plain text, for lists, feeds and descriptions. */
  excerpt: string;
  wordCount: number;
  warnings: Problem[];
  /** Every picture in the body, in order; the HTML holds a placeholder for each (see placeImages). */
  images: BodyImage[];
}

export interface BodyImage {
  /** The address as written: a path to a local file, or a remote URL. */
  src: string;
  alt: string;
  title: string | null;
  line?: number;
}

/**
 * A picture's <img> in the rendered HTML points at a placeholder, `#news-archive-image-N`: the
 * picture itself is made later (images.ts), and the render is cached without it.
 */
export const IMAGE_PLACEHOLDER = "#news-archive-image-";
const PLACED_IMAGE = /<img src="#news-archive-image-(\d+)"(?: [a-z]+="[^"]*")*>/g;

/** The body with each picture's placeholder replaced by its markup. */
export function placeImages(html: string, markup: (index: number) => string): string {
  return html.replace(PLACED_IMAGE, (_, n: string) => markup(Number(n)));
}

/**
 * An article's rendered body. The digest changes whenever the HTML does, so pages and search
 * shards are keyed without the HTML. The HTML is read from the cache each time a page shows it
 * (see body-store.ts), and not kept: a cold build holds no article's HTML longer than a page takes.
 */
export interface Body {
  readonly digest: string;
  readonly html: () => string;
}

/** What the build keeps of a render: the body as a Body, the rest as rendered. */
export type RenderedBody = Omit<Rendered, "html"> & { body: Body };
