// The index of every source or author, and one source's or author's paginated articles: the two
// page kinds sources and authors share (tags have their own templates, with the same look).
import { sourceFeedPath } from "../../src/site/feeds.ts";
import { html } from "../../src/util/html.ts";
import type { Archive, Group, ListPage } from "../../src/content/model.ts";
import { plural } from "../../src/content/problems.ts";
import type { Link } from "../../src/content/urls.ts";
import { layout } from "./layout.ts";
import { articleList, listLinks, pageSuffix, pager } from "./parts.ts";

export interface GroupKind {
  /** "Sources": the index page's title. */
  title: string;
  /** "source": one of them, for counts and the kicker. */
  one: string;
  indexPath: string;
  /** What an article in the group is: "Articles from Reuters", "Articles by Jane Doe". */
  describe: (name: string) => string;
  /** The group's own Atom feed, where it has one. */
  feedPath?: (slug: string) => string;
}

export function groupIndex(archive: Archive, link: Link, groups: readonly Group[], kind: GroupKind): string {
  const { site } = archive;
  const listed = new Set(groups.flatMap((g) => g.pages.flatMap((p) => p.items))).size;
  const unlisted = archive.articles.length - listed;
  const content = html`<h1>${kind.title}</h1>
<p class="lede">${plural(groups.length, kind.one)} across ${plural(listed, "article")}.${
    unlisted === 0 ? "" : html` ${plural(unlisted, "article")} ${unlisted === 1 ? "names" : "name"} no ${kind.one}.`
  }</p>
${groups.length === 0 ? "" : html`<ul class="tag-index">
${groups.map((g) => html`<li><a href="${link(g.path)}">${g.name}</a> <span class="count">${plural(g.count, "article")}</span></li>`)}
</ul>`}`;
  return layout(site, link, { title: kind.title, description: `Every ${kind.one} in ${site.title}, with its number of articles.`, path: kind.indexPath }, content);
}

export function groupPage(archive: Archive, link: Link, { group, page }: { group: Group; page: ListPage }, kind: GroupKind): string {
  const { site } = archive;
  const feed = kind.feedPath?.(group.slug);
  const kicker = kind.one[0]!.toUpperCase() + kind.one.slice(1);
  const content = html`<h1><span class="kicker">${kicker}</span> ${group.name}</h1>
<p class="lede">${plural(group.count, "article")}, newest first.</p>
${listLinks(link, group.name, feed, html`<a href="${link(kind.indexPath)}">All ${kind.title.toLowerCase()}</a>`)}
${articleList(link, page.items, site.lang)}
${pager(link, page)}`;
  return layout(site, link,
    {
      title: `${group.name}${pageSuffix(page)}`,
      description: `${kind.describe(group.name)}${pageSuffix(page)}.`,
      path: page.path,
      ...(feed === undefined ? {} : { feeds: [{ title: `${site.title}: ${group.name}`, path: feed }] }),
    },
    content,
  );
}

export const SOURCES: GroupKind = {
  title: "Sources",
  one: "source",
  indexPath: "/sources/",
  describe: (name) => `Articles from ${name}`,
  feedPath: sourceFeedPath,
};

export const AUTHORS: GroupKind = {
  title: "Authors",
  one: "author",
  indexPath: "/authors/",
  describe: (name) => `Articles by ${name}`,
};
