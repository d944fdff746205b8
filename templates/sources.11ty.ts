import type { Archive } from "../src/content/model.ts";
import { groupIndex, SOURCES } from "./_lib/groups.ts";

export const data = { permalink: "/sources/" };

export function render({ archive }: { archive: Archive }): string {
  return groupIndex(archive, archive.sources, SOURCES);
}
