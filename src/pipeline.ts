// articles/ → validated, rendered, modelled archive. Throws ArticleProblems with every problem at once.
import { illustrate } from "./images.ts";
import { loadArticles } from "./load.ts";
import { buildArchive, type Archive } from "./model.ts";
import { linkBodies } from "./links.ts";
import { addressedArticle, planRedirects, type Redirect } from "./old-urls.ts";
import { ArticleProblems, plural, type Problem } from "./problems.ts";
import { publishedBy } from "./published-urls.ts";
import { renderAll, type RenderedAll } from "./render-cache.ts";
import type { SiteConfig } from "./site-config.ts";
import { publicPaths, sitePaths } from "./site-paths.ts";
import { StageTimer } from "./stages.ts";
import { articlePath } from "./urls.ts";

export interface Prepared {
  archive: Archive;
  warnings: Problem[];
  /** The pictures' files: site path → processed file in the cache, for the build to copy in. */
  images: ReadonlyMap<string, string>;
  /** Every old address and the page it leads to, checked. */
  redirects: Redirect[];
  /** The addresses this build publishes that readers keep (pages, feeds, old addresses): see published-urls.ts. */
  addresses: string[];
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
  const { outcomes } = await timer.time("render", () => renderAll(root, included, { remember: options.rebuilds }), renderSummary);
  const renderProblems = outcomes.flatMap((o) => (o.ok ? [] : o.problems));
  // Only the articles that rendered go on; with any problem the build stops after the pictures.
  const articles = included.filter((_, i) => outcomes[i]!.ok);
  const bodies = outcomes.flatMap((o) => (o.ok ? [o.rendered] : []));
  for (const r of bodies) warnings.push(...r.warnings);
  const pictured = await timer.time(
    "images",
    () => illustrate(root, options.publicDir, site.pathPrefix, articles, bodies),
    (p) => `${plural(p.pictures, "picture")} (${p.encoded} encoded)`,
  );
  warnings.push(...pictured.warnings);
  // The valid articles' pictures are checked even when other articles are invalid: every problem at once.
  const problems = [...loaded.problems, ...renderProblems, ...pictured.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (problems.length > 0) throw new ArticleProblems(problems, warnings);
  const rendered = articles.map((a, i) => {
    const r = bodies[i]!;
    return { file: a.file, meta: a.meta, body: pictured.bodies[i]!, excerpt: r.excerpt, wordCount: r.wordCount, image: pictured.leads[i]! };
  });
  const archive = await timer.time("model", () => buildArchive(rendered, site));
  const paths = sitePaths(archive);
  const publicFiles = await publicPaths(options.publicDir);
  const planned = await timer.time(
    "redirects",
    async () =>
      planRedirects({
        patterns: site.formerUrls,
        articles: rendered.map((r) => addressedArticle(r.file, articlePath(r.meta.slug), r.meta)),
        stubs: loaded.redirects,
        taken: [...paths.all, ...publicFiles],
        site,
      }),
    (p) => plural(p.redirects.length, "old address", "old addresses"),
  );
  warnings.push(...planned.warnings);
  if (planned.errors.length > 0) throw new ArticleProblems(planned.errors, warnings);
  const linked = await timer.time(
    "links",
    async () =>
      linkBodies(
        {
          pathPrefix: site.pathPrefix,
          articles: rendered.map((r, i) => ({ file: r.file, path: articlePath(r.meta.slug), ids: bodies[i]!.ids })),
          pages: [...paths.all, ...publicFiles],
          redirects: planned.redirects,
        },
        rendered.map((r, i) => ({ file: r.file, body: r.body, links: bodies[i]!.links })),
      ),
    (l) => `${plural(l.links, "body link")}, ${l.warnings.length} broken`,
  );
  warnings.push(...linked.warnings);
  // The model is made before the links can be placed, since the pages they may reach are its own;
  // the bodies are the one part of it that depends on them.
  const linkedBodies = new Map(rendered.map((r, i) => [r.file, linked.bodies[i]!]));
  for (const a of archive.articles) a.body = linkedBodies.get(a.file)!;
  return { archive, warnings, images: pictured.outputs, redirects: planned.redirects, addresses: publishedBy(paths.lasting, planned.redirects) };
}


function renderSummary(r: RenderedAll): string {
  const fresh = r.rendered === 0 ? "all from cache" : `${r.rendered} rendered${r.threads > 1 ? ` on ${r.threads} threads` : ""}`;
  return `${plural(r.outcomes.length, "article")} (${fresh})`;
}
