import { html } from "../src/util/html.ts";
import type { Archive } from "../src/content/model.ts";
import { plural } from "../src/content/problems.ts";
import { timelineChart } from "../src/site/timeline.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";

export const data = { permalink: "/archive/" };

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  const { site } = archive;
  const content = html`<h1>Archive</h1>
<p class="lede">${plural(archive.articles.length, "article")} by year and month. Also by <a href="${link("/tags/")}">tag</a>, <a href="${link("/sources/")}">source</a> and <a href="${link("/authors/")}">author</a>.</p>
${timelineChart(link, archive.years.flatMap((y) => y.months), { id: "timeline" })}
${archive.years.map(
  (y) => html`<section class="archive-year" aria-labelledby="y${y.year}">
<h2 id="y${y.year}"><a href="${link(y.path)}">${y.year}</a> <span class="count">${plural(y.count, "article")}</span></h2>
<ul class="month-list">
${y.months.map((m) => html`<li><a href="${link(m.path)}">${m.name}</a> <span class="count">${m.count}</span></li>`)}
${y.yearOnly.length === 0 ? "" : html`<li><a href="${link(y.path)}#year-only">Month not known</a> <span class="count">${y.yearOnly.length}</span></li>`}
</ul>
</section>`,
)}
${archive.undated.count === 0 ? "" : html`<section class="archive-year" aria-labelledby="undated">
<h2 id="undated"><a href="${link(archive.undated.path)}">Undated</a> <span class="count">${plural(archive.undated.count, "article")}</span></h2>
</section>`}`;
  return layout(site, link, { title: "Archive", description: `Every article in ${site.title} by year and month.`, path: "/archive/" }, content);
}
