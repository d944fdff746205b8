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
