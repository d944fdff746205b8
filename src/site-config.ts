// The site's settings: templates/_data/site.json, with deploy-time overrides from flags or the
// environment (a CI deploy sets the URL and path prefix without editing a file).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SITE_FILE } from "./project.ts";
import { parseFormerUrls, type FormerPattern } from "./site/former-patterns.ts";

export interface SiteConfig {
  title: string;
  description: string;
  /** Where the site is deployed, "https://example.org"; its path comes from pathPrefix. */
  url: string;
  lang: string;
  timeZone: string;
  pageSize: number;
  /** "/" or "/project/": what every link starts with. */
  pathPrefix: string;
  /**
   * The tagging entity of feed entry ids (RFC 4151 tag URIs), "example.org,2024": a name the
   * archive's owner held on that date. Not a URL, so ids survive a move to another host.
   */
  feedId: string;
  /** How many of the newest articles the site feeds carry. */
  feedSize: number;
  /**
   * The URL scheme the archive had under its former generator (`formerUrls`): every article's
   * address under it redirects to its page here. Empty when the archive had none to keep.
   */
  formerUrls: FormerPattern[];
  /**
   * Where the old site still is (`formerSite`, "https://jekyllrb.com"), or null. A body link to a
   * page of it that this archive does not hold (its docs, its about page) leads there instead of
   * nowhere: an archive usually brings only the posts of a site that had more.
   */
  formerSite: string | null;
}

export interface SiteOverrides {
  pathPrefix?: string | undefined;
  url?: string | undefined;
}

export async function loadSiteConfig(root: string, overrides: SiteOverrides = {}): Promise<SiteConfig> {
  const file = path.join(root, SITE_FILE);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${SITE_FILE}: cannot be read as JSON (${(error as Error).message})`);
  }
  return resolveSiteConfig(raw, {
    pathPrefix: overrides.pathPrefix ?? process.env.NEWS_ARCHIVE_PATH_PREFIX,
    url: overrides.url ?? process.env.NEWS_ARCHIVE_SITE_URL,
  });
}

export function resolveSiteConfig(raw: Record<string, unknown>, overrides: SiteOverrides): SiteConfig {
  const errors: string[] = [];
  const str = (key: string, fallback?: string): string => {
    const v = raw[key] ?? fallback;
    if (typeof v !== "string" || v.trim() === "") {
      errors.push(`${key} must be a non-empty string`);
      return "";
    }
    return v.trim();
  };
  const title = str("title");
  const description = typeof raw.description === "string" ? raw.description.trim() : "";
  const url = (overrides.url ?? str("url")).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(url)) errors.push(`url "${url}" must be an absolute http(s) address`);
  const lang = str("lang", "en");
  const timeZone = str("timeZone", "UTC");
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    errors.push(`timeZone "${timeZone}" is not an IANA time zone such as "UTC" or "Asia/Beirut"`);
  }
  const pageSize = raw.pageSize ?? 20;
  if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1) {
    errors.push("pageSize must be a whole number of at least 1");
  }
  const prefix = overrides.pathPrefix ?? (typeof raw.pathPrefix === "string" ? raw.pathPrefix : "/");
  const pathPrefix = `/${prefix.split("/").filter(Boolean).join("/")}/`.replace(/^\/\/$/, "/");
  if (pathPrefix.split("/").some((part) => part === ".." || part === ".")) errors.push(`pathPrefix "${prefix}" may not contain . or ..`);
  // The default comes from the url written in site.json, never from a deploy override, so a
  // preview deploy publishes the same entry ids as the real one.
  const feedId = str("feedId", `${hostOf(raw.url)},${DEFAULT_FEED_ID_YEAR}`);
  if (!FEED_ID.test(feedId)) errors.push(`feedId "${feedId}" must be a domain or email and a date, e.g. "example.org,2024"`);
  const feedSize = raw.feedSize ?? 20;
  if (typeof feedSize !== "number" || !Number.isInteger(feedSize) || feedSize < 1) {
    errors.push("feedSize must be a whole number of at least 1");
  }
  const formerSite = raw.formerSite === undefined || raw.formerSite === null ? null : String(raw.formerSite).trim().replace(/\/+$/, "");
  if (formerSite !== null && !/^https?:\/\/[^/?#]+$/.test(formerSite)) errors.push(`formerSite "${formerSite}" must be the old site's address, e.g. "https://blog.example.org", with no path`);
  const former = parseFormerUrls(raw.formerUrls);
  if (!former.ok) errors.push(...former.messages);
  if (errors.length > 0) throw new Error(`${SITE_FILE}: ${errors.join("; ")}`);
  const formerUrls = former.ok ? former.patterns : [];
  return { title, description, url, lang, timeZone, pageSize: pageSize as number, pathPrefix, feedId, feedSize: feedSize as number, formerUrls, formerSite };
}

/** RFC 4151's taggingEntity: a DNS name or email address, a comma, and YYYY, YYYY-MM or YYYY-MM-DD. */
const FEED_ID = /^(?:[A-Za-z0-9.-]+@)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*,\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
/** Any fixed year will do for the default: what matters is that it never changes. */
const DEFAULT_FEED_ID_YEAR = 2024;

function hostOf(url: unknown): string {
  try {
    return new URL(String(url)).hostname || "localhost";
  } catch {
    return "localhost";
  }
}
