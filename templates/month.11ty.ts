import { html } from "../src/util/html.ts";
import type { Archive, ListPage, Month } from "../src/content/model.ts";
import { plural } from "../src/content/problems.ts";
import { yearPath, type Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList, pageSuffix, pager } from "./_lib/parts.ts";
import { onePagePer } from "./_lib/paginate.ts";

type Entry = { month: Month; page: ListPage };

export const data = onePagePer<Entry>("archive.monthPages", "entry", (e) => e.page.path);

export function render({ archive, entry: { month, page }, link }: { archive: Archive; entry: Entry; link: Link }): string {
  const { site } = archive;
  const content = html`<h1><span class="kicker">Month</span> ${month.name}</h1>
<p class="lede">${plural(month.count, "article")}, newest first. <a href="${link(yearPath(month.year))}">All of ${month.year}</a></p>
${articleList(link, page.items, site.lang)}
${pager(link, page)}`;
  const title = `${month.name}${pageSuffix(page)}`;
  return layout(site, link, { title, description: `Articles from ${month.name}${pageSuffix(page)}.`, path: page.path }, content);
}
