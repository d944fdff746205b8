// articles/ → validated, rendered, modelled archive. Throws ArticleProblems with every problem at once.
import { loadArticles } from "./load.ts";
import { buildArchive, type Archive } from "./model.ts";
import { ArticleProblems, plural, type Problem } from "./problems.ts";
import { renderAll } from "./render-cache.ts";
import type { SiteConfig } from "./site-config.ts";
import { StageTimer } from "./stages.ts";

export interface Prepared {
  archive: Archive;
  warnings: Problem[];
}

export async function prepareArchive(
  root: string,
  site: SiteConfig,
  options: { includeDrafts: boolean },
  timer: StageTimer = new StageTimer(),
): Promise<Prepared> {
  const loaded = await timer.time("load", () => loadArticles(root, "articles"), (l) => plural(l.articles.length + l.problems.length, "file"));
  const warnings = [...loaded.warnings];
  if (loaded.problems.length > 0) throw new ArticleProblems(loaded.problems, warnings);
  const included = loaded.articles.filter((a) => options.includeDrafts || !a.meta.draft);
  const bodies = await timer.time("render", () => renderAll(root, included), (b) => plural(b.length, "article"));
  const rendered = included.map((a, i) => {
    const r = bodies[i]!;
    warnings.push(...r.warnings);
    return { file: a.file, meta: a.meta, html: r.html, excerpt: r.excerpt, wordCount: r.wordCount };
  });
  const archive = await timer.time("model", () => buildArchive(rendered, site));
  return { archive, warnings };
}
