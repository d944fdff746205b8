// articles/ → validated, rendered, modelled archive. Throws ArticleProblems with every problem at once.
import { loadArticles } from "./load.ts";
import { buildArchive, type Archive } from "./model.ts";
import { ArticleProblems, type Problem } from "./problems.ts";
import { renderAll } from "./render-cache.ts";
import type { SiteConfig } from "./site-config.ts";

export interface Prepared {
  archive: Archive;
  warnings: Problem[];
}

export async function prepareArchive(root: string, site: SiteConfig, options: { includeDrafts: boolean }): Promise<Prepared> {
  const loaded = await loadArticles(root, "articles");
  const warnings = [...loaded.warnings];
  if (loaded.problems.length > 0) throw new ArticleProblems(loaded.problems, warnings);
  const included = loaded.articles.filter((a) => options.includeDrafts || !a.meta.draft);
  const bodies = await renderAll(root, included);
  const rendered = included.map((a, i) => {
    const r = bodies[i]!;
    warnings.push(...r.warnings);
    return { file: a.file, meta: a.meta, html: r.html, excerpt: r.excerpt, wordCount: r.wordCount };
  });
  return { archive: buildArchive(rendered, site), warnings };
}
