// Where a picture named in an article may come from. Pure and cheap, so `check` and the schema can
// use it without loading the image library: the files themselves are read by illustrate.ts.
//
// A local picture is either a path relative to the article (looked for beside it, then under
// public/) or a site path, `/x/y.png` as other generators write them, looked for under public/ only
// (Hugo's static/ folder is served at the site's root, so `/static/x.png` is also looked for as
// public/x.png). A path never leads out of the folder it is looked for in: a `..` that would climb
// out of the article's folder, or a Windows path, is not read at all (it could name any file on the
// machine, to be published), and the page is built without that picture. A remote picture is an
// http(s):// address; the build has no network, so it is linked, not processed.
import path from "node:path";

export type ImageSrc =
  /** `path` is normalised, relative to the article's folder or to the site's root; it may start with `../` (see imagePlaces). */
  | { kind: "local"; path: string; from: "article" | "site" }
  | { kind: "remote"; url: string; secure: boolean }
  /** A path of this machine rather than of the site: never read. */
  | { kind: "outside"; message: string; fix: string }
  /** Not an address of a picture at all. */
  | { kind: "invalid"; message: string; fix: string };

/** A place a local picture may be: a path relative to the article's folder or to public/. */
export interface ImagePlace {
  base: "article" | "public";
  path: string;
  /** The file as the user knows it, project-relative: "articles/pictures/map.png", "public/img/x.png". */
  shown: string;
}

const PLACE_FIX = "put the picture beside the article (or in a folder under it) or under public/, and write its path from there, e.g. photo.jpg";

/**
 * Jekyll's `{{ site.baseurl }}` and `{{ site.url }}` before a path: the path is site-absolute once
 * they are gone (the build adds its own path prefix to every URL).
 */
const SITE_URL_TAG = /^\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}/;

export function classifyImageSrc(written: string): ImageSrc {
  let src = written.trim();
  if (SITE_URL_TAG.test(src)) {
    while (SITE_URL_TAG.test(src)) src = src.replace(SITE_URL_TAG, "").trimStart();
    if (!src.startsWith("/")) src = `/${src}`;
  }
  if (src === "") return { kind: "invalid", message: "the picture's path is empty", fix: PLACE_FIX };
  if (src.startsWith("//")) return remote(`https:${src}`, true);
  if (/^[a-z]:[\\/]/i.test(src) || src.startsWith("\\")) {
    return { kind: "outside", message: `"${src}" is a path of this computer, not of the site, so it is not read`, fix: PLACE_FIX };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
  if (scheme === "https" || scheme === "http") return remote(src, scheme === "https");
  if (scheme !== undefined) {
    return { kind: "invalid", message: `"${src}" is a ${scheme}: address, not a picture file`, fix: `${PLACE_FIX}; or link an https:// address` };
  }
  // A path in a page is a URL path: `?v=2` and `#x` are not part of the file's name, `%20` is a
  // space, and a browser reads `\` as `/`.
  const file = decodePath(src.replace(/[?#].*$/s, "")).replace(/\\/g, "/");
  if (file.includes("\0")) return { kind: "invalid", message: `"${src}" is not a plain path`, fix: "write the picture's path, e.g. pictures/photo.jpg" };
  if (file.startsWith("/")) {
    // A browser resolves `/../x` to `/x`, and so does this: a site path cannot climb out of public/.
    const normal = path.posix.normalize(file).replace(/^\/+/, "");
    if (normal === "" || normal.endsWith("/")) return { kind: "invalid", message: `"${src}" names a folder, not a picture`, fix: PLACE_FIX };
    return { kind: "local", path: normal, from: "site" };
  }
  const normal = path.posix.normalize(file).replace(/^(\.\/)+/, "");
  if (normal === "." || normal === ".." || normal.endsWith("/") || normal.endsWith("/..")) {
    return { kind: "invalid", message: `"${src}" names a folder, not a picture`, fix: PLACE_FIX };
  }
  return { kind: "local", path: normal, from: "article" };
}

/**
 * Where to look for a local picture, in order; none when its path climbs out of the article's
 * folder. `article` is the article's project-relative file.
 */
export function imagePlaces(src: ImageSrc & { kind: "local" }, article: string): ImagePlace[] {
  const underPublic = (p: string): ImagePlace => ({ base: "public", path: p, shown: `public/${p}` });
  const beside = (p: string): ImagePlace => ({ base: "article", path: p, shown: path.posix.join(path.posix.dirname(article), p) });
  if (src.from === "site") {
    const staticPath = /^static\/(.+)$/.exec(src.path)?.[1];
    return staticPath === undefined ? [underPublic(src.path)] : [underPublic(src.path), underPublic(staticPath)];
  }
  if (!src.path.startsWith("../")) return [beside(src.path), underPublic(src.path)];
  // Hugo and Jekyll serve `posts/a-post.md` as the folder /posts/a-post/, and its writers wrote
  // `../photo.jpg` for the photo beside the file. An index.md is its folder's page already.
  const sibling = src.path.slice(3);
  return LEAF_PAGE.test(path.posix.basename(article)) && !sibling.startsWith("../") ? [beside(sibling)] : [];
}

/** A page of its own name, not its folder's index (`index.md`, Hugo's `_index.md`). */
const LEAF_PAGE = /^(?!_?index\.[^.]+$)/i;

/** `%5B` → `[`; a `%` that starts no escape is kept, as a file may be named "100%.png". */
function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function remote(url: string, secure: boolean): ImageSrc {
  try {
    return { kind: "remote", url: new URL(url).href, secure };
  } catch {
    return { kind: "invalid", message: `"${url}" is not a web address`, fix: "give the picture's full https:// address" };
  }
}
