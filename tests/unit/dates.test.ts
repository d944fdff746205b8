/**
 * src/content/dates.ts: dates at the precision the source supports. Written text is validated as written
 * (never rolled over the way YAML or `Date` would), and a date without a time of day is never
 * moved to another day by a time zone.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { displayDate, isoDate, localise, monthOf, parseDate, sortKey, type ArchiveDate } from "../../src/content/dates.ts";

function parsed(text: string): ArchiveDate {
  const result = parseDate(text);
  assert.ok(result.ok, `${text}: ${result.ok ? "" : result.message}`);
  return result.date;
}

describe("parseDate reads every precision", () => {
  const CASES: [string, ArchiveDate][] = [
    ["2019", { precision: "year", year: 2019 }],
    ["2019-10", { precision: "month", year: 2019, month: 10 }],
    ["2020-01-08", { precision: "day", year: 2020, month: 1, day: 8 }],
    ["2023-10-30T20:08", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: null, offset: null }],
    ["2023-10-30 20:08", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: null, offset: null }],
    ["2023-10-30T20:08:15", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: 15, offset: null }],
    ["2023-10-30T20:08+03:00", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: null, offset: "+03:00" }],
    ["2023-10-30T20:08:00Z", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: 0, offset: "Z" }],
    ["2023-10-30T00:00-05:30", { precision: "time", year: 2023, month: 10, day: 30, hour: 0, minute: 0, second: null, offset: "-05:30" }],
    [" 2019-10 ", { precision: "month", year: 2019, month: 10 }],
    // RFC 3339 and ISO 8601 as generators write them: fractions, offsets without a colon or minutes.
    ["2023-10-30T20:08:15.123Z", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: 15, offset: "Z" }],
    ["2023-10-30T20:08:15,5+02:00", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: 15, offset: "+02:00" }],
    ["2023-10-30t20:08:15z", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: 15, offset: "Z" }],
    ["2023-10-30T20:08+0300", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: null, offset: "+03:00" }],
    ["2023-10-30T20:08:00+02", { precision: "time", year: 2023, month: 10, day: 30, hour: 20, minute: 8, second: 0, offset: "+02:00" }],
    // Jekyll's own form (Ruby's Time#to_s), and the zone names Ruby reads.
    ["2013-05-06 02:12:52 +0200", { precision: "time", year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offset: "+02:00" }],
    ["2013-05-06 02:12:52 -0000", { precision: "time", year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offset: "-00:00" }],
    ["2013-05-06 02:12:52 UTC", { precision: "time", year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offset: "Z" }],
    ["2013-05-06 02:12 EST", { precision: "time", year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: null, offset: "-05:00" }],
    ["2013-05-06  02:12:52", { precision: "time", year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offset: null }],
  ];
  for (const [text, date] of CASES) {
    test(JSON.stringify(text), () => assert.deepEqual(parseDate(text), { ok: true, date }));
  }
});

describe("parseDate reads a date without leading zeros, and says how to write it", () => {
  const CASES: [string, ArchiveDate, string][] = [
    ["2024-4-9", { precision: "day", year: 2024, month: 4, day: 9 }, "2024-04-09"],
    ["2020-1-8", { precision: "day", year: 2020, month: 1, day: 8 }, "2020-01-08"],
    ["2019-7", { precision: "month", year: 2019, month: 7 }, "2019-07"],
    ["2016-09-27 14:00:00 -4", { precision: "time", year: 2016, month: 9, day: 27, hour: 14, minute: 0, second: 0, offset: "-04:00" }, "2016-09-27T14:00:00-04:00"],
    ["2013-05-06 2:12:52 +0200", { precision: "time", year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offset: "+02:00" }, "2013-05-06T02:12:52+02:00"],
  ];
  for (const [text, date, padded] of CASES) {
    test(`${JSON.stringify(text)} → ${padded}`, () => assert.deepEqual(parseDate(text), { ok: true, date, padded }));
  }

  test("an unpadded impossible date is still refused", () => {
    assert.deepEqual(parseDate("2020-2-30"), { ok: false, message: '"2020-2-30" is not a real date (February 2020 has 29 days)' });
  });
});

describe("parseDate reads dates in English words: the month is named, so nothing is ambiguous", () => {
  const CASES: [string, ArchiveDate][] = [
    ["July 27, 2021", { precision: "day", year: 2021, month: 7, day: 27 }],
    ["27 July 2021", { precision: "day", year: 2021, month: 7, day: 27 }],
    ["Sept 3rd, 2020", { precision: "day", year: 2020, month: 9, day: 3 }],
    ["Jul 08 2022", { precision: "day", year: 2022, month: 7, day: 8 }],
    ["October 2019", { precision: "month", year: 2019, month: 10 }],
    ["Tue, 10 Jun 2014 10:00:00 +0000", { precision: "time", year: 2014, month: 6, day: 10, hour: 10, minute: 0, second: 0, offset: "+00:00" }],
  ];
  for (const [text, date] of CASES) {
    test(JSON.stringify(text), () => assert.deepEqual(parseDate(text), { ok: true, date }));
  }

  test("an impossible date in words is refused as written", () => {
    assert.deepEqual(parseDate("February 30, 2020"), { ok: false, message: '"February 30, 2020" is not a real date (February 2020 has 29 days)' });
  });
});

describe("parseDate leaves out what Ruby's Time.parse (and so Jekyll) leaves out, and says so", () => {
  test("a note in brackets after the date", () => {
    assert.deepEqual(parseDate("2016-07-22 (optional)"), { ok: true, date: { precision: "day", year: 2016, month: 7, day: 22 }, ignored: "(optional)" });
  });

  test("the year written again after the time", () => {
    assert.deepEqual(parseDate("2023-01-29 18:30:22 2023 -0800"), {
      ok: true,
      date: { precision: "time", year: 2023, month: 1, day: 29, hour: 18, minute: 30, second: 22, offset: "-08:00" },
      ignored: "2023",
    });
    assert.equal(parseDate("2023-01-29 18:30:22 2024 -0800").ok, false, "another year is not the same year twice");
  });
});

describe("parseDate refuses impossible and unknown dates with a message", () => {
  const CASES: [string, string][] = [
    ["2020-02-30", '"2020-02-30" is not a real date (February 2020 has 29 days)'],
    ["2019-02-29", '"2019-02-29" is not a real date (February 2019 has 28 days)'],
    ["1900-02-29", '"1900-02-29" is not a real date (February 1900 has 28 days)'],
    ["2020-04-31", '"2020-04-31" is not a real date (April 2020 has 30 days)'],
    ["2020-01-00", '"2020-01-00" is not a real date (January 2020 has 31 days)'],
    ["2020-13", '"2020-13" has no month 13'],
    ["2020-00-10", '"2020-00-10" has no month 00'],
    ["tomorrow", '"tomorrow" is not a date form this archive reads'],
    ["2019-10-01 at noon", '"2019-10-01 at noon" is not a date form this archive reads'],
    ["Smarch 3, 2020", '"Smarch 3, 2020" is not a date form this archive reads'],
    ["2019-10-", '"2019-10-" is not a date form this archive reads'],
    ["", '"" is not a date form this archive reads'],
    ["2023-10-30T24:00", '"2023-10-30T24:00" is not a real time of day'],
    ["2023-10-30T20:60", '"2023-10-30T20:60" is not a real time of day'],
    ["2023-10-30T20:08:60", '"2023-10-30T20:08:60" is not a real time of day'],
    ["2023-10-30T20:08+15:00", '"2023-10-30T20:08+15:00" has an impossible UTC offset +15:00'],
    ["2023-10-30T20:08+03:60", '"2023-10-30T20:08+03:60" has an impossible UTC offset +03:60'],
    ["2023-10-30T20:08+1500", '"2023-10-30T20:08+1500" has an impossible UTC offset +15:00'],
    ["2013-05-06 02:12:52 XYZ", '"2013-05-06 02:12:52 XYZ" names a time zone, XYZ, this archive does not know'],
    ["2019-100", '"2019-100" is not a date form this archive reads'],
  ];
  for (const [text, message] of CASES) {
    test(JSON.stringify(text), () => {
      const result = parseDate(text);
      assert.deepEqual(result.ok ? result : { ok: false, message: result.message }, { ok: false, message });
    });
  }

  test("a date with slashes is refused: day and month could be either way round", () => {
    assert.deepEqual(parseDate("03/04/2020"), {
      ok: false,
      message: '"03/04/2020" is ambiguous: it could be 3 April or March 4',
      fix: 'write it year first, as "2020-04-03" or "2020-03-04"',
    });
    assert.deepEqual(parseDate("30/10/2023"), {
      ok: false,
      message: '"30/10/2023" does not say which number is the day and which the month',
      fix: 'write it year first, as "2023-10-30"',
    });
    assert.deepEqual(parseDate("4.4.2020"), {
      ok: false,
      message: '"4.4.2020" does not say which number is the day and which the month',
      fix: 'write it year first, as "2020-04-04"',
    });
    assert.deepEqual(parseDate("31/02/2020"), { ok: false, message: '"31/02/2020" is not a real date' });
  });

  test("29 February is accepted in leap years only", () => {
    assert.equal(parseDate("2020-02-29").ok, true);
    assert.equal(parseDate("2000-02-29").ok, true);
    assert.equal(parseDate("2019-02-29").ok, false);
  });
});

describe("display and machine forms keep the precision", () => {
  const CASES: [text: string, shown: string, iso: string][] = [
    ["2023-10-30T20:08", "30 October 2023, 20:08", "2023-10-30T20:08"],
    ["2023-10-30T20:08:15+03:00", "30 October 2023, 20:08", "2023-10-30T20:08:15+03:00"],
    ["2020-01-08", "8 January 2020", "2020-01-08"],
    ["2019-10", "October 2019", "2019-10"],
    ["2019", "2019", "2019"],
    ["0950-03", "March 950", "0950-03"],
  ];
  for (const [text, shown, iso] of CASES) {
    test(`${text} → "${shown}", datetime="${iso}"`, () => {
      assert.equal(displayDate(parsed(text)), shown);
      assert.equal(isoDate(parsed(text)), iso);
    });
  }

  test("a month or year is never given a day", () => {
    assert.doesNotMatch(displayDate(parsed("2019-10")), /\d{1,2} October|1 October/);
    assert.equal(monthOf(parsed("2019")), null);
    assert.equal(monthOf(parsed("2019-10")), 10);
  });
});

describe("localise into the site's time zone", () => {
  const CASES: [text: string, zone: string, iso: string, shown: string][] = [
    // A time with a zone is shown in the site's zone, even if that changes the day.
    ["2023-10-30T22:30Z", "Asia/Baghdad", "2023-10-31T01:30+03:00", "31 October 2023, 01:30"],
    ["2020-01-08T02:00:30Z", "America/New_York", "2020-01-07T21:00:30-05:00", "7 January 2020, 21:00"],
    ["2023-10-30T20:08+03:00", "UTC", "2023-10-30T17:08+00:00", "30 October 2023, 17:08"],
    // Either side of the clocks going back in London.
    ["2023-10-29T00:30Z", "Europe/London", "2023-10-29T01:30+01:00", "29 October 2023, 01:30"],
    ["2023-10-29T01:30Z", "Europe/London", "2023-10-29T01:30+00:00", "29 October 2023, 01:30"],
    // A wall-clock time without a zone is kept as written.
    ["2023-10-30T20:08", "Pacific/Kiritimati", "2023-10-30T20:08", "30 October 2023, 20:08"],
    // Dates without a time are never shifted, in zones far either side of UTC.
    ["2020-01-08", "Pacific/Kiritimati", "2020-01-08", "8 January 2020"],
    ["2020-01-08", "Pacific/Pago_Pago", "2020-01-08", "8 January 2020"],
    ["2020-01-01", "America/Los_Angeles", "2020-01-01", "1 January 2020"],
    ["2019-10", "Pacific/Pago_Pago", "2019-10", "October 2019"],
    ["2019", "Pacific/Kiritimati", "2019", "2019"],
  ];
  for (const [text, zone, iso, shown] of CASES) {
    test(`${text} in ${zone} → ${iso}`, () => {
      const local = localise(parsed(text), zone);
      assert.equal(isoDate(local), iso);
      assert.equal(displayDate(local), shown);
    });
  }

  test("the result does not depend on the machine's own time zone", () => {
    const saved = process.env.TZ;
    try {
      const results = ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"].map((tz) => {
        process.env.TZ = tz;
        return ["2020-01-08", "2023-10-30T22:30Z", "2019-12-31T23:59+00:00"].map((t) => isoDate(localise(parsed(t), "Asia/Baghdad")));
      });
      assert.deepEqual(results[0], ["2020-01-08", "2023-10-31T01:30+03:00", "2020-01-01T02:59+03:00"]);
      assert.deepEqual(results[1], results[0]);
      assert.deepEqual(results[2], results[0]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("sortKey orders mixed precisions by the start of the period they name", () => {
  test("newest first: times, days, the month, the year, then the year before", () => {
    const texts = ["2019", "2019-10-03", "2018-12-31T23:59", "2019-10", "2019-10-28T06:15", "2019-10-15", "2020"];
    const newestFirst = [...texts].sort((a, b) => (sortKey(parsed(a)) < sortKey(parsed(b)) ? 1 : -1));
    assert.deepEqual(newestFirst, ["2020", "2019-10-28T06:15", "2019-10-15", "2019-10-03", "2019-10", "2019", "2018-12-31T23:59"]);
  });
});
