import type { Link } from "../src/content/urls.ts";
import type { Archive } from "../src/content/model.ts";
import { groupIndex, SOURCES } from "./_lib/groups.ts";

export const data = { permalink: "/sources/" };

export function render({ archive, link }: { archive: Archive; link: Link }): string {
  return groupIndex(archive, link, archive.sources, SOURCES);
}
