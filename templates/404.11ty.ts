import { html } from "../src/util/html.ts";
import type { Archive } from "../src/content/model.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList } from "./_lib/parts.ts";

export const data = { permalink: "/404.html" };

/** Enough of the newest articles to show where the archive stands, few enough to keep the page short. */
export const LATEST_ON_404 = 5;

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  const latest = archive.articles.slice(0, LATEST_ON_404);
  // The search page reads ?q= (public/search.js); without JavaScript it points to the tag and date indexes.
  const content = html`<h1>Page not found</h1>
<p class="lede">There is no page at this address. It may have moved, or the link may be mistyped.</p>
${latest.length === 0 ? "" : html`<form class="search-form not-found-search" role="search" action="${link("/search/")}" method="get">
<div class="search-field search-query">
<label for="not-found-q">Search the archive</label>
<input type="search" id="not-found-q" name="q">
</div>
<button type="submit">Search</button>
</form>`}
<ul>
<li><a href="${link("/")}">Latest articles</a></li>
<li><a href="${link("/archive/")}">Every article by year and month</a></li>
<li><a href="${link("/tags/")}">Every tag</a></li>
</ul>
${latest.length === 0 ? "" : html`<h2>The newest articles</h2>
${articleList(link, latest, archive.site.lang, "h3")}`}`;
  return layout(archive.site, link, { title: "Page not found", description: "There is no page at this address.", path: "/404.html", canonical: false }, content);
}
