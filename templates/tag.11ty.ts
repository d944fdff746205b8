import { tagFeedPath } from "../src/site/feeds.ts";
import { html } from "../src/util/html.ts";
import type { Archive, ListPage, Tag } from "../src/content/model.ts";
import { plural } from "../src/content/problems.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";
import { articleList, listLinks, pageSuffix, pager } from "./_lib/parts.ts";
import { onePagePer } from "./_lib/paginate.ts";

type Entry = { tag: Tag; page: ListPage };

export const data = onePagePer<Entry>("archive.tagPages", "entry", (e) => e.page.path);

export function render({ archive, entry: { tag, page }, link }: { archive: Archive; entry: Entry; link: Link }): string {
  const { site } = archive;
  const content = html`<h1><span class="kicker">Tag</span> ${tag.name}</h1>
<p class="lede">${plural(tag.count, "article")}, newest first.</p>
${listLinks(link, tag.name, tagFeedPath(tag.slug), "")}
${articleList(link, page.items, site.lang)}
${pager(link, page)}`;
  const title = `${tag.name}${pageSuffix(page)}`;
  return layout(site, link, { title, description: `Articles tagged ${tag.name}${pageSuffix(page)}.`, path: page.path, feeds: [{ title: `${site.title}: ${tag.name}`, path: tagFeedPath(tag.slug) }] }, content);
}
