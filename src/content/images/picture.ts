// A processed picture as plain data, and the markup that shows it. Pure: illustrate.ts makes the
// files, the model carries this data, templates and the body renderer call `pictureHtml`.
import { html, type SafeHtml } from "../../util/html.ts";
import type { Link } from "../urls.ts";

export interface ImageVariant {
  /** Unprefixed site path, e.g. "/img/3f2a9c0d1e4b-720.avif". */
  path: string;
  width: number;
  height: number;
}

export interface ImageFormat {
  /** MIME type, e.g. "image/avif". */
  type: string;
  /** Narrowest first. */
  variants: ImageVariant[];
}

export interface Picture {
  kind: "picture";
  /** Of the widest variant: the width and height attributes that reserve the picture's space. */
  width: number;
  height: number;
  /**
   * Modern formats first; the last is the JPEG or PNG every browser can show. A picture copied as
   * it is (an SVG drawing, a GIF) has one format of one file.
   */
  formats: ImageFormat[];
}

/** A picture on another site: linked as it is, since a build has no network to fetch it. */
export interface RemoteImage {
  kind: "remote";
  url: string;
}

export type ImageFile = Picture | RemoteImage;

export interface LeadImage {
  alt: string;
  caption: string | null;
  credit: string | null;
  file: ImageFile;
}

export interface PictureOptions {
  alt: string;
  /** The `sizes` attribute: how wide the picture is shown, so the browser fetches no more than that. */
  sizes: string;
  /** Lazy below the fold; the lead picture is fetched at once, as it is what a reader sees first. */
  loading: "lazy" | "eager";
  title?: string | null;
  className?: string;
}

/**
 * Shown at the article column's width (66ch: about 53rem in the fallback serif at the largest text
 * size) on wide screens, at the screen's width less the gutters on a phone.
 */
export const ARTICLE_SIZES = "(min-width: 58rem) 54rem, calc(100vw - 2rem)";
export const THUMBNAIL_SIZES = "7rem";

export function pictureHtml(link: Link, file: ImageFile, o: PictureOptions): SafeHtml {
  const attributes = html`${o.className === undefined ? "" : html` class="${o.className}"`} alt="${o.alt}"${o.title ? html` title="${o.title}"` : ""}${
    o.loading === "lazy" ? html` loading="lazy"` : html` fetchpriority="high"`
  } decoding="async"`;
  if (file.kind === "remote") return html`<img src="${file.url}"${attributes}>`;
  if (file.formats.length === 1 && file.formats[0]!.variants.length === 1) {
    // One file, which every browser shows: no choice to offer, so no <picture> and no srcset.
    return html`<img src="${link(file.formats[0]!.variants[0]!.path)}" width="${file.width}" height="${file.height}"${attributes}>`;
  }
  const srcset = (f: ImageFormat) => f.variants.map((v) => `${link(v.path)} ${v.width}w`).join(", ");
  const fallback = file.formats[file.formats.length - 1]!;
  const widest = fallback.variants[fallback.variants.length - 1]!;
  return html`<picture>${file.formats.slice(0, -1).map((f) => html`<source type="${f.type}" srcset="${srcset(f)}" sizes="${o.sizes}">`)}<img src="${link(widest.path)}" srcset="${srcset(fallback)}" sizes="${o.sizes}" width="${file.width}" height="${file.height}"${attributes}></picture>`;
}

/** The widest fallback file (JPEG or PNG, which every reader and crawler takes), for og:image and JSON-LD. */
export function sharedImage(file: ImageFile): { path: string; width: number; height: number; type: string } | { url: string } {
  if (file.kind === "remote") return { url: file.url };
  const fallback = file.formats[file.formats.length - 1]!;
  const widest = fallback.variants[fallback.variants.length - 1]!;
  return { ...widest, type: fallback.type };
}
