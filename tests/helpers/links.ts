// Follows every link in a built site the way a browser would, against the files a static host serves.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { decodeEntities, fileFor, idsIn, linksIn, listFiles } from "./site.ts";

export interface LinkReport {
  /** Internal links followed (including #fragments on the same page), counted once per file. */
  checked: number;
  /** "page → link: why", one per link that does not lead to a built file or id. */
  broken: string[];
}

/** The site path a built file is served at: "tags/x/index.html" → "/tags/x/". */
export function pathOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
}

/** Files whose addresses are followed: pages, feeds, the sitemap, robots.txt (not Pagefind's own index). */
const FOLLOWED = /^(?!pagefind)[^]*\.(html|xml|json|txt)$/;

/** Every absolute address on the site's own origin in a text (canonical, og:url, JSON-LD, feeds, sitemap). */
function siteAddressesIn(text: string, origin: string): string[] {
  const pattern = new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?=[/\\s"'<>]|$)(?:/[^\\s"'<>\\\\]*)?`, "g");
  return [...decodeEntities(text).matchAll(pattern)].map((m) => m[0]);
}

/**
 * Checks every href and src in every .html under `out`, and every address on the site's own
 * origin in every page, feed, sitemap and robots.txt. The site is deployed at `siteUrl` under
 * `prefix`, so a link must stay under the prefix and, with it stripped, name a built file (and
 * its #fragment an id in that file).
 */
export async function checkLinks(out: string, { prefix, siteUrl }: { prefix: string; siteUrl: string }): Promise<LinkReport> {
  const files = await listFiles(out);
  const pages = files.filter((f) => FOLLOWED.test(f));
  const built = new Set(files);
  const idCache = new Map<string, Set<string>>();
  const ids = async (file: string) => {
    let found = idCache.get(file);
    if (found === undefined) {
      found = idsIn(await readFile(path.join(out, file), "utf8"));
      idCache.set(file, found);
    }
    return found;
  };
  const origin = new URL(siteUrl).origin;
  const report: LinkReport = { checked: 0, broken: [] };

  for (const page of pages) {
    const base = new URL(prefix.replace(/\/$/, "") + pathOf(page), origin);
    const text = await readFile(path.join(out, page), "utf8");
    for (const link of new Set([...(page.endsWith(".html") ? linksIn(text) : []), ...siteAddressesIn(text, origin)])) {
      // An absolute address whose host no browser can parse (digital.gov's `http://oasis%5C_host/…`) is off the site.
      const target = URL.canParse(link, base) ? new URL(link, base) : null;
      if (target === null) continue;
      if (target.protocol === "mailto:" || target.origin !== origin) continue;
      report.checked += 1;
      const broken = (why: string) => report.broken.push(`${pathOf(page)} → ${link}: ${why}`);
      if (!target.pathname.startsWith(prefix)) {
        broken(`outside the path prefix ${prefix}`);
        continue;
      }
      const file = fileFor(target.pathname.slice(prefix.length - 1));
      if (!built.has(file)) {
        broken(`no file ${file}`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment !== "" && !(await ids(file)).has(fragment)) broken(`no id="${fragment}" in ${file}`);
    }
  }
  return report;
}
