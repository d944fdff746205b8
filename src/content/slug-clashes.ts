// Two articles whose names make one slug. Other generators keep them apart by putting the date or
// the folder in the URL (Hugo's `/:year/:month/:slug/`, Zola's `inside-rust/all-hands/`); this
// archive's URL is the slug alone, so the later article takes its date or folder into its slug,
// with a warning. Only articles that nothing tells apart (same slug, same date, same folder) are
// refused. Pure: the loader passes what it parsed.
import { isBundleIndex } from "./article-files.ts";
import { sortKey } from "./dates.ts";
import type { ArticleMeta } from "./schema.ts";
import type { Problem } from "./problems.ts";
import { slugify } from "./slugs.ts";

interface Named {
  file: string;
  meta: Pick<ArticleMeta, "slug" | "date" | "formerSlug">;
}

export interface Separated<A extends Named> {
  /** Every article, in the order given; those that moved carry their new slug. */
  articles: A[];
  warnings: Problem[];
  problems: Problem[];
}

/**
 * The first of each clash (oldest, then by file) keeps the slug: in an archive that grows, the
 * article already published keeps its address, and the one added later moves.
 */
export function separateSlugs<A extends Named>(articles: readonly A[]): Separated<A> {
  const bySlug = new Map<string, A[]>();
  for (const a of articles) bySlug.set(a.meta.slug, [...(bySlug.get(a.meta.slug) ?? []), a]);
  const taken = new Set(bySlug.keys());
  const moved = new Map<A, string>();
  const warnings: Problem[] = [];
  const problems: Problem[] = [];
  for (const [slug, same] of bySlug) {
    if (same.length < 2) continue;
    const [first, ...later] = [...same].sort(oldestFirst);
    for (const a of later) {
      // Zola and Hugo sections put the folder in the URL; Hugo's dated permalinks, the date. Only
      // what differs from the first article's tells the two apart.
      const order = [
        folderOf(a) === folderOf(first!) ? null : foldered(slug, a),
        dateKey(a) === dateKey(first!) ? null : dated(slug, a),
      ];
      const next = order.find((s): s is string => s !== null && !taken.has(s));
      if (next === undefined) {
        // Both are named: either one may be the one to rename.
        problems.push(urlTaken(a, first!, slug), urlTaken(first!, a, slug));
        continue;
      }
      taken.add(next);
      moved.set(a, next);
      warnings.push({
        kind: "slug-changed",
        file: a.file,
        field: "slug",
        message: `"${slug}" is also the URL of ${first!.file}, so this article is at /articles/${next}/`,
        fix: `write slug: ${next} to keep this address, or another slug of its own`,
      });
    }
  }
  const result = articles.map((a) => {
    const slug = moved.get(a);
    return slug === undefined ? a : { ...a, meta: { ...a.meta, slug, formerSlug: a.meta.slug } };
  });
  return { articles: result, warnings, problems };
}

function urlTaken(a: Named, other: Named, slug: string): Problem {
  return {
    kind: "url-taken",
    file: a.file,
    field: "slug",
    message: `"${slug}" is also the URL of ${other.file}, in the same folder with the same date: two articles cannot share /articles/${slug}/`,
    fix: "give one of them its own slug: a different file name or a slug: field",
  };
}

function oldestFirst(a: Named, b: Named): number {
  const ka = dateKey(a) ?? "~";
  const kb = dateKey(b) ?? "~";
  return ka < kb ? -1 : ka > kb ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** The date to the precision written, without the time: "2019-03-05", "2019-03", "2019". */
function dateKey(a: Named): string | null {
  return a.meta.date === null ? null : sortKey(a.meta.date).slice(0, 10);
}

/** "another-example-2019-03-05". */
function dated(slug: string, a: Named): string | null {
  const key = dateKey(a);
  return key === null ? null : `${slug}-${key}`;
}

/** "inside-rust-all-hands": the folders between articles/ and the file (or its page bundle). */
function foldered(slug: string, a: Named): string | null {
  const prefix = slugify(folderOf(a));
  return prefix === "" ? null : `${prefix}-${slug}`;
}

/** The folders between articles/ and the file, or its page bundle's folder: "inside-rust". */
function folderOf(a: Named): string {
  const parts = a.file.split("/").slice(1);
  const folders = parts.slice(0, -1);
  if (isBundleIndex(a.file)) folders.pop();
  return folders.join(" ");
}
