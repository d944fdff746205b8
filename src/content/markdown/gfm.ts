// GitHub-flavoured markdown (tables, strikethrough, autolinks, task lists, footnotes) through
// remark-gfm, less one part of its parser: the e-mail address literal is tried at every letter of
// the text, which made parsing an article of prose twice as slow. remark-gfm's own pass over the
// parsed text finds the same bare addresses afterwards (and `www.`/`http://` literals are still
// read by the parser), so the page is the same. Tables can be left out too, for a text without a
// `|`: the parser tries every paragraph's first line as a table's head row.
import type { Processor } from "unified";
import remarkGfm from "remark-gfm";

interface Construct {
  name?: string;
}
type Constructs = Record<string, Construct | Construct[] | undefined>;
type Extension = { text?: Constructs; flow?: Constructs };

export function gfm(this: Processor, options: { tables: boolean }): void {
  remarkGfm.call(this);
  const dropped = new Set(["emailAutolink", ...(options.tables ? [] : ["table"])]);
  for (const extension of (this.data("micromarkExtensions") ?? []) as Extension[]) {
    for (const constructs of [extension.text, extension.flow]) {
      for (const code of Object.keys(constructs ?? {})) {
        const kept = [constructs![code]].flat().filter((c): c is Construct => c !== undefined && !dropped.has(c.name ?? ""));
        if (kept.length === 0) delete constructs![code];
        else constructs![code] = kept;
      }
    }
  }
}
