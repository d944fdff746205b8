// What the build sends the search indexer (indexer.ts, a process of its own): one job per shard.
import type { SearchRecord } from "./records.ts";

export interface IndexJob {
  name: string;
  language: string;
  records: SearchRecord[];
  /** The shard's folder in the cache, written beside (writeAtomic, project.ts) and renamed into place. */
  destination: string;
}
