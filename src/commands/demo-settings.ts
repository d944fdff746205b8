// A project folder with only articles/ builds with the package's own settings, which are the demo
// archive's: its title and https://example.org end up in every page's <title>, canonical link and
// feed. That is a good first build and a bad site to publish, so build, serve and check say so
// once. A note, not a warning: nothing in the articles is wrong, and --strict has nothing to refuse.
import { PACKAGE_ROOT, SITE_FILE, siteFolder } from "../project.ts";
import { loadSiteConfig, type SiteOverrides } from "../site-config.ts";

/** The note, or null when the project has a site.json of its own. */
export async function demoSettingsNote(root: string, overrides: SiteOverrides = {}): Promise<string | null> {
  if ((await siteFolder(root)) !== PACKAGE_ROOT) return null;
  const site = await loadSiteConfig(PACKAGE_ROOT, overrides);
  const urlGiven = (overrides.url ?? process.env.NEWS_ARCHIVE_SITE_URL) !== undefined;
  const taken = urlGiven ? `title "${site.title}"` : `title "${site.title}" and address ${site.url}`;
  return (
    `note: this project has no ${SITE_FILE}, so the site takes the demo's ${taken} (the package's own settings)\n` +
    `    fix: create ${SITE_FILE} with your own, e.g. { "title": "My archive", "url": "https://archive.example.org" } (README: Settings)`
  );
}
