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

export type DateResult = { ok: true; date: ArchiveDate } | { ok: false; message: string };

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const FORM =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** What a page shows in place of the date of an article that has none. */
export const UNDATED = "Undated";

export const DATE_FORMS = '"2023-10-30T20:08+03:00", "2023-10-30T20:08", "2023-10-30", "2019-10" or "2019"';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses the date as written. YAML's own timestamps are never used: they roll 2020-02-30 over to March. */
export function parseDate(text: string): DateResult {
  const m = FORM.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not a date form this archive reads` };
  const [, y, mo, d, h, mi, s, offset] = m;
  const year = Number(y);
  if (mo === undefined) return { ok: true, date: { precision: "year", year } };
  const month = Number(mo);
  if (month < 1 || month > 12) return { ok: false, message: `"${text}" has no month ${mo}` };
  if (d === undefined) return { ok: true, date: { precision: "month", year, month } };
  const day = Number(d);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, message: `"${text}" is not a real date (${MONTHS[month - 1]} ${year} has ${last} days)` };
  }
  if (h === undefined || mi === undefined) return { ok: true, date: { precision: "day", year, month, day } };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? null : Number(s);
  if (hour > 23 || minute > 59 || (second !== null && second > 59)) {
    return { ok: false, message: `"${text}" is not a real time of day` };
  }
  if (offset !== undefined && offset !== "Z" && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4)) > 59)) {
    return { ok: false, message: `"${text}" has an impossible UTC offset ${offset}` };
  }
  return { ok: true, date: { precision: "time", year, month, day, hour, minute, second, offset: offset ?? null } };
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
 * through Intl but builds a formatter per call (about 250 µs); one cached formatter per zone
 * makes a 10,000-article archive's dates cost milliseconds instead of seconds.
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
