// What a build keeps beyond its options. A one-off build makes one and drops it; serve's build
// thread keeps one across its rebuilds (thread.ts), which is how a rebuild finds the caches in
// memory, the link thread started and the last related articles. Nothing of it lives in a module.
import { ProjectCaches } from "../cache/project-caches.ts";
import type { Purpose } from "../cache/purpose.ts";
import type { RelatedMemo } from "../content/related.ts";
import { BodyTexts } from "../search/search-index.ts";
import { linkHere, LinkThread, type Linker } from "./link-thread.ts";

export type { Purpose };

export class BuildContext {
  readonly caches: ProjectCaches;
  /** serve's: most rebuilds change no tag and no date (content/related.ts). */
  readonly related: RelatedMemo | undefined;
  /** serve's: the body texts its search shards were last made from (search/search-index.ts). */
  readonly searchTexts = new BodyTexts();
  #linker: LinkThread | undefined;

  constructor(
    /** The project folder, resolved. */
    readonly root: string,
    readonly purpose: Purpose,
  ) {
    this.caches = new ProjectCaches(root, purpose);
    this.related = purpose === "serve" ? {} : undefined;
  }

  /** serve's builds link on a thread they share (see link-thread.ts); any other build links here. */
  get linker(): Linker {
    return this.purpose === "serve" ? (this.#linker ??= new LinkThread()) : linkHere;
  }
}
