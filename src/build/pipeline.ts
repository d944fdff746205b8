// articles/ → validated, rendered, modelled archive. Throws ArticleProblems with every problem at once.
// `build` runs it to make the site; `check` runs the same stages to find what build would find,
// with every cache only read and no picture encoded (see checkArchiveStages).
import path from "node:path";
import { linkedBundleFiles } from "../site/bundle-files.ts";
import { illustrate, type Illustrated, type PicturedArticle } from "../content/images/illustrate.ts";
import { loadArticles, type SourceArticle } from "../content/load.ts";
import type { ArticleMeta } from "../content/schema.ts";
import { buildArchive, type Archive } from "../content/model.ts";
import { linkBodies } from "../site/links.ts";
import { addressedArticle, planRedirects, type Redirect } from "../site/old-urls.ts";
import { BuildContext } from "./context.ts";
import { ArticleProblems, plural, type Problem } from "../content/problems.ts";
import { droppedUrls, parsePublished, publishedBy, readPublished } from "../site/published-urls.ts";
import { renderAll, type RenderedAll } from "./render-cache.ts";
import type { Body } from "../content/markdown/rendered.ts";
import type { SiteConfig } from "../site-config.ts";
import type { PublicFiles } from "../site/public-files.ts";
import { sitePaths } from "../site/site-paths.ts";
import { StageTimer } from "./stages.ts";
import { articlePath } from "../content/urls.ts";

export interface Prepared {
  archive: Archive;
  warnings: Problem[];
  /** The pictures' files: site path → processed file in the cache, for the build to copy in. */
  images: ReadonlyMap<string, string>;
  /** The page bundles' files their articles link to: site path → the file, for the build to copy in. */
  bundleFiles: ReadonlyMap<string, string>;
  /** Every old address and the page it leads to, checked. */
  redirects: Redirect[];
  /** The addresses this build publishes that readers keep (pages, feeds, old addresses): see site/published-urls.ts. */
  addresses: string[];
  /** published-urls.txt as it was before this build ("" before the first). */
  published: string;
  /** Drafts this build leaves out (0 when drafts are included), for its summary line. */
  draftsLeftOut: number;
}

export interface PrepareOptions {
  includeDrafts: boolean;
  publicDir: PublicFiles;
  context: BuildContext;
}

/** What a check finds: the build's problems and warnings, and the articles read, for check's own advice. */
export interface Checked {
  problems: Problem[];
  warnings: Problem[];
  articles: SourceArticle[];
}

/** The archive a build publishes (drafts only with includeDrafts), its pictures made ready. */
export function prepareArchive(site: SiteConfig, options: PrepareOptions, timer: StageTimer = new StageTimer()): Promise<Prepared> {
  return stages(site, options, timer);
}

/**
 * Every problem `build` would report, found by build's own stages, with nothing written: no site,
 * no cache entry, no picture encoded. Drafts are rendered and their pictures looked at too (an
 * editor checks before publishing), but the site whose addresses are checked is the one build makes.
 */
export async function checkArchiveStages(root: string, site: SiteConfig, publicDir: PublicFiles): Promise<Checked> {
  let articles: SourceArticle[] = [];
  try {
    const context = new BuildContext(path.resolve(root), "check");
    const prepared = await stages(site, { includeDrafts: false, publicDir, context, onLoaded: (loaded) => (articles = loaded) }, new StageTimer());
    return { problems: [], warnings: prepared.warnings, articles };
  } catch (error) {
    if (!(error instanceof ArticleProblems)) throw error;
    return { problems: [...error.problems], warnings: [...error.warnings], articles };
  }
}

interface StageOptions extends PrepareOptions {
  /** Told the articles read, which check advises on even when a later stage finds errors. */
  onLoaded?: (articles: SourceArticle[]) => void;
}

/** The context's purpose decides the caches' use: serve keeps them in memory for its next build; check only reads them, and encodes no picture. */
async function stages(site: SiteConfig, options: StageOptions, timer: StageTimer): Promise<Prepared> {
  const { root, caches } = options.context;
  const check = options.context.purpose === "check";
  const loaded = await timer.time("load", () => loadArticles(caches, "articles"), (l) => plural(l.articles.length + l.problems.length, "file"));
  options.onLoaded?.(loaded.articles);
  const warnings = [...loaded.warnings];
  const inSite = (a: Pick<SourceArticle, "meta">) => options.includeDrafts || !a.meta.draft;
  const examined = check ? loaded.articles : loaded.articles.filter(inSite);
  // The bodies of articles refused for their front-matter are rendered and their pictures checked
  // too, after the others (the build stops anyway): every picture problem in one run.
  const { outcomes } = await timer.time("render", () => renderAll(caches, [...examined, ...loaded.refused]), renderSummary);
  const renderProblems = outcomes.flatMap((o) => (o.ok ? [] : o.problems));
  // Only the articles that rendered go on, each one record gaining what each stage adds; with any
  // problem the build stops after the pictures. A refused article's record only has its pictures checked.
  const refused = new Set<unknown>(loaded.refused);
  const renders = outcomes.flatMap((o) => (o.ok ? [{ file: o.article.file, meta: o.article.meta, ...o.rendered }] : []));
  for (const r of renders) warnings.push(...r.warnings);
  for (const o of outcomes) if (o.ok && refused.has(o.article)) warnings.push(...o.article.warnings);
  const pictured = await timer.time(
    "images",
    () => (check ? lookAtPictures(root, options.publicDir.dir, renders) : illustrate(root, options.publicDir.dir, renders, { caches })),
    (p) => `${plural(p.pictures, "picture")} (${p.encoded} encoded)`,
  );
  warnings.push(...pictured.warnings);
  // Every article's pictures are checked even when some articles are invalid: every problem at once.
  const problems = [...loaded.problems, ...renderProblems, ...pictured.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (problems.length > 0) throw new ArticleProblems(problems, warnings);
  const rendered = acceptedOnly(pictured.articles, new Set(loaded.articles.map((a) => a.file))).filter(inSite);
  const archive = await timer.time("model", () => buildArchive(rendered, site, options.context.related));
  const paths = sitePaths(archive);
  const publicFiles = options.publicDir.paths;
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
  const bundleFiles = await linkedBundleFiles(
    root,
    rendered.map((r) => ({ file: r.file, path: articlePath(r.meta.slug), links: r.links })),
    new Set([...paths.all, ...publicFiles, ...planned.redirects.map((r) => r.from)]),
  );
  // A file published with its article is part of the site after all.
  const published = new Set(bundleFiles.published.values());
  const unpublished = warnings.filter((w) => !(w.kind === "not-an-article" && published.has(w.file)));
  warnings.splice(0, warnings.length, ...unpublished);
  const linked = await timer.time(
    "links",
    async () =>
      linkBodies(
        {
          articles: rendered.map((r) => ({ file: r.file, path: articlePath(r.meta.slug), ids: r.ids })),
          pages: [...paths.all, ...publicFiles, ...bundleFiles.published.keys()],
          refused: bundleFiles.refused,
          redirects: planned.redirects,
          formerSite: site.formerSite,
        },
        rendered,
      ),
    (l) => `${plural(l.links, "body link")}, ${l.warnings.length} broken`,
  );
  warnings.push(...linked.warnings);
  // The model is made before the links can be placed, since the pages they may reach are its own;
  // the bodies are the one part of it that depends on them.
  const linkedBodies = new Map(linked.articles.map((r) => [r.file, r.body]));
  for (const a of archive.articles) a.body = linkedBodies.get(a.file) ?? a.body;
  const addresses = publishedBy(paths.lasting, planned.redirects);
  const before = await readPublished(root);
  warnings.push(...droppedUrls(parsePublished(before), addresses));
  const draftsLeftOut = loaded.articles.filter((a) => !inSite(a)).length;
  return { archive, warnings, images: pictured.outputs, bundleFiles: bundleFiles.published, redirects: planned.redirects, addresses, published: before, draftsLeftOut };
}

/**
 * The pictures found and checked as a build does, none encoded and nothing written. The archive
 * is still modelled, for the addresses and redirects it checks, with the bodies as rendered and
 * no lead pictures: no page of it is ever written.
 */
async function lookAtPictures<A extends PicturedArticle & { body: Body }>(root: string, publicDir: string, articles: readonly A[]): Promise<Illustrated<A>> {
  const report = await illustrate(root, publicDir, articles, { encode: false });
  return { ...report, articles: articles.map((a) => ({ ...a, image: null })), outputs: new Map(), encoded: 0 };
}

/** The records of the articles that were not refused, with the front-matter that passed. */
function acceptedOnly<R extends { file: string; meta: object }>(records: readonly R[], accepted: ReadonlySet<string>): (R & { meta: ArticleMeta })[] {
  return records.filter((r): r is R & { meta: ArticleMeta } => accepted.has(r.file));
}

function renderSummary(r: RenderedAll<unknown>): string {
  const fresh = r.rendered === 0 ? "all from cache" : `${r.rendered} rendered${r.threads > 1 ? ` on ${r.threads} threads` : ""}`;
  return `${plural(r.outcomes.length, "article")} (${fresh})`;
}
