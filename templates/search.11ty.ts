// The search page. Without JavaScript it says so and points to the tag and date indexes; with it,
// public/search.js shows the form (its filters are written here, from the model) and the results.
import { html } from "../src/util/html.ts";
import type { Archive } from "../src/content/model.ts";
import { shardPaths } from "../src/search/records.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";

export const data = { permalink: "/search/" };

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  const { site } = archive;
  const content = archive.articles.length === 0 ? html`<h1>Search</h1>
<p class="lede">There are no articles to search yet.</p>` : html`<h1>Search</h1>
<p class="search-nojs" data-search-nojs>Searching the archive needs JavaScript, which is off or did not load in this browser. Every article can still be found by <a href="${link("/tags/")}">tag</a> or by <a href="${link("/archive/")}">year and month</a>.</p>
<form class="search-form" role="search" action="${link("/search/")}" method="get" data-search data-base="${link("/")}" data-bundles="${shardPaths(archive).map((p) => link(p)).join(" ")}" hidden>
<div class="search-field search-query">
<label for="search-q">Words to find</label>
<input type="search" id="search-q" name="q" autocomplete="off" spellcheck="false">
</div>
<div class="search-field">
<label for="search-tag">Tag</label>
<select id="search-tag" name="tag">
<option value="">Any tag</option>
${archive.tags.map((t) => html`<option value="${t.name}">${t.name} (${t.count})</option>`)}
</select>
</div>
<div class="search-field">
<label for="search-year">Year</label>
<select id="search-year" name="year">
<option value="">Any year</option>
${archive.years.map((y) => html`<option value="${y.year}">${y.year} (${y.count})</option>`)}
</select>
</div>
<button type="submit">Search</button>
</form>
<p class="search-status" role="status" data-search-status></p>
<ol class="article-list search-results" data-search-results></ol>
<p data-search-more hidden><button type="button">Show more results</button></p>
<script type="module" src="${link("/search.js")}"></script>`;
  return layout(site, link,
    { title: "Search", description: `Search every article in ${site.title}, by words, tag and year.`, path: "/search/", webPageType: "SearchResultsPage" },
    content,
  );
}
