import { html } from "../src/util/html.ts";
import type { Archive } from "../src/content/model.ts";
import type { Link } from "../src/content/urls.ts";
import { layout } from "./_lib/layout.ts";

export const data = { permalink: "/404.html" };

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  const content = html`<h1>Page not found</h1>
<p class="lede">There is no page at this address. It may have moved, or the link may be mistyped.</p>
<ul>
<li><a href="${link("/")}">Latest articles</a></li>
<li><a href="${link("/archive/")}">Every article by year and month</a></li>
<li><a href="${link("/tags/")}">Every tag</a></li>
</ul>`;
  return layout(archive.site, link, { title: "Page not found", description: "There is no page at this address.", path: "/404.html", canonical: false }, content);
}
