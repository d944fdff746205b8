// A page bundle's files that its article links to without showing them (the Rust blog's survey
// posts link each chart's .svg, "the questions in this text file" links application.txt) are
// published beside the article's page, as Hugo and Zola publish a bundle's files, so the links
// written for the old site work. Only the files a link points at: the pictures a bundle shows are
// published already (content/images/illustrate.ts, as encoded variants), and the rest of its
// folder (a chart's script, its sources) was never reachable from the page. Only inert kinds: a
// reader who opens the file gets a document of the site's origin, so no HTML, and no drawing that
// runs or fetches anything (content/images/svg.ts).
// Nothing outside the article's own folder is read.
import { lstat, mkdir, readFile, realpath, copyFile, constants } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_EXTENSION, isBundleIndex } from "../content/article-files.ts";
import type { BodyLink } from "./links.ts";
import { mapLimit } from "../util/map-limit.ts";
import { splitFragment } from "./old-urls.ts";
import { svgHazard } from "../content/images/svg.ts";

/** What a browser opens as a file, not a page, and cannot run. */
const PUBLISHED = /\.(?:txt|pdf|png|jpe?g|gif|webp|avif|svg)$/i;
const PARALLEL = 16;

export interface BundledArticle {
  /** Project-relative: "articles/a-post/index.md". */
  file: string;
  /** Its page: "/articles/a-post/". */
  path: string;
  links: readonly BodyLink[];
}

export interface BundleFiles {
  /** Site path ("/articles/a-post/chart.svg") → the file, project-relative ("articles/a-post/chart.svg"). */
  published: Map<string, string>;
  /** Site path → why a linked file of the bundle is not published ("it is an HTML page"), for the link's warning. */
  refused: Map<string, string>;
}

type Outcome = { file: string } | { refused: string } | null;

/** The files its articles link to in their bundles; `taken` holds the site's other paths, which need no file. */
export async function linkedBundleFiles(root: string, articles: readonly BundledArticle[], taken: ReadonlySet<string>): Promise<BundleFiles> {
  const wanted = new Map<string, { folder: string; relative: string }>();
  for (const article of articles) {
    if (!isBundleIndex(article.file)) continue;
    const folder = path.posix.dirname(article.file);
    for (const link of article.links) {
      const relative = link.target.kind === "href" ? bundlePath(link.target.href) : null;
      if (relative === null) continue;
      const sitePath = `${article.path}${relative}`;
      if (!taken.has(sitePath)) wanted.set(sitePath, { folder, relative });
    }
  }
  const outcomes = await mapLimit([...wanted], PARALLEL, async ([sitePath, { folder, relative }]) => [sitePath, await publishable(root, folder, relative)] as const);
  const files: BundleFiles = { published: new Map(), refused: new Map() };
  for (const [sitePath, outcome] of outcomes) {
    if (outcome !== null && "file" in outcome) files.published.set(sitePath, outcome.file);
    if (outcome !== null && "refused" in outcome) files.refused.set(sitePath, outcome.refused);
  }
  return files;
}

/** The link's path within the article's folder ("chart.svg", "./charts/a.png"), or null when it leads out of it or to an article. */
function bundlePath(href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(href)) return null;
  const pathPart = splitFragment(href)[0].split("?")[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return null;
  }
  const relative = path.posix.normalize(decoded);
  if (relative.startsWith("../") || relative === ".." || relative === "." || relative.startsWith("/") || relative.includes("\\") || ARTICLE_EXTENSION.test(relative)) return null;
  return relative;
}

/** The file, when it is one inside the folder (no link out of it) and safe to open; why not, when it is there but is not. */
async function publishable(root: string, folder: string, relative: string): Promise<Outcome> {
  const full = path.join(root, ...folder.split("/"), ...relative.split("/"));
  const stat = await lstat(full).catch(() => null);
  if (stat === null || stat.isDirectory()) return null;
  if (!stat.isFile()) return { refused: "it is a link to another file" };
  // A folder inside the bundle may itself be a link out of it.
  const [real, bundle] = await Promise.all([realpath(full).catch(() => null), realpath(path.join(root, ...folder.split("/"))).catch(() => null)]);
  if (real === null || bundle === null || !real.startsWith(bundle + path.sep)) return { refused: "it is in a folder that links out of the article's folder" };
  if (!PUBLISHED.test(relative)) return { refused: "only text, PDF and pictures are published beside an article, not what a browser would run as a page of this site" };
  if (/\.svg$/i.test(relative)) {
    const hazard = svgHazard(await readFile(real, "utf8"));
    if (hazard !== null) return { refused: `it is an SVG drawing the site cannot publish: ${hazard}` };
  }
  return { file: `${folder}/${relative}` };
}

/** Copies the files into the site being built, beside their articles' pages. */
export async function writeBundleFiles(siteDir: string, root: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mapLimit([...files], PARALLEL, async ([sitePath, file]) => {
    const target = path.join(siteDir, ...sitePath.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(root, ...file.split("/")), target, constants.COPYFILE_FICLONE);
  });
}
