// Dates at the precision the source supports. A clipping dated only "October 2019" must never
// be shown (or sorted, or filed) as if it had a day, so precision is part of the type.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

export type ArchiveDate =
  | { precision: "year"; year: number }
  | { precision: "month"; year: number; month: number }
  | { precision: "day"; year: number; month: number; day: number }
  | {
      precision: "time";
      year: number;
      month: number;
      day: number;
      hour: number;
      minute: number;
      second: number | null;
      /** "Z" or "+03:00"; null when the source gives a wall-clock time with no zone. */
      offset: string | null;
    };

/**
 * `padded`: the date was understood but written without leading zeros (`2024-4-9`); it holds the
 * form to write instead, for a warning. `ignored`: text beside the date that was left out, as
 * Ruby's Time.parse (and so Jekyll) leaves it: a note in brackets, the year written twice. `fix` on a failure: a form that says the same, when one is known.
 */
export type DateResult = { ok: true; date: ArchiveDate; padded?: string; ignored?: string } | { ok: false; message: string; fix?: string };

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/**
 * ISO 8601 / RFC 3339 as archives write them: a `T` or spaces before the time, seconds with or
 * without a fraction, and a zone as `Z`, `+02:00`, `+0200`, `+02`, a space before it (Jekyll's
 * `2013-05-06 02:12:52 +0200`) or a name Ruby's Time.parse reads (`UTC`, `EST`). Month, day and
 * hour may lack their leading zero; that is read, and reported.
 */
const FORM =
  /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([Zz])|([+-])(\d{1,2})(?::?(\d{2}))?|([A-Za-z]{3}))?)?)?)?$/;

/**
 * A date in English words, as blog exports write it: "July 27, 2021", "27 July 2021", "Jul 2021",
 * RFC 2822's "Tue, 10 Jun 2014 10:00:00 +0000". The month is named, so nothing is ambiguous.
 */
const IN_WORDS =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|([a-z]{3,9})\.?,?\s+(\d{4}))(?:,?\s+(?:at\s+)?(\d{1,2}:\d{2}(?::\d{2})?\s*(?:z|[+-]\d{1,2}(?::?\d{2})?|[a-z]{3})?))?$/i;

/** Text Ruby's Time.parse passes over: a note in brackets after the date, the year again after the time. */
const BESIDE = /^(\d{4})(-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{2}(?::\d{2})?)?)(?:\s+(\d{4})(?=\s|$))?\s*(.*?)\s*(\([^)]*\))?$/;

/** Zone names Ruby's Time.parse (and so Jekyll) understands, as UTC offsets. */
const ZONE_NAMES: Record<string, string> = {
  UTC: "Z", GMT: "Z", UT: "Z",
  EST: "-05:00", EDT: "-04:00", CST: "-06:00", CDT: "-05:00", MST: "-07:00", MDT: "-06:00", PST: "-08:00", PDT: "-07:00",
};

/** `03/04/2020`: day and month in an order the text does not say. */
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** What a page shows in place of the date of an article that has none. */
export const UNDATED = "Undated";

export const DATE_FORMS = '"2023-10-30T20:08+03:00", "2023-10-30T20:08", "2023-10-30", "2019-10" or "2019"';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses the date as written. YAML's own timestamps are never used: they roll 2020-02-30 over to March. */
export function parseDate(text: string): DateResult {
  const trimmed = text.trim();
  const m = FORM.exec(trimmed);
  if (!m) return inWords(text, trimmed) ?? besideDate(text, trimmed) ?? notADate(text, trimmed);
  const [, y, mo, d, h, mi, s, zulu, sign, offsetHours, offsetMinutes, zoneName] = m;
  const year = Number(y);
  const unpadded = [mo, d, h, offsetHours].some((part) => part !== undefined && part.length === 1);
  const done = (date: ArchiveDate): DateResult => (unpadded ? { ok: true, date, padded: isoDate(date) } : { ok: true, date });
  if (mo === undefined) return done({ precision: "year", year });
  const month = Number(mo);
  if (month < 1 || month > 12) return { ok: false, message: `"${text}" has no month ${mo}` };
  if (d === undefined) return done({ precision: "month", year, month });
  const day = Number(d);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, message: `"${text}" is not a real date (${MONTHS[month - 1]} ${year} has ${last} days)` };
  }
  if (h === undefined || mi === undefined) return done({ precision: "day", year, month, day });
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? null : Number(s);
  if (hour > 23 || minute > 59 || (second !== null && second > 59)) {
    return { ok: false, message: `"${text}" is not a real time of day` };
  }
  let offset: string | null = null;
  if (zulu !== undefined) offset = "Z";
  else if (sign !== undefined) {
    offset = `${sign}${pad(Number(offsetHours))}:${offsetMinutes ?? "00"}`;
    if (Number(offsetHours) > 14 || Number(offsetMinutes ?? 0) > 59) {
      return { ok: false, message: `"${text}" has an impossible UTC offset ${offset}` };
    }
  } else if (zoneName !== undefined) {
    const named = ZONE_NAMES[zoneName.toUpperCase()];
    if (named === undefined) return { ok: false, message: `"${text}" names a time zone, ${zoneName}, this archive does not know`, fix: "write the UTC offset instead, e.g. +03:00" };
    offset = named;
  }
  return done({ precision: "time", year, month, day, hour, minute, second, offset });
}

function inWords(text: string, trimmed: string): DateResult | null {
  const m = IN_WORDS.exec(trimmed);
  if (m === null) return null;
  const [, day1, month1, year1, month2, day2, year2, month3, year3, time] = m;
  const name = (month1 ?? month2 ?? month3)!.toLowerCase();
  const month = MONTHS.findIndex((full) => full.toLowerCase().startsWith(name) && name.length >= 3) + 1;
  if (month === 0) return null;
  const day = day1 ?? day2;
  const iso = `${year1 ?? year2 ?? year3}-${pad(month)}${day === undefined ? "" : `-${pad(Number(day))}`}${time === undefined || day === undefined ? "" : ` ${time}`}`;
  const parsed = parseDate(iso);
  if (!parsed.ok) return { ok: false, message: parsed.message.replace(`"${iso}"`, `"${text}"`) };
  return { ok: true, date: parsed.date };
}

function besideDate(text: string, trimmed: string): DateResult | null {
  const m = BESIDE.exec(trimmed);
  if (m === null || (m[3] === undefined && m[5] === undefined)) return null;
  const [, year, rest, again, zone, note] = m;
  if (again !== undefined && again !== year) return null;
  const parsed = parseDate(`${year}${rest}${zone === "" ? "" : ` ${zone}`}`);
  if (!parsed.ok) return null;
  return { ...parsed, ignored: [again, note].filter((part) => part !== undefined).join(" ") };
}

function notADate(text: string, trimmed: string): DateResult {
  const slashed = SLASHED.exec(trimmed);
  if (slashed === null) return { ok: false, message: `"${text}" is not a date form this archive reads` };
  const [, first, second, year] = slashed.map(Number) as [number, number, number, number];
  const iso = (month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
  const readings = [
    ...(second <= 12 && first <= daysInMonth(year, second) ? [{ iso: iso(second, first), words: `${first} ${MONTHS[second - 1]}` }] : []),
    ...(first <= 12 && second <= daysInMonth(year, first) && first !== second ? [{ iso: iso(first, second), words: `${MONTHS[first - 1]} ${second}` }] : []),
  ];
  if (readings.length === 0) return { ok: false, message: `"${text}" is not a real date` };
  return {
    ok: false,
    message:
      readings.length === 1
        ? `"${text}" does not say which number is the day and which the month`
        : `"${text}" is ambiguous: it could be ${readings.map((r) => r.words).join(" or ")}`,
    fix: `write it year first, as ${readings.map((r) => `"${r.iso}"`).join(" or ")}`,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The date as the reader should see it: in the site's time zone when the source gave a zone,
 * as written when it gave a wall-clock time only, and never with more precision than it has.
 */
export function localise(date: ArchiveDate, timeZone: string): ArchiveDate {
  if (date.precision !== "time" || date.offset === null) return date;
  const written = Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second ?? 0);
  const instant = written - offsetMinutes(date.offset) * 60_000;
  const zone = zoneOffsetMinutes(instant, timeZone);
  const local = dayjs.utc(instant + zone * 60_000);
  return {
    precision: "time",
    year: local.year(),
    month: local.month() + 1,
    day: local.date(),
    hour: local.hour(),
    minute: local.minute(),
    second: date.second === null ? null : local.second(),
    offset: formatOffset(zone),
  };
}

/** The UTC offset ("+03:00") a time zone has at a wall-clock time there. */
export function offsetAtWallClock(wall: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): string {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = zoneOffsetMinutes(asUtc, timeZone);
  // Near a clock change the offset at the guessed instant can differ from the one at the real instant.
  return formatOffset(zoneOffsetMinutes(asUtc - first * 60_000, timeZone));
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Minutes a time zone is ahead of UTC at an instant. dayjs's timezone plugin answers the same
 * through Intl but builds a formatter per call, slow enough to add up over a large archive's dates;
 * here each zone's formatter is built once. Figures: docs/ARCHITECTURE.md, measurements.
 */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
  // The default zone, and the one most archives keep: no formatter needed.
  if (timeZone === "UTC") return 0;
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const part: Record<string, number> = {};
  for (const p of formatter.formatToParts(instant)) part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

function offsetMinutes(offset: string): number {
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The machine-readable form, for `<time datetime>`, feeds and JSON-LD: as precise as the source, no more. */
export function isoDate(date: ArchiveDate): string {
  switch (date.precision) {
    case "year":
      return pad(date.year, 4);
    case "month":
      return `${pad(date.year, 4)}-${pad(date.month)}`;
    case "day":
      return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
    case "time": {
      const seconds = date.second === null ? "" : `:${pad(date.second)}`;
      return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(date.hour)}:${pad(date.minute)}${seconds}${date.offset ?? ""}`;
    }
  }
}

/** "30 October 2023, 20:08", "8 January 2020", "October 2019", "2019". */
export function displayDate(date: ArchiveDate): string {
  switch (date.precision) {
    case "year":
      return String(date.year);
    case "month":
      return `${monthName(date.month)} ${date.year}`;
    case "day":
      return `${date.day} ${monthName(date.month)} ${date.year}`;
    case "time":
      return `${date.day} ${monthName(date.month)} ${date.year}, ${pad(date.hour)}:${pad(date.minute)}`;
  }
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/**
 * Sorts a (localised) date by the start of the period it names, so "2019" sorts before
 * "2019-01-01" and after everything dated 2018.
 */
export function sortKey(date: ArchiveDate): string {
  switch (date.precision) {
    case "year":
      return `${pad(date.year, 4)}`;
    case "month":
      return `${pad(date.year, 4)}-${pad(date.month)}`;
    case "day":
      return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
    case "time":
      return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(date.hour)}:${pad(date.minute)}:${pad(date.second ?? 0)}`;
  }
}

/** The month an article is filed under, or null for a date known only to the year. */
export function monthOf(date: ArchiveDate): number | null {
  return date.precision === "year" ? null : date.month;
}
