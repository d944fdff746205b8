// Slugs become folder names under the output folder, so they are the one place where article
// text touches the file system: only letters, digits and single hyphens ever get through.

/** Longest slug in UTF-8 bytes: file systems refuse names over 255 bytes, and URLs get unwieldy. */
export const MAX_SLUG_BYTES = 120;

const SLUG = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}]+)*$/u;

/**
 * "Deir ez-Zor" → "deir-ez-zor"; "Ğarf an-Naṣr" → "garf-an-nasr"; Arabic letters are kept.
 * Invisible format characters (zero-width space and joiners, direction marks) are dropped, not
 * turned into hyphens: "Sy\u200Bria" looks like "Syria" and must be the same tag.
 */
export function slugify(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    if (slugs.size >= MAX_REMEMBERED) slugs.clear();
    slug = text
      .normalize("NFKD")
      .replace(/[\p{M}\p{Cf}]/gu, "")
      .toLowerCase()
      .replace(/['’‘`]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "");
    slugs.set(text, slug);
  }
  return slug;
}

/**
 * Slugs already made: the model slugifies every tag, source and author of every article, the same
 * few names again and again, which was a noticeable part of the model's time.
 */
const slugs = new Map<string, string>();
const MAX_REMEMBERED = 100_000;

export type SlugCheck = { ok: true } | { ok: false; reason: string };

export function checkSlug(slug: string): SlugCheck {
  if (slug === "") return { ok: false, reason: "it has no letters or digits to make a URL from" };
  if (!SLUG.test(slug)) return { ok: false, reason: "a slug is lowercase letters, digits and single hyphens" };
  if (Buffer.byteLength(slug) > MAX_SLUG_BYTES) {
    return { ok: false, reason: `it is longer than ${MAX_SLUG_BYTES} bytes, too long for a URL` };
  }
  return { ok: true };
}
