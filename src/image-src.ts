// Where a picture named in an article may come from. Pure and cheap, so `check` and the schema can
// use it without loading the image library: the files themselves are read by images.ts.
//
// A local picture is a path relative to the article's folder (or to public/) that stays inside it:
// an absolute path or a `..` that climbs out could make the build read any file on the machine and
// publish it. A remote picture is an https:// address; the build has no network, so it is linked,
// not processed.
import path from "node:path";

export type ImageSrc =
  | { kind: "local"; path: string }
  | { kind: "remote"; url: string; secure: boolean }
  | { kind: "invalid"; message: string; fix: string };

const PLACE_FIX = "put the picture beside the article (or in a folder under it) or under public/, and write its path from there, e.g. photo.jpg";

export function classifyImageSrc(written: string): ImageSrc {
  const src = written.trim();
  if (src === "") return { kind: "invalid", message: "the picture's path is empty", fix: PLACE_FIX };
  if (/^[a-z]:[\\/]/i.test(src) || src.startsWith("/") || src.startsWith("\\")) {
    if (src.startsWith("//")) return remote(`https:${src}`, true);
    return { kind: "invalid", message: `"${src}" is an absolute path, and the build only reads pictures inside the project`, fix: PLACE_FIX };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
  if (scheme === "https" || scheme === "http") return remote(src, scheme === "https");
  if (scheme !== undefined) {
    return { kind: "invalid", message: `"${src}" is a ${scheme}: address, not a picture file`, fix: `${PLACE_FIX}; or link an https:// address` };
  }
  if (src.includes("\\") || src.includes("\0")) {
    return { kind: "invalid", message: `"${src}" is not a plain path`, fix: "separate folders with /, e.g. pictures/photo.jpg" };
  }
  const normal = path.posix.normalize(src).replace(/^(\.\/)+/, "");
  if (normal === ".." || normal.startsWith("../")) {
    return { kind: "invalid", message: `"${src}" leaves the article's folder`, fix: PLACE_FIX };
  }
  if (normal === "." || normal.endsWith("/")) return { kind: "invalid", message: `"${src}" names a folder, not a picture`, fix: PLACE_FIX };
  return { kind: "local", path: normal };
}

function remote(url: string, secure: boolean): ImageSrc {
  try {
    return { kind: "remote", url: new URL(url).href, secure };
  } catch {
    return { kind: "invalid", message: `"${url}" is not a web address`, fix: "give the picture's full https:// address" };
  }
}
