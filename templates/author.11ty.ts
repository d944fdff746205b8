import type { Link } from "../src/content/urls.ts";
import type { Archive, Group, ListPage } from "../src/content/model.ts";
import { AUTHORS, groupPage } from "./_lib/groups.ts";
import { onePagePer } from "./_lib/paginate.ts";

type Entry = { group: Group; page: ListPage };

export const data = onePagePer<Entry>("archive.authorPages", "entry", (e) => e.page.path);

export function render({ archive, entry, link }: { archive: Archive; entry: Entry; link: Link }): string {
  return groupPage(archive, link, entry, AUTHORS);
}
