// A build cache kept as one file: a map from content hash to value, read whole at the start of a
// build and written whole at its end. One file instead of one per article: at 10,000 articles,
// opening, reading and closing 10,000 small files took longer than the work they saved.
//
// Only the entries a build used are written back, so the file holds one archive's entries rather
// than every version ever seen. It is written beside and renamed into place: a killed build
// leaves the previous file, and a file that cannot be read (another Node's format, a truncated
// copy) is an empty cache. Deleting it is always safe.
//
// A process that builds again (serve) may keep the last entries in memory and read no file. A
// one-off build does not: on a large archive they are much memory it would carry through Eleventy
// (figures: docs/ARCHITECTURE.md, measurements).
// What a process keeps is in its PackMemory (one per ProjectCaches), not in this module.
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { writeFileAtomic } from "../project.ts";
import type { Purpose } from "./purpose.ts";

/** What a process keeps of its pack files between builds, and the writes it has not finished. */
export class PackMemory {
  /** The entries each pack file held when this process last read or wrote it (serve only). */
  readonly kept = new Map<string, ReadonlyMap<string, unknown>>();
  /** serve's saves not yet written, by file: a later save of the same file replaces the earlier. */
  readonly pending = new Map<string, () => Promise<void>>();
  /** Writes run one after another, so two writes of one file never overlap. */
  writes: Promise<void> = Promise.resolve();

  /** Writes what serve saved, and waits for every write: a thread that ended before them would leave temp files. */
  flush(): Promise<void> {
    for (const w of this.pending.values()) this.writes = this.writes.then(w);
    this.pending.clear();
    return this.writes;
  }
}

export class PackCache<V> {
  private readonly used = new Map<string, V>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly stored: ReadonlyMap<string, V>,
    private readonly memory: PackMemory,
    /** serve keeps the entries in memory for its next build; check reads the file and never writes it. */
    private readonly purpose: Purpose,
  ) {}

  /** `valid` guards against an entry of an older shape: it is treated as missing. */
  static async open<V>(file: string, valid: (value: unknown) => value is V, memory: PackMemory, purpose: Purpose): Promise<PackCache<V>> {
    const remember = purpose === "serve";
    const kept = memory.kept.get(file);
    if (!remember) memory.kept.delete(file);
    if (kept !== undefined) return new PackCache(file, kept as ReadonlyMap<string, V>, memory, purpose);
    const stored = new Map<string, V>();
    const bytes = await readFile(file).catch(() => null);
    if (bytes !== null) {
      try {
        const entries: unknown = deserialize(bytes);
        if (entries instanceof Map) for (const [key, value] of entries) if (typeof key === "string" && valid(value)) stored.set(key, value);
      } catch {
        // Unreadable: start empty, and the next save replaces it.
      }
    }
    if (remember) memory.kept.set(file, stored);
    return new PackCache(file, stored, memory, purpose);
  }

  get(key: string): V | undefined {
    const value = this.used.get(key) ?? this.stored.get(key);
    if (value !== undefined) this.used.set(key, value);
    return value;
  }

  /** The entries used since opening, as they will be saved. */
  entries(): [string, V][] {
    return [...this.used];
  }

  set(key: string, value: V): void {
    this.used.set(key, value);
    this.changed = true;
  }

  /**
   * Writes the entries used since opening, if that is not what the file already holds: at once,
   * while the heap is small, in a one-off build; at PackMemory.flush in a process that builds
   * again (serve spends the serialising after it has shown the rebuilt site rather than before).
   */
  save(): void {
    if (this.purpose === "check" || (!this.changed && this.used.size === this.stored.size)) return;
    const { file, used, memory } = this;
    if (this.purpose === "serve") {
      memory.kept.set(file, used);
      memory.pending.set(file, () => write(file, used));
    } else {
      memory.writes = memory.writes.then(() => write(file, used));
    }
  }
}

async function write(file: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
  // A cache that cannot be written (read-only checkout, full disk) only costs speed.
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, serialize(entries));
  } catch {
    // The previous file stays, or none: both are a valid cache.
  }
}
