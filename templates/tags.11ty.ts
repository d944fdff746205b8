import { html } from "../src/util/html.ts";
import type { Archive } from "../src/content/model.ts";
import { plural } from "../src/content/problems.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";

export const data = { permalink: "/tags/" };

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  const { site } = archive;
  const content = html`<h1>Tags</h1>
<p class="lede">${plural(archive.tags.length, "tag")} across ${plural(archive.articles.length, "article")}.</p>
<ul class="tag-index">
${archive.tags.map((t) => html`<li><a href="${link(t.path)}">${t.name}</a> <span class="count">${plural(t.count, "article")}</span></li>`)}
</ul>`;
  return layout(site, link, { title: "Tags", description: `Every tag in ${site.title}, with its number of articles.`, path: "/tags/" }, content);
}
