// What machines read in a page's head: OpenGraph tags and schema.org JSON-LD (NewsArticle for an
// article, WebSite for the home page, CollectionPage or SearchResultsPage elsewhere).
import { isoDate } from "../content/dates.ts";
import { html, trusted, type SafeHtml } from "../util/html.ts";
import type { Article } from "../content/model.ts";
import { sharedImage } from "../content/images/picture.ts";
import type { SiteConfig } from "../site-config.ts";
import { absoluteUrl } from "../content/urls.ts";

export interface PageFacts {
  title: string;
  description: string;
  path: string;
  lang?: string;
  /** False for pages with no address of their own (the 404 page): no og:url, no JSON-LD. */
  canonical?: boolean;
  article?: Article;
  /** The schema.org type of a page that is neither an article nor the home page. */
  webPageType?: "CollectionPage" | "SearchResultsPage";
}

type JsonLd = Record<string, unknown>;

/** OpenGraph tags and the JSON-LD script for a page's head. */
export function pageMetadata(site: SiteConfig, page: PageFacts): SafeHtml {
  const data = structuredData(site, page);
  return data === null ? openGraph(site, page) : html`${openGraph(site, page)}\n${jsonLdScript(data)}`;
}

export function structuredData(site: SiteConfig, page: PageFacts): JsonLd | null {
  if (page.canonical === false) return null;
  if (page.article !== undefined) return newsArticle(site, page.article);
  if (page.path === "/") return webSite(site);
  return {
    "@context": "https://schema.org",
    "@type": page.webPageType ?? "CollectionPage",
    name: page.title,
    ...(page.description === "" ? {} : { description: page.description }),
    url: absoluteUrl(site, page.path),
    inLanguage: page.lang ?? site.lang,
    isPartOf: websiteRef(site),
  };
}

export function newsArticle(site: SiteConfig, a: Article): JsonLd {
  const url = absoluteUrl(site, a.path);
  const isSource = (name: string) => a.source !== null && name.toLowerCase() === a.source.toLowerCase();
  const modified = a.updated ?? a.date;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    url,
    mainEntityOfPage: url,
    // As precise as the source: "2019", "2019-10", "2023-10-30T20:08" are all ISO 8601.
    ...(a.date === null ? {} : { datePublished: isoDate(a.date) }),
    ...(modified === null ? {} : { dateModified: isoDate(modified) }),
    ...(a.authorRefs.length === 0
      ? {}
      : { author: a.authorRefs.map((r) => ({ "@type": isSource(r.name) ? "Organization" : "Person", name: r.name, url: absoluteUrl(site, r.path) })) }),
    ...(a.sourceRef === null ? {} : { publisher: { "@type": "Organization", name: a.sourceRef.name, url: absoluteUrl(site, a.sourceRef.path) } }),
    ...(a.image === null ? {} : { image: imageObject(site, a) }),
    ...(a.url === null ? {} : { isBasedOn: a.url }),
    inLanguage: a.lang,
    ...(a.tags.length === 0 ? {} : { keywords: a.tags.map((t) => t.name) }),
    ...(a.summary === "" ? {} : { description: a.summary }),
    wordCount: a.wordCount,
    isPartOf: websiteRef(site),
  };
}

export function webSite(site: SiteConfig): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.title,
    ...(site.description === "" ? {} : { description: site.description }),
    url: absoluteUrl(site, "/"),
    inLanguage: site.lang,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(site, "/search/")}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/**
 * The JSON-LD in a script element. `<`, `>` and `&` are written as \u escapes (which JSON reads
 * back unchanged), so no value can close the script or open a comment; U+2028/9 likewise, for
 * old JavaScript parsers.
 */
export function jsonLdScript(data: JsonLd): SafeHtml {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  // Script content is not entity-decoded, so the JSON goes in as is: with no `<` left in it, it is inert.
  return html`<script type="application/ld+json">${trusted(json)}</script>`;
}

function openGraph(site: SiteConfig, page: PageFacts): SafeHtml {
  const a = page.article;
  const property = (name: string, content: string) => html`<meta property="${name}" content="${content}">`;
  const tags = [
    property("og:site_name", site.title),
    property("og:title", page.title),
    property("og:type", a === undefined ? "website" : "article"),
    ...(page.description === "" ? [] : [property("og:description", page.description)]),
    ...(page.canonical === false ? [] : [property("og:url", absoluteUrl(site, page.path))]),
    ...(a === undefined || a.image === null ? [] : openGraphImage(site, a.image, property)),
    ...(a === undefined
      ? []
      : [
          ...(a.date === null ? [] : [property("article:published_time", isoDate(a.date))]),
          ...(a.updated === null ? [] : [property("article:modified_time", isoDate(a.updated))]),
          ...a.tags.map((t) => property("article:tag", t.name)),
        ]),
  ];
  return html`${tags.map((t, i) => (i === 0 ? t : html`\n${t}`))}`;
}

/** The lead picture's widest JPEG or PNG: link previews do not all read AVIF or WebP. */
function openGraphImage(site: SiteConfig, image: NonNullable<Article["image"]>, property: (name: string, content: string) => SafeHtml): SafeHtml[] {
  const shared = sharedImage(image.file);
  if ("url" in shared) return [property("og:image", shared.url), property("og:image:alt", image.alt)];
  return [
    property("og:image", absoluteUrl(site, shared.path)),
    property("og:image:type", shared.type),
    property("og:image:width", String(shared.width)),
    property("og:image:height", String(shared.height)),
    property("og:image:alt", image.alt),
  ];
}

/** The lead picture's widest JPEG or PNG, which every consumer of JSON-LD can read. */
function imageObject(site: SiteConfig, a: Article): JsonLd | string {
  const image = a.image!;
  const shared = sharedImage(image.file);
  if ("url" in shared) return shared.url;
  return {
    "@type": "ImageObject",
    url: absoluteUrl(site, shared.path),
    width: shared.width,
    height: shared.height,
    ...(image.caption === null ? {} : { caption: image.caption }),
    ...(image.credit === null ? {} : { creditText: image.credit }),
  };
}

function websiteRef(site: SiteConfig): JsonLd {
  return { "@type": "WebSite", name: site.title, url: absoluteUrl(site, "/") };
}
