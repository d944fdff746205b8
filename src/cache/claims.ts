// Which cache entries a live process may still need, so that no build deletes them (see store.ts
// for the rule). Each process that builds keeps one file, claims/<pid>.json: while one of its builds
// is under way it claims everything (that build may be about to read any entry); between builds a
// process that builds again (serve) claims what its last build used, until it exits. A file whose
// process is gone claims nothing and is deleted by the next prune that finds it.
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../project.ts";

interface ClaimFile {
  building: boolean;
  /** Entry names by cache folder (its name under the cache). */
  uses: Record<string, string[]>;
}

/** What the other live processes claim in one cache folder. */
export type OthersClaim = { everything: true } | { everything: false; names: ReadonlySet<string> };

export class Claims {
  readonly #file: string;
  /** What this process's current (or last) build used, by cache folder. */
  readonly #uses = new Map<string, string[]>();

  constructor(private readonly dir: string) {
    this.#file = path.join(dir, `${process.pid}.json`);
  }

  /**
   * A build starts: until `end`, this process claims every entry. What the last build used stays
   * claimed for the caches this one does not reach (it fails first).
   */
  async begin(): Promise<void> {
    await this.#write(true);
  }

  /** What this build uses in `cache`, kept for `end`. */
  use(cache: string, names: Iterable<string>): void {
    this.#uses.set(cache, [...names]);
  }

  /**
   * The build is over. A process that builds again (`lasting`) goes on claiming what the build
   * used, for the site it serves and the next build; any other claims nothing from now on.
   */
  async end(lasting: boolean): Promise<void> {
    if (lasting) await this.#write(false).catch(() => undefined);
    else await rm(this.#file, { force: true });
  }

  /** What the live processes other than this one claim in `cache`; the files of dead ones are deleted. */
  async others(cache: string): Promise<OthersClaim> {
    const names = new Set<string>();
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const pid = /^(\d+)\.json$/.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid) continue;
      const file = path.join(this.dir, name);
      if (!isRunning(Number(pid))) {
        await rm(file, { force: true });
        continue;
      }
      const claim = await readFile(file, "utf8").then((text) => JSON.parse(text) as ClaimFile, () => null);
      // A claim that cannot be read is taken for the widest one: the cost is only disk, until the next build.
      if (claim === null || claim.building !== false) return { everything: true };
      for (const n of claim.uses?.[cache] ?? []) names.add(n);
    }
    return { everything: false, names };
  }

  async #write(building: boolean): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const claim: ClaimFile = { building, uses: Object.fromEntries(this.#uses) };
    await writeFileAtomic(this.#file, JSON.stringify(claim));
  }
}

/** Whether a process with this id runs (one of another user counts: it may be a build too). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
