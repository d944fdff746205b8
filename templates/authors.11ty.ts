import type { Archive } from "../src/content/model.ts";
import { AUTHORS, groupIndex } from "./_lib/groups.ts";

export const data = { permalink: "/authors/" };

export function render({ archive }: { archive: Archive }): string {
  return groupIndex(archive, archive.authors, AUTHORS);
}
