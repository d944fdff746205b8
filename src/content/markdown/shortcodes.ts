// Shortcodes and template tags of other generators (Jekyll's Liquid, Hugo, Eleventy), handled in
// the markdown before it is parsed, as those generators do: everywhere, code included (an author
// who wanted one shown as written wrapped it in `{% raw %}`, or wrote Hugo's `{{</* x */>}}`).
// Every replacement keeps the lines where they were, so later warnings name the right line.
import type { LinkTarget } from "../../site/links.ts";
import { vimeoUrl, youtubeUrl } from "./embeds.ts";
import { abbreviate, note, type Notes } from "./notes.ts";

export type RefTarget = Extract<LinkTarget, { kind: "ref" }>;

export interface Expanded {
  markdown: string;
  /** The link tags found, in order; the markdown holds `#news-archive-ref-N` where each stood. */
  refs: RefTarget[];
}

/** Stands where a link tag was until the link is collected (see links.ts). */
export const REF_PLACEHOLDER = "#news-archive-ref-";

/** A quoted argument or anything up to the closing delimiter, so `>` or `%` inside quotes do not end a tag. */
const QUOTED = String.raw`"[^"\n]*"|'[^'\n]*'|\`[^\`\n]*\``;
const TAG = new RegExp(
  [
    String.raw`\{%-?\s*raw\s*-?%\}(?<raw>[\s\S]*?)\{%-?\s*endraw\s*-?%\}`,
    String.raw`\{%-?\s*comment\s*-?%\}(?<comment>[\s\S]*?)\{%-?\s*endcomment\s*-?%\}`,
    String.raw`\{%-?\s*highlight\s+(?<liquidLang>[^\s%]+)[^%\n]*?-?%\}(?<liquidCode>[\s\S]*?)\{%-?\s*endhighlight\s*-?%\}`,
    String.raw`\{\{<\s*highlight\s+(?<hugoLang>[^\s>]+)[^>\n]*?>\}\}(?<hugoCode>[\s\S]*?)\{\{<\s*/highlight\s*>\}\}`,
    String.raw`\{\{(?<escOpen>[<%])/\*(?<escaped>[\s\S]*?)\*/(?<escClose>[>%])\}\}`,
    String.raw`\{\{(?<hugo>[<%])\s*(?<hugoName>/?[\w.-]+(?:/[\w.-]+)*)(?<hugoArgs>(?:${QUOTED}|[^"'\`>%\n]|[>%](?!\}\}))*?)\s*/?[>%]\}\}`,
    String.raw`\{%-?\s*(?<liquidName>\w+)(?<liquidArgs>(?:${QUOTED}|[^"'\`%\n]|%(?!\}))*?)-?%\}`,
    String.raw`\{\{-?(?<output>(?:${QUOTED}|[^"'\`{}\n])*?)-?\}\}`,
  ].join("|"),
  "g",
);

const HUGO_LINKS = new Set(["ref", "relref"]);

/** Replaces the tags this site understands; leaves the others as text, with a note naming each. */
export function expandShortcodes(markdown: string, notes: Notes): Expanded {
  const refs: RefTarget[] = [];
  if (!markdown.includes("{%") && !markdown.includes("{{")) return { markdown, refs };
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number) => {
    for (let i = markdown.indexOf("\n", counted); i !== -1 && i < offset; i = markdown.indexOf("\n", i + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  const unknownPaired = new Set<string>();
  const unknown = (tag: string, at: number) =>
    note(notes, "shortcode-unknown", lineAt(at), `the template tag ${abbreviate(tag)} is not one this site renders; it is shown as written`, "replace it with markdown or HTML (or wrap it in {% raw %} … {% endraw %} to show it as written)");
  const ref = (via: RefTarget["via"], written: string) => {
    const [path, fragment] = splitFragment(written);
    refs.push({ kind: "ref", via, ref: path, fragment });
    return `${REF_PLACEHOLDER}${refs.length - 1}`;
  };

  const expanded = markdown.replace(TAG, (tag: string, ...rest: unknown[]) => {
    const at = rest[rest.length - 3] as number;
    const g = rest[rest.length - 1] as Record<string, string | undefined>;
    const out = ((): string | null => {
      if (g.raw !== undefined) return g.raw;
      if (g.comment !== undefined) return "";
      if (g.liquidCode !== undefined) return fenced(g.liquidLang!, g.liquidCode);
      if (g.hugoCode !== undefined) return fenced(g.hugoLang!, g.hugoCode);
      if (g.escaped !== undefined) return `{{${g.escOpen}${g.escaped}${g.escClose}}}`;
      if (g.hugoName !== undefined) {
        const name = g.hugoName;
        const args = parseArgs(g.hugoArgs ?? "");
        if (HUGO_LINKS.has(name)) {
          const target = args.named.path ?? args.positional[0];
          return target === undefined ? null : ref(name as "ref" | "relref", target);
        }
        const rendered = hugoShortcode(name, args);
        if (rendered !== null) return rendered;
        // A paired shortcode's closing tag is named with its opening one.
        if (name.startsWith("/") && unknownPaired.has(name.slice(1))) return null;
        unknownPaired.add(name);
        unknown(tag, at);
        return null;
      }
      if (g.liquidName !== undefined) {
        const rendered = liquidTag(g.liquidName, (g.liquidArgs ?? "").trim(), ref);
        if (rendered === null) unknown(tag, at);
        return rendered;
      }
      const output = liquidOutput((g.output ?? "").trim());
      if (output === "unknown") unknown(tag, at);
      return typeof output === "string" ? null : output.text;
    })();
    return out === null ? tag : keepLines(tag, out);
  });
  return { markdown: expanded, refs };
}

/** Hugo's built-in shortcodes this site can render; null for any other. */
function hugoShortcode(name: string, args: Args): string | null {
  const first = args.positional[0];
  switch (name) {
    case "figure":
      return args.named.src === undefined ? null : figure(args.named);
    case "youtube": {
      const id = args.named.id ?? first;
      return id !== undefined && /^[\w-]{6,}$/.test(id) ? `<${youtubeUrl(id)}>` : null;
    }
    case "vimeo": {
      const id = args.named.id ?? first;
      return id !== undefined && /^\d+$/.test(id) ? `<${vimeoUrl(id)}>` : null;
    }
    case "tweet":
    case "twitter": {
      const id = args.named.id ?? args.positional[args.positional.length - 1];
      const user = args.named.user ?? (args.positional.length > 1 ? first : undefined) ?? "i";
      return id !== undefined && /^\d+$/.test(id) && /^\w+$/.test(user) ? `<https://twitter.com/${user}/status/${id}>` : null;
    }
    case "gist": {
      const [user, id] = args.positional;
      return user !== undefined && id !== undefined && /^[\w-]+$/.test(user) && /^\w+$/.test(id) ? `<https://gist.github.com/${user}/${id}>` : null;
    }
    default:
      return null;
  }
}

/** Hugo's figure, as Hugo writes it: the picture (in a link when given one), then its title and caption. */
function figure(named: Record<string, string>): string {
  const img = `<img src="${attr(named.src!)}" alt="${attr(named.alt ?? "")}">`;
  const picture = named.link === undefined ? img : `<a href="${attr(named.link)}">${img}</a>`;
  const caption = [named.title === undefined ? "" : `<strong>${html(named.title)}</strong>`, html(named.caption ?? ""), html(named.attr ?? "")].filter(Boolean).join(" ");
  return `<figure>${picture}${caption === "" ? "" : `<figcaption>${caption}</figcaption>`}</figure>`;
}

/** Liquid tags (Jekyll, Eleventy) this site can render; null for any other. */
function liquidTag(name: string, args: string, ref: (via: RefTarget["via"], written: string) => string): string | null {
  switch (name) {
    case "link":
    case "post_url":
      return args === "" || /[{}]/.test(args) ? null : ref(name, unquote(args));
    case "oembed": {
      const url = unquote(args);
      return /^https?:\/\/\S+$/.test(url) ? `<${url}>` : null;
    }
    case "image": {
      // Eleventy's image shortcode, as its documentation writes it: `{% image "src", "alt" %}`.
      const [src, alt] = parseArgs(args.replace(/,\s*/g, " ")).positional;
      return src === undefined || /[\s()<>]/.test(src) ? null : `![${(alt ?? "").replace(/[[\]\\]/g, "\\$&")}](${src})`;
    }
    default:
      return null;
  }
}

/**
 * `{{ site.baseurl }}` and friends stand for the site's root: nothing, so the path after them is
 * site-absolute. Other expressions are "unknown"; what does not read as one at all ("keep") is
 * text: `{{}}` in a Rust format string, `{{#each}}` in a Handlebars example.
 */
function liquidOutput(expression: string): { text: string } | "unknown" | "keep" {
  if (/^site\.(?:baseurl|url|base_url)$/.test(expression)) return { text: "" };
  const filtered = /^(["'])([^"'\n]*)\1\s*\|\s*(?:relative_url|absolute_url|url|prepend:\s*site\.(?:baseurl|url))$/.exec(expression);
  if (filtered !== null) return { text: filtered[2]! };
  return /^[\w"'[(]/.test(expression) ? "unknown" : "keep";
}

/** A fenced code block, its fence longer than any run of backticks inside. */
function fenced(lang: string, code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const body = code.startsWith("\n") ? code : `\n${code}`;
  const end = /\n[ \t]*$/.test(body) ? "" : "\n";
  return `${fence}${lang.replace(/[^\w+#.-]/g, "")}${body}${end}${fence}`;
}

interface Args {
  positional: string[];
  named: Record<string, string>;
}

const ARG = new RegExp(String.raw`(?:([\w-]+)\s*=\s*)?(${QUOTED}|[^\s"'\`]+)`, "g");

function parseArgs(text: string): Args {
  const args: Args = { positional: [], named: {} };
  for (const [, name, value] of text.matchAll(ARG)) {
    if (name === undefined) args.positional.push(unquote(value!));
    else args.named[name] = unquote(value!);
  }
  return args;
}

function unquote(text: string): string {
  return /^(["'`]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

function splitFragment(written: string): [string, string | null] {
  const hash = written.indexOf("#");
  return hash < 0 ? [written, null] : [written.slice(0, hash), written.slice(hash + 1)];
}

/** The replacement, with as many line breaks as the tag had, so the lines after it stay where they were. */
function keepLines(tag: string, replacement: string): string {
  const missing = countLines(tag) - countLines(replacement);
  return missing > 0 ? replacement + "\n".repeat(missing) : replacement;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function html(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
