// What the build sends the search indexer (indexer.ts, a process of its own): one job per
// shard, written to its stdin one at a time, each a v8-serialized IndexJob after its length.
import type { Readable } from "node:stream";
import { deserialize, serialize } from "node:v8";
import type { SearchRecord } from "./records.ts";

export interface IndexJob {
  name: string;
  language: string;
  records: SearchRecord[];
  /** The shard's folder in the cache, written beside (writeAtomic, project.ts) and renamed into place. */
  destination: string;
}

/** One job as sent: its length in bytes (32 bits, little-endian), then the job. */
export function frame(job: IndexJob): Buffer {
  const body = serialize(job);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return Buffer.concat([head, body]);
}

/** The jobs on `input`, each as soon as it has arrived whole. */
export async function* jobsFrom(input: Readable): AsyncGenerator<IndexJob> {
  let chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    // Joined only once a whole job may be there: a job is megabytes, arriving 64 KB at a time.
    while (length >= 4) {
      const head = chunks[0]!.length >= 4 ? chunks[0]! : Buffer.concat(chunks);
      const size = head.readUInt32LE(0);
      if (length < 4 + size) break;
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      yield deserialize(all.subarray(4, 4 + size)) as IndexJob;
      const rest = all.subarray(4 + size);
      chunks = rest.length === 0 ? [] : [rest];
      length = rest.length;
    }
  }
}
