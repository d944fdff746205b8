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
// one-off build does not: at 10,000 articles they are ~250 MB it would carry through Eleventy.
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

/** Where a project's caches live. */
export const CACHE_DIR = ".cache/news-archive";
/** Where serve builds: drafts are in it, so it is never the deployable _site/. */
export const SERVE_DIR = `${CACHE_DIR}/site`;
/** Where replaced sites wait to be deleted (see trash.ts). */
export const TRASH_DIR = `${CACHE_DIR}/trash`;

/** The entries each pack file held when this process last read or wrote it. */
const inProcess = new Map<string, ReadonlyMap<string, unknown>>();

export type PackOptions =
  /** remember: keep the entries in memory for this process's next build (serve). */
  | { remember: boolean; readOnly?: false }
  /** Read the file and never write it: `check` leaves the caches as it found them. */
  | { remember: false; readOnly: true };

export class PackCache<V> {
  private readonly used = new Map<string, V>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly stored: ReadonlyMap<string, V>,
    private readonly options: PackOptions,
  ) {}

  /** `valid` guards against an entry of an older shape: it is treated as missing. */
  static async open<V>(file: string, valid: (value: unknown) => value is V, options: PackOptions): Promise<PackCache<V>> {
    const { remember } = options;
    const kept = inProcess.get(file);
    if (!remember) inProcess.delete(file);
    if (kept !== undefined) return new PackCache(file, kept as ReadonlyMap<string, V>, options);
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
    if (remember) inProcess.set(file, stored);
    return new PackCache(file, stored, options);
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
   * while the heap is small, in a one-off build; at flushPackCaches in a process that builds
   * again (serialising 10,000 bodies takes 0.15 s, which serve spends after it has shown the
   * rebuilt site rather than before).
   */
  save(): void {
    if (this.options.readOnly === true || (!this.changed && this.used.size === this.stored.size)) return;
    const { file, used } = this;
    if (this.options.remember) {
      inProcess.set(file, used);
      pending.set(file, () => write(file, used));
    } else {
      writes = writes.then(() => write(file, used));
    }
  }
}

/** serve's saves not yet written, by file: a later save of the same file replaces the earlier. */
const pending = new Map<string, () => Promise<void>>();
/** Writes run one after another, so two writes of one file never share its temporary file. */
let writes: Promise<void> = Promise.resolve();

async function write(file: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  // A cache that cannot be written (read-only checkout, full disk) only costs speed.
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, serialize(entries));
    await rename(temp, file);
  } catch {
    await unlink(temp).catch(() => undefined);
  }
}

/** Writes what serve saved, and waits for every write: a thread that ended before them would leave temp files. */
export function flushPackCaches(): Promise<void> {
  for (const w of pending.values()) writes = writes.then(w);
  pending.clear();
  return writes;
}
