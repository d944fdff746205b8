import { html } from "../src/util/html.ts";
import type { Archive, Group } from "../src/content/model.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList } from "./_lib/parts.ts";

export const data = { permalink: "/" };

/** Sources and authors shown on the home page, the most frequent first; the rest are on their index pages. */
const BROWSE_TOP = 10;

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  const { site } = archive;
  const latest = archive.articles.slice(0, site.pageSize);
  const chips = (groups: readonly Group[]) =>
    html`<ul class="tag-cloud">${groups.map((g) => html`<li><a href="${link(g.path)}">${g.name} <span class="count">${g.count}<span class="visually-hidden"> ${g.count === 1 ? "article" : "articles"}</span></span></a></li>`)}</ul>`;
  const topGroups = (title: string, groups: readonly Group[], indexPath: string) =>
    groups.length === 0
      ? ""
      : html`<h2>${title}</h2>
${chips([...groups].sort((a, b) => b.count - a.count).slice(0, BROWSE_TOP))}
<p class="browse-all"><a href="${link(indexPath)}">All ${groups.length} ${title.toLowerCase()}</a></p>`;
  const content = html`<h1>${site.title}</h1>
<p class="lede">${site.description}</p>
<div class="home">
<section aria-labelledby="latest">
<h2 id="latest">Latest articles</h2>
${latest.length === 0 ? html`<p>No articles yet.</p>` : articleList(link, latest, site.lang, "h3")}
${archive.articles.length > latest.length ? html`<p><a href="${link("/archive/")}">All ${archive.articles.length} articles by date</a></p>` : ""}
</section>
<aside aria-label="Browse">
<h2>Tags</h2>
${chips(archive.tags)}
${topGroups("Sources", archive.sources, "/sources/")}
${topGroups("Authors", archive.authors, "/authors/")}
<h2>Years</h2>
<ul class="year-list">${archive.years.map((y) => html`<li><a href="${link(y.path)}">${y.year} <span class="count">${y.count}<span class="visually-hidden"> articles</span></span></a></li>`)}</ul>
</aside>
</div>`;
  return layout(site, link, { title: site.title, description: site.description, path: "/" }, content);
}
