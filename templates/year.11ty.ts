import { html } from "../src/util/html.ts";
import type { Archive, Year } from "../src/content/model.ts";
import { plural } from "../src/content/problems.ts";
import { timelineChart } from "../src/site/timeline.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList } from "./_lib/parts.ts";
import { onePagePer } from "./_lib/paginate.ts";

export const data = onePagePer<Year>("archive.years", "year", (y) => y.path);

export function render({ archive, year: y, link }: { archive: Archive; year: Year; link: Link }): string {
  const { site } = archive;
  const content = html`<h1><span class="kicker">Year</span> ${y.year}</h1>
<p class="lede">${plural(y.count, "article")}.</p>
${y.months.length === 0 ? "" : html`<h2>By month</h2>
${timelineChart(link, y.months, { id: "timeline", from: { year: y.year, month: 1 }, to: { year: y.year, month: 12 } })}
<ul class="month-list">
${y.months.map((m) => html`<li><a href="${link(m.path)}">${m.name}</a> <span class="count">${plural(m.count, "article")}</span></li>`)}
</ul>`}
${y.yearOnly.length === 0 ? "" : html`<h2 id="year-only">Dated only to ${y.year}</h2>
<p>The sources of these articles give the year but not the month.</p>
${articleList(link, y.yearOnly, site.lang, "h3")}`}`;
  return layout(site, link, { title: String(y.year), description: `Articles from ${y.year} in ${site.title}.`, path: y.path }, content);
}
