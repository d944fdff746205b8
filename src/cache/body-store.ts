// Rendered bodies are kept apart from the render cache's index (render.v8), in segment files
// under .cache/news-archive/bodies/: each segment is bodies written one after another, and the
// index says where each one lies. A build reads the bodies it shows (its changed pages, the feeds'
// newest articles, the articles of the search shards it indexes), not all of them: reading and
// deserialising every body, then collecting it, was a large part of a warm build. Figures:
// docs/ARCHITECTURE.md, measurements.
//
// A build adds one segment for what it rendered, and never changes a segment it did not write, so
// `serve` and `build` may share the folder. Once the bodies still in use fill less than half the
// segments they lie in (or lie in too many), they are copied into one new segment; the segments no
// longer used go by the caches' one rule (store.ts). Segments are opened when the index is read and
// stay open, so one deleted meanwhile by another build can still be read.
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import type { CacheFolder } from "./store.ts";

export interface BodyRef {
  segment: string;
  /** Bytes from the start of the segment. */
  offset: number;
  /** In bytes of UTF-8. */
  length: number;
}

/** A segment's name is made here; a name read from the cache is only ever one of these. */
const SEGMENT_NAME = /^[0-9a-z]+-[0-9a-f]{8}$/;
/** More segments than this are merged into one, however little of them is unused. */
const MAX_SEGMENTS = 32;

export function isBodyRef(value: unknown): value is BodyRef {
  const r = value as Partial<BodyRef> | null;
  return typeof r?.segment === "string" && SEGMENT_NAME.test(r.segment) && Number.isSafeInteger(r.offset) && r.offset! >= 0 && Number.isSafeInteger(r.length) && r.length! >= 0;
}

/** One per project and process (ProjectCaches): its open segments serve every build of a `serve`. */
export class BodyStore {
  /** Open segments by name, with their size; null for one that could not be opened. */
  readonly #open = new Map<string, { fd: number; size: number } | null>();
  /** Segments deleted by `tidy`: the build that deleted them may still read them, the next one will not. */
  #deleted: string[] = [];

  constructor(private readonly folder: CacheFolder) {}

  /** Closes the segments deleted since the last build: called as a build starts. */
  release(): void {
    for (const name of this.#deleted.splice(0)) {
      const segment = this.#open.get(name);
      if (segment) closeSync(segment.fd);
      this.#open.delete(name);
    }
  }

  /** Whether the body can be read: its segment is there (and now open) and holds it whole. */
  readable(ref: BodyRef): boolean {
    const segment = this.#segment(ref.segment);
    return segment !== null && ref.offset + ref.length <= segment.size;
  }

  read(ref: BodyRef): string {
    return this.#bytes(ref).toString("utf8");
  }

  #bytes(ref: BodyRef): Buffer {
    const segment = this.#segment(ref.segment);
    if (segment === null) throw new Error(`the render cache's ${this.folder.path(ref.segment)} is gone: delete .cache/news-archive and build again`);
    const bytes = Buffer.allocUnsafe(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = readSync(segment.fd, bytes, done, ref.length - done, ref.offset + done);
      if (n === 0) throw new Error(`the render cache's ${this.folder.path(ref.segment)} was cut short: delete .cache/news-archive and build again`);
      done += n;
    }
    return bytes;
  }

  /** Writes the bodies into a new segment, returning where each lies. */
  async append(bodies: readonly (string | Buffer)[]): Promise<BodyRef[]> {
    if (bodies.length === 0) return [];
    // Encoded into one buffer of the right size: a cold build appends every body at once.
    const lengths = bodies.map((b) => (typeof b === "string" ? Buffer.byteLength(b, "utf8") : b.length));
    const bytes = Buffer.allocUnsafe(lengths.reduce((n, l) => n + l, 0));
    let at = 0;
    for (const b of bodies) at += typeof b === "string" ? bytes.write(b, at, "utf8") : b.copy(bytes, at);
    const segment = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
    await mkdir(this.folder.dir, { recursive: true });
    await this.folder.write(segment, (temp) => writeFile(temp, bytes));
    let offset = 0;
    return lengths.map((length) => {
      const ref = { segment, offset, length };
      offset += length;
      return ref;
    });
  }

  /** Whether the bodies in use should be copied into one segment (see the comment at the top). */
  wasteful(refs: readonly BodyRef[]): boolean {
    const segments = new Set(refs.map((r) => r.segment));
    if (segments.size > MAX_SEGMENTS) return true;
    let size = 0;
    for (const name of segments) size += this.#segment(name)?.size ?? 0;
    const used = refs.reduce((n, r) => n + r.length, 0);
    return size > 2 * used;
  }

  /** Copies the bodies into one new segment; the old ones go by the caches' rule once unused. */
  async compact(refs: readonly BodyRef[]): Promise<BodyRef[]> {
    return this.append(refs.map((ref) => this.#bytes(ref)));
  }

  /** Prunes the segments not in `used` (store.ts), keeping them readable until the next build starts (release). */
  async tidy(used: ReadonlySet<string>): Promise<void> {
    this.#deleted.push(...(await this.folder.prune(used)));
  }

  #segment(name: string): { fd: number; size: number } | null {
    let segment = this.#open.get(name);
    if (segment === undefined) {
      try {
        const fd = openSync(this.folder.path(name), "r");
        segment = { fd, size: fstatSync(fd).size };
      } catch {
        segment = null;
      }
      this.#open.set(name, segment);
    }
    return segment;
  }
}
