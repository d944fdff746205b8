// A project's caches as one process sees them: what it keeps between builds (serve), its claims,
// and the folders every cache is kept in by one rule (store.ts). One per project and build
// context: a one-off build makes its own, serve keeps one across its rebuilds.
import { BodyStore } from "./body-store.ts";
import { Claims } from "./claims.ts";
import { PackCache, PackMemory } from "./pack-cache.ts";
import type { Purpose } from "./purpose.ts";
import { CacheFolder } from "./store.ts";
import { cachePath } from "../project.ts";

/** The caches kept as folders of entries. */
export type FolderCache = "images" | "bodies" | "search";

export class ProjectCaches {
  readonly packs = new PackMemory();
  readonly claims: Claims;
  /**
   * serve's parse-cache key of each article file, under the file's identity and change time
   * (content/load.ts): a file whose identity is unchanged is not read and hashed again.
   */
  readonly fileKeys = new Map<string, { identity: string; key: string }>();
  readonly #folders = new Map<FolderCache, CacheFolder>();
  #bodies: BodyStore | undefined;

  constructor(
    readonly root: string,
    readonly purpose: Purpose,
  ) {
    this.claims = new Claims(cachePath(root, "claims"));
  }

  /** `own`: the folder's files that are not entries, never pruned. */
  folder(name: FolderCache, own?: ReadonlySet<string>): CacheFolder {
    let folder = this.#folders.get(name);
    if (folder === undefined) this.#folders.set(name, (folder = new CacheFolder(cachePath(this.root, name), name, this.claims, own)));
    return folder;
  }

  /** The rendered bodies: its open segments serve every build of a `serve`. */
  get bodies(): BodyStore {
    return (this.#bodies ??= new BodyStore(this.folder("bodies")));
  }

  openPack<V>(name: "parse" | "render", valid: (value: unknown) => value is V): Promise<PackCache<V>> {
    return PackCache.open(cachePath(this.root, name), valid, this.packs, this.purpose);
  }

  /** A build starts: from now until `end`, this process claims every entry (claims.ts). A check claims nothing: it writes nothing. */
  async begin(): Promise<void> {
    if (this.purpose !== "check") await this.claims.begin().catch(() => undefined);
  }

  /** The build is over: serve goes on claiming what it used; a one-off build, nothing. */
  async end(): Promise<void> {
    if (this.purpose !== "check") await this.claims.end(this.purpose === "serve").catch(() => undefined);
  }
}
