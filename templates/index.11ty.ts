import { html } from "../src/html.ts";
import type { Archive } from "../src/model.ts";
import { href } from "../src/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList } from "./_lib/parts.ts";

export const data = { permalink: "/" };

export function render({ archive }: { archive: Archive }): string {
  const { site } = archive;
  const link = (p: string) => href(site.pathPrefix, p);
  const latest = archive.articles.slice(0, site.pageSize);
  const content = html`<h1>${site.title}</h1>
<p class="lede">${site.description}</p>
<div class="home">
<section aria-labelledby="latest">
<h2 id="latest">Latest articles</h2>
${latest.length === 0 ? html`<p>No articles yet.</p>` : articleList(site.pathPrefix, latest, site.lang, "h3")}
${archive.articles.length > latest.length ? html`<p><a href="${link("/archive/")}">All ${archive.articles.length} articles by date</a></p>` : ""}
</section>
<aside aria-label="Browse">
<h2>Tags</h2>
<ul class="tag-cloud" role="list">${archive.tags.map((t) => html`<li><a href="${link(t.path)}">${t.name} <span class="count">${t.count}<span class="visually-hidden"> articles</span></span></a></li>`)}</ul>
<h2>Years</h2>
<ul class="year-list" role="list">${archive.years.map((y) => html`<li><a href="${link(y.path)}">${y.year} <span class="count">${y.count}<span class="visually-hidden"> articles</span></span></a></li>`)}</ul>
</aside>
</div>`;
  return layout(site, { title: site.title, description: site.description, path: "/" }, content);
}
