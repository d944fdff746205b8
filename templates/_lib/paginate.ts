// Every paginated page kind is "one page per item". `before` lets Eleventy render only the items
// whose page changed since the last build (src/site/page-plan.ts); the rest are reused as they are.
import type { PageReuse } from "../../src/site/page-plan.ts";

export function onePagePer<T extends object>(data: string, alias: string, pathOf: (item: T) => string) {
  return {
    pagination: {
      data,
      size: 1,
      alias,
      before: (items: T[], full: { pageReuse: PageReuse }) => full.pageReuse.select(items, pathOf),
    },
    permalink: (d: Record<string, unknown>) => pathOf(d[alias] as T),
  };
}
