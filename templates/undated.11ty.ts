import { html } from "../src/util/html.ts";
import type { Archive, ListPage } from "../src/content/model.ts";
import { plural } from "../src/content/problems.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList, pageSuffix, pager } from "./_lib/parts.ts";
import { onePagePer } from "./_lib/paginate.ts";

export const data = onePagePer<ListPage>("archive.undated.pages", "page", (p) => p.path);

export function render({ archive, page, link }: { archive: Archive; page: ListPage; link: Link }): string {
  const { site } = archive;
  const content = html`<h1>Undated</h1>
<p class="lede">${plural(archive.undated.count, "article")} whose date is not known, so no year or month lists them. <a href="${link("/archive/")}">The archive by date</a></p>
${articleList(link, page.items, site.lang)}
${pager(link, page)}`;
  return layout(site, link, { title: `Undated${pageSuffix(page)}`, description: `Articles in ${site.title} whose date is not known${pageSuffix(page)}.`, path: page.path }, content);
}
