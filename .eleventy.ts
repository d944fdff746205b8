// Eleventy's configuration. Eleventy only lays out pages: the archive model arrives ready-made as
// global data, and Eleventy never reads articles/ itself (so no Liquid or front-matter of its own
// ever runs on article text).
import type { Archive } from "./src/content/model.ts";
import type { PageReuse } from "./src/site/page-plan.ts";
import type { PublicFiles } from "./src/site/public-files.ts";
import { linkTo } from "./src/content/urls.ts";

export interface EleventyInputs {
  archive: Archive;
  /** What is copied as is to the site root (CSS, favicon, the project's pictures). */
  publicDir: PublicFiles;
  /** Which paginated pages are unchanged since the last build and need no rendering. */
  pageReuse: PageReuse;
}

// Eleventy 3 ships no TypeScript types; this is the part of its config API used here.
interface EleventyConfig {
  addExtension(extensions: string[], options: { key: string }): void;
  setTemplateFormats(formats: string[]): void;
  setFrontMatterParsingOptions(options: object): void;
  addGlobalData(name: string, value: unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setQuietMode(quiet: boolean): void;
}

const refuse = () => {
  throw new Error("front-matter that runs code is not allowed");
};

export default function configure(eleventyConfig: EleventyConfig, { archive, publicDir, pageReuse }: EleventyInputs): void {
  // Templates are TypeScript render functions (DESIGN.md), loaded through tsx.
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.setTemplateFormats(["11ty.ts"]);
  // Defence in depth: if someone adds a template with front-matter, it still cannot run code.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { js: refuse, javascript: refuse } });
  eleventyConfig.addGlobalData("archive", archive);
  // What every template links to the site with: the path prefix is added there and only there.
  // (Eleventy calls a function given as data for the value: this one returns the link.)
  const link = linkTo(archive.site.pathPrefix);
  eleventyConfig.addGlobalData("link", () => link);
  eleventyConfig.addGlobalData("pageReuse", pageReuse);
  eleventyConfig.addPassthroughCopy({ [publicDir.dir]: "/", ...publicDir.fallbacks });
  eleventyConfig.setQuietMode(true);
}
