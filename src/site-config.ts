// The site's settings: templates/_data/site.json, with deploy-time overrides from flags or the
// environment (a CI deploy sets the URL and path prefix without editing a file).
import { readFile } from "node:fs/promises";
import path from "node:path";

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
}

export interface SiteOverrides {
  pathPrefix?: string | undefined;
  url?: string | undefined;
}

export const SITE_FILE = "templates/_data/site.json";

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
  const description = str("description", "");
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
  if (errors.length > 0) throw new Error(`${SITE_FILE}: ${errors.join("; ")}`);
  return { title, description, url, lang, timeZone, pageSize: pageSize as number, pathPrefix };
}
