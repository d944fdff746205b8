// The timeline charts on the archive index and the year pages, read from a real build under a
// path prefix: an image with a title and summary, bars that link to month pages that exist, and
// the same numbers as text in the month list.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildOk, realArticlesProject, removeTempDirs } from "../helpers/project.ts";
import { anchorsIn, fileFor, innerOf, listFiles, mainOf, readPage, textOf } from "../helpers/site.ts";

after(removeTempDirs);

const PREFIX = "/news/";

interface Chart {
  title: string;
  desc: string;
  /** Each bar: the month page it links to and its tooltip. */
  bars: { href: string; title: string; focusable: boolean }[];
}

function chartOf(page: string): Chart {
  const svg = innerOf(mainOf(page), "svg");
  assert.ok(svg !== undefined, "no chart");
  const image = /<g role="img" aria-labelledby="([^" ]+) ([^" ]+)">/.exec(svg);
  assert.ok(image !== null, "the drawing is not an image with a title and description");
  const [, titleId, descId] = image;
  const title = new RegExp(`<title id="${titleId}">([^<]*)</title>`).exec(svg)?.[1];
  const desc = new RegExp(`<desc id="${descId}">([^<]*)</desc>`).exec(svg)?.[1];
  assert.ok(title !== undefined && desc !== undefined, "aria-labelledby names ids that are not the title and desc");
  const links = innerOf(svg, "g", ` class="timeline-links" aria-hidden="true"`) ?? "";
  const bars = [...links.matchAll(/<a href="([^"]+)"( tabindex="-1")?><title>([^<]*)<\/title>/g)].map((m) => ({ href: m[1]!, focusable: m[2] === undefined, title: textOf(m[3]!) }));
  return { title: textOf(title), desc: textOf(desc), bars };
}

describe("timeline charts of the five real articles", () => {
  let out: string;
  let built: Set<string>;
  before(async () => {
    ({ out } = await buildOk(await realArticlesProject("timeline"), { args: ["--path-prefix", PREFIX] }));
    built = new Set(await listFiles(out));
  });

  test("the archive draws every month from the first article's to the last's, one bar per month with articles", async () => {
    const chart = chartOf(await readPage(out, "/archive/"));
    assert.equal(chart.title, "Articles per month, October 2019 to January 2024");
    assert.match(chart.desc, /^4 articles dated to a month; at most 1 article in a month\./);
    assert.deepEqual(
      chart.bars.map((b) => [b.href, b.title]),
      [
        [`${PREFIX}archive/2019/10/`, "October 2019: 1 article"],
        [`${PREFIX}archive/2020/01/`, "January 2020: 1 article"],
        [`${PREFIX}archive/2023/10/`, "October 2023: 1 article"],
        [`${PREFIX}archive/2024/01/`, "January 2024: 1 article"],
      ],
    );
  });

  test("each bar links to a month page that was built, and is left out of the tab order", async () => {
    for (const page of ["/archive/", "/archive/2019/", "/archive/2024/"]) {
      for (const bar of chartOf(await readPage(out, page)).bars) {
        assert.ok(built.has(fileFor(bar.href.slice(PREFIX.length - 1))), `${page}: ${bar.href} is not a built page`);
        assert.equal(bar.focusable, false, "keyboard users reach the same months through the month list");
      }
    }
  });

  test("the numbers in the chart are on the page as text, with links to the same month pages", async () => {
    for (const page of ["/archive/", "/archive/2019/", "/archive/2020/"]) {
      const markup = await readPage(out, page);
      const main = mainOf(markup).replace(/<svg[\s\S]*<\/svg>/, "");
      const textLinks = anchorsIn(main);
      for (const bar of chartOf(markup).bars) {
        const [, name, count] = /^(.*): (\d+) articles?$/.exec(bar.title)!;
        const link = textLinks.find((a) => a.href === bar.href);
        assert.ok(link !== undefined && link.text === name, `${page}: no text link to ${name}`);
        const item = [...main.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!)).find((t) => t.startsWith(name!));
        assert.match(item ?? "", new RegExp(`^${name} ${count}( articles?)?$`), `${page}: the month list does not say ${bar.title}`);
      }
    }
  });

  test("a year page draws its twelve months, the months without articles as gaps", async () => {
    const chart = chartOf(await readPage(out, "/archive/2019/"));
    assert.equal(chart.title, "Articles per month, January 2019 to December 2019");
    assert.deepEqual(chart.bars.map((b) => b.title), ["October 2019: 1 article"]);
    const svg = innerOf(mainOf(await readPage(out, "/archive/2019/")), "svg")!;
    // The labels a desktop shows (a phone's set is sized for its narrower column).
    const labels = innerOf(svg, "g", ` class="timeline-labels-wide"`)!;
    assert.deepEqual(
      [...labels.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
      ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    );
  });
});
