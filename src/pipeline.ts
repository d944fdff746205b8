// articles/ → validated, rendered, modelled archive. Throws ArticleProblems with every problem at once.
import { illustrate } from "./images.ts";
import { loadArticles } from "./load.ts";
import { buildArchive, type Archive } from "./model.ts";
import { ArticleProblems, plural, type Problem } from "./problems.ts";
import { renderAll, type RenderedAll } from "./render-cache.ts";
import type { SiteConfig } from "./site-config.ts";
import { StageTimer } from "./stages.ts";

export interface Prepared {
  archive: Archive;
  warnings: Problem[];
  /** The pictures' files: site path → processed file in the cache, for the build to copy in. */
  images: ReadonlyMap<string, string>;
}

export async function prepareArchive(
  root: string,
  site: SiteConfig,
  options: { includeDrafts: boolean; publicDir: string; rebuilds: boolean },
  timer: StageTimer = new StageTimer(),
): Promise<Prepared> {
  const loaded = await timer.time("load", () => loadArticles(root, "articles", { remember: options.rebuilds }), (l) => plural(l.articles.length + l.problems.length, "file"));
  const warnings = [...loaded.warnings];
  const included = loaded.articles.filter((a) => options.includeDrafts || !a.meta.draft);
  const { bodies } = await timer.time("render", () => renderAll(root, included, { remember: options.rebuilds }), renderSummary);
  for (const r of bodies) warnings.push(...r.warnings);
  const pictured = await timer.time(
    "images",
    () => illustrate(root, options.publicDir, site.pathPrefix, included, bodies),
    (p) => `${plural(p.pictures, "picture")} (${p.encoded} encoded)`,
  );
  warnings.push(...pictured.warnings);
  // The valid articles' pictures are checked even when other articles are invalid: every problem at once.
  const problems = [...loaded.problems, ...pictured.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (problems.length > 0) throw new ArticleProblems(problems, warnings);
  const rendered = included.map((a, i) => {
    const r = bodies[i]!;
    return { file: a.file, meta: a.meta, html: pictured.html[i]!, excerpt: r.excerpt, wordCount: r.wordCount, image: pictured.leads[i]! };
  });
  const archive = await timer.time("model", () => buildArchive(rendered, site));
  return { archive, warnings, images: pictured.outputs };
}

function renderSummary(r: RenderedAll): string {
  const fresh = r.rendered === 0 ? "all from cache" : `${r.rendered} rendered${r.threads > 1 ? ` on ${r.threads} threads` : ""}`;
  return `${plural(r.bodies.length, "article")} (${fresh})`;
}
