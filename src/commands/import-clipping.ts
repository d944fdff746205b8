// A plain-text clipping (title on the first line, body after) → front-matter fields, a markdown body
// and an account of every line that did not go into the body. Pure: no file system, no clock.
//
// The rule that matters: a line of the article is never altered, dropped or moved out of the body.
// Only lines recognised as belonging to the clipping's frame are taken out — the title and what
// stands with it at the top (a repeat of the title, a byline, a dateline, a source in parentheses),
// a signature at the end, and the clipped site's leftovers after it — and each one is reported.
import { parseDate } from "../content/dates.ts";
import type { NewArticle } from "./new-article.ts";

export interface ClippingFields {
  title: string;
  /** "2023-10-30T20:08", "2023-10-30", … as the dateline supports; null when the clipping has none. */
  date: string | null;
  source: string | null;
  authors: string[];
  /** The article's language when the text makes it plain; null otherwise (the site default applies). */
  lang: string | null;
}

export interface ClippingLine {
  /** 1-based line number in the clipping. */
  line: number;
  text: string;
  /** What it was taken for, e.g. "title", "byline → author", "site leftover". */
  as: string;
}

export interface Clipping {
  fields: ClippingFields;
  /** Markdown: one paragraph per line of text, sub-headings as `## `, right-to-left runs wrapped. */
  body: string;
  /** Lines whose content went into the front-matter (or repeated it). */
  lifted: ClippingLine[];
  /** Lines that are neither article nor front-matter: the clipped site's leftovers. */
  setAside: ClippingLine[];
  /** A dateline that names a day but not enough to date the article (e.g. "26 January"), if any. */
  partialDate: ClippingLine | null;
  paragraphs: number;
  headings: number;
  /** Paragraphs in a right-to-left script, by language. */
  rtl: Record<string, number>;
}

interface Line {
  line: number;
  text: string;
}

export function parseClipping(text: string): Clipping | { error: string } {
  const lines: Line[] = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n?|\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.trim() }))
    .filter((l) => l.text !== "");
  const [titleLine, ...rest] = lines;
  if (titleLine === undefined) return { error: "the clipping is empty: there is no title line" };

  const lifted: ClippingLine[] = [{ ...titleLine, as: "title" }];
  const fields: ClippingFields = { title: titleLine.text, date: null, source: null, authors: [], lang: null };
  let partialDate: ClippingLine | null = null;

  // The frame at the top: each kind at most once, and the first line of any other kind starts the body.
  let start = 0;
  const seen = new Set<string>();
  for (; start < rest.length; start++) {
    const l = rest[start]!;
    const kind = headerKind(l.text, fields.title);
    if (kind === null || seen.has(kind.kind)) break;
    seen.add(kind.kind);
    if (kind.kind === "title") lifted.push({ ...l, as: "repeated title" });
    else if (kind.kind === "byline") {
      fields.authors.push(kind.value);
      // "By Al Mayadeen English": a publication signing its own story is its source as well.
      const source = fields.source === null && isPublication(kind.value);
      if (source) fields.source = kind.value;
      lifted.push({ ...l, as: source ? "byline → source and author" : "byline → author" });
    } else if (kind.kind === "source") {
      fields.source = kind.value;
      lifted.push({ ...l, as: "source" });
    } else if (kind.value === null) {
      partialDate = { ...l, as: "dateline without a year" };
      lifted.push(partialDate);
    } else {
      fields.date = kind.value;
      lifted.push({ ...l, as: "dateline → date" });
    }
  }

  // The frame at the bottom: site leftovers, then a signature just above them.
  let end = rest.length;
  while (end > start && LEFTOVERS.some((re) => re.test(rest[end - 1]!.text))) end--;
  const setAside = rest.slice(end).map((l) => ({ ...l, as: "site leftover" }));
  const last = rest[end - 1];
  if (end - 1 > start && last !== undefined && isSignature(last.text)) {
    if (!fields.authors.includes(last.text)) fields.authors.push(last.text);
    lifted.push({ ...last, as: "signature → author" });
    end--;
  }

  const paragraphs = rest.slice(start, end).map((l) => l.text);
  const blocks = paragraphs.map((p, i) => ({
    text: p,
    heading: isHeading(p) && i < paragraphs.length - 1,
    rtl: rtlLanguage(p),
  }));
  fields.lang = articleLanguage(blocks);

  const rtl: Record<string, number> = {};
  for (const b of blocks) if (b.rtl !== null) rtl[b.rtl] = (rtl[b.rtl] ?? 0) + 1;
  return {
    fields,
    body: markdownBody(blocks),
    lifted: lifted.sort((a, b) => a.line - b.line),
    setAside,
    partialDate,
    paragraphs: blocks.filter((b) => !b.heading).length,
    headings: blocks.filter((b) => b.heading).length,
    rtl,
  };
}

export interface ImportFlags {
  source?: string | undefined;
  date?: string | undefined;
  tags?: readonly string[];
  lang?: string | undefined;
  draft?: boolean | undefined;
}

/**
 * The article to write: the clipping's fields with the flags on top. A clipping without a full
 * date becomes a draft dated `today`, with a comment saying so beside the date, so a guessed date
 * is never published.
 */
export function clippingArticle(clipping: Clipping, flags: ImportFlags, today: string): NewArticle {
  const known = flags.date ?? clipping.fields.date;
  const why = clipping.partialDate === null ? "The clipping gives no date" : `The clipping's dateline "${clipping.partialDate.text}" has no year`;
  return {
    title: clipping.fields.title,
    date: known ?? today,
    source: flags.source ?? clipping.fields.source,
    authors: clipping.fields.authors,
    lang: flags.lang ?? clipping.fields.lang,
    tags: flags.tags ?? [],
    draft: flags.draft === true || known === null,
    datedName: known !== null,
    ...(known === null ? { notes: { date: `${why}: ${today} (the day of the import) is a placeholder.\nSet the date the text supports (a day, a month like 2019-10, or a year), then remove draft: true.` } } : {}),
    body: clipping.body,
  };
}

type HeaderKind =
  | { kind: "title" }
  | { kind: "byline" | "source"; value: string }
  | { kind: "dateline"; value: string | null };

function headerKind(text: string, title: string): HeaderKind | null {
  if (normalise(text) === normalise(title)) return { kind: "title" };
  const byline = /^by\s+(.+)$/i.exec(text);
  if (byline !== null && isName(byline[1]!)) return { kind: "byline", value: byline[1]!.trim() };
  const source = /^\(([^()]{2,60})\)$/.exec(text) ?? /^source:\s*(.{2,60})$/i.exec(text);
  if (source !== null) return { kind: "source", value: source[1]!.trim() };
  const date = dateline(text);
  if (date !== undefined) return { kind: "dateline", value: date };
  return null;
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

/** A byline's or signature's name: a few words, no sentence punctuation, no digits. */
function isName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length <= 8 && text.length <= 80 && !/[.!?:;"“”]$|\d/.test(text.trim());
}

/**
 * A byline that names a publication rather than a person: a word newsrooms are named with, or an
 * edition's language ("Al Mayadeen English", "Tasnim News Agency", "Press TV").
 */
const PUBLICATION = /\b(?:news|agency|press|media|tv|television|channel|network|times|post|daily|herald|tribune|gazette|journal|radio|magazine|english|arabic|french|español|français)\b/i;

function isPublication(name: string): boolean {
  return PUBLICATION.test(name);
}

/** "Minh Tu": one to four capitalised words standing alone at the end. */
function isSignature(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length <= 4 && text.length <= 40 && words.every((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w));
}

/** The clipped site's furniture: comment forms, related-post boxes, share buttons. Whole lines only. */
const LEFTOVERS = [
  /^related (posts|articles|stories|news)$/i,
  /^leave a (reply|comment)$/i,
  /^your email address will not be published\b.*$/i,
  /^required fields are marked \*$/i,
  /^(no|\d+) comments?:?$/i,
  /^post a comment$/i,
  /^(cancel reply|post comment|submit comment)$/i,
  /^(comment|name|email|website)\s*\*?$/i,
  /^(share|like) this( (article|story|post))?:?$/i,
  /^(advertisement|subscribe|read more)$/i,
];

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const WEEKDAY = "(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?";
const LEAD = "^(?:(?:published|posted)(?:\\s+on)?:?\\s+)?" + WEEKDAY;
const TIME = "(?:,?\\s+(?:at\\s+)?(\\d{1,2}):(\\d{2})\\s*(am|pm)?(?:\\s*(gmt|utc|z))?)?";
const DAY_MONTH = new RegExp(`${LEAD}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?${TIME}$`, "i");
const MONTH_DAY = new RegExp(`${LEAD}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?${TIME}$`, "i");
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

/**
 * A dateline's date in the archive's form; null for a real dateline that names no year
 * ("26 January"); undefined when the line is not a dateline, or names an impossible day.
 */
function dateline(text: string): string | null | undefined {
  const iso = ISO.exec(text);
  if (iso !== null) return checked(iso[2] === undefined ? iso[1]! : `${iso[1]}T${iso[2]}:${iso[3]}`);
  const dm = DAY_MONTH.exec(text);
  const md = dm === null ? MONTH_DAY.exec(text) : null;
  if (dm === null && md === null) return undefined;
  const [day, month, year, hour, minute, meridiem, zone] =
    dm !== null ? [dm[1], dm[2], dm[3], dm[4], dm[5], dm[6], dm[7]] : [md![2], md![1], md![3], md![4], md![5], md![6], md![7]];
  if (year === undefined) return hour === undefined ? null : undefined;
  const m = MONTHS.indexOf(month!.slice(0, 3).toLowerCase()) + 1;
  const date = `${year}-${pad(m)}-${pad(Number(day))}`;
  if (hour === undefined) return checked(date);
  let h = Number(hour);
  if (meridiem !== undefined) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (meridiem.toLowerCase() === "pm" ? 12 : 0);
  }
  return checked(`${date}T${pad(h)}:${minute}${zone === undefined ? "" : "Z"}`);
}

const pad = (n: number) => String(n).padStart(2, "0");
const checked = (date: string) => (parseDate(date).ok ? date : undefined);

/** A sub-heading: a short line that is not a sentence, a caption, a footnote or a list item. */
function isHeading(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return (
    words >= 4 &&
    words <= 14 &&
    text.length <= 120 &&
    !/[.!?…:;,"“”'’»)\]؟،؛۔]$/u.test(text) &&
    !/^(pic|photo|picture|image|caption|credit|source|file photo)\s*:/i.test(text) &&
    !/^[*•†‡\-–—+]/.test(text)
  );
}

const RTL_SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Arabic}/gu, "ar"],
  [/\p{Script=Hebrew}/gu, "he"],
];

/** The language of a paragraph written mostly in a right-to-left script, by its script. */
function rtlLanguage(text: string): string | null {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  for (const [script, lang] of RTL_SCRIPTS) {
    if ((text.match(script) ?? []).length * 2 > letters) return lang;
  }
  return null;
}

const ENGLISH = new Set(["the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with", "by", "from", "has", "have", "its", "their", "said"]);

/** "en" when the left-to-right text is plainly English; the one right-to-left language when that is all there is. */
function articleLanguage(blocks: { text: string; rtl: string | null }[]): string | null {
  const ltr = blocks.filter((b) => b.rtl === null).flatMap((b) => b.text.toLowerCase().split(/[^\p{L}']+/u).filter(Boolean));
  if (ltr.length === 0) {
    const langs = new Set(blocks.map((b) => b.rtl));
    return langs.size === 1 ? [...langs][0]! : null;
  }
  const common = ltr.filter((w) => ENGLISH.has(w)).length;
  return ltr.length >= 20 && common / ltr.length >= 0.15 ? "en" : null;
}

function markdownBody(blocks: { text: string; heading: boolean; rtl: string | null }[]): string {
  const out: string[] = [];
  let open: string | null = null;
  for (const b of blocks) {
    if (b.rtl !== open) {
      if (open !== null) out.push("</div>");
      if (b.rtl !== null) out.push(`<div lang="${b.rtl}" dir="rtl">`);
      open = b.rtl;
    }
    out.push(b.heading ? `## ${escapeInline(b.text).replace(/(\s)(#+)$/, "$1\\$2")}` : escapeLine(b.text));
  }
  if (open !== null) out.push("</div>");
  return `\n${out.join("\n\n")}\n`;
}

/** A line of text as markdown that renders as exactly that text, in one paragraph. */
function escapeLine(text: string): string {
  const inline = escapeInline(text);
  return inline
    .replace(/^(#|>|[-+*](?=\s|$)|\|)/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2")
    .replace(/^(=+|-+|~{3,})$/, "\\$1")
    .replace(/^([-_*])(\s*\1){2,}\s*$/, (line) => `\\${line}`);
}

/** Escapes what markdown would read as markup anywhere in a line. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<]/g, "\\$&").replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}
