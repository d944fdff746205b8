// The articles per month as an inline SVG bar chart, drawn at build time. Each bar links to its
// month page. The drawing is an image to assistive technology (role="img", a title and a summary);
// the month-by-month numbers and the same links are in the month list every page with a chart
// also shows. So the bar links are for pointers only: an image cannot hold links (axe's
// nested-interactive), and keyboard users would otherwise tab through every month twice.
import { monthName } from "../content/dates.ts";
import { html, type SafeHtml } from "../util/html.ts";
import type { Month } from "../content/model.ts";
import { plural } from "../content/problems.ts";
import type { Link } from "../content/urls.ts";

export type MonthCount = Pick<Month, "year" | "month" | "name" | "count" | "path">;

export interface YearMonth {
  year: number;
  month: number;
}

export interface TimelineOptions {
  /** Unique on the page: the ids of the chart's title and description derive from it. */
  id: string;
  /** The range drawn, months without articles included; by default the first to the last month given. */
  from?: YearMonth;
  to?: YearMonth;
}

const WIDTH = 720;
const MAX_SLOT = 48;
const PLOT_TOP = 4;
const PLOT_HEIGHT = 120;
/**
 * The chart scales to its column, so its labels are drawn twice, each set sized to be read at
 * LABEL_PX in the narrowest column it is shown in (style.css shows one by the window's width): on
 * a desktop the column is at most 720 px; on a phone it can be 300 px, and the chart is drawn at
 * under half its size there.
 */
const LABEL_PX = 12.5;
const LABEL_SETS = [
  { name: "wide", column: 720 },
  { name: "narrow", column: 300 },
];
/** In ems of the labels' font, with room to spare: "Sep", "S" (its initial), "2024"; and the gap kept between years. */
const MONTH_LABEL_EMS = 2.4;
const INITIAL_LABEL_EMS = 1.2;
const YEAR_LABEL_EMS = 2.6;
const YEAR_GAP_EMS = 3.3;

export function timelineChart(link: Link, months: readonly MonthCount[], options: TimelineOptions): SafeHtml {
  const sorted = [...months].sort((a, b) => index(a) - index(b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return html``;
  const from = index(options.from ?? first);
  const slots = index(options.to ?? last) - from + 1;
  const slot = Math.min(MAX_SLOT, WIDTH / slots);
  const width = slot * slots;
  const fontSize = (column: number) => (LABEL_PX * width) / column;
  const baseline = PLOT_TOP + PLOT_HEIGHT;
  const height = Math.ceil(baseline + 4 + 1.15 * Math.max(...LABEL_SETS.map((set) => fontSize(set.column))));
  const max = Math.max(...sorted.map((m) => m.count));
  const total = sorted.reduce((sum, m) => sum + m.count, 0);
  const busiest = sorted.filter((m) => m.count === max);
  const at = (i: number) => ({ year: Math.floor((from + i) / 12), month: ((from + i) % 12) + 1 });
  const firstName = `${monthName(at(0).month)} ${at(0).year}`;
  const lastName = `${monthName(at(slots - 1).month)} ${at(slots - 1).year}`;

  const x = (m: MonthCount) => (index(m) - from) * slot;
  const bars = sorted.map((m) => {
    const barHeight = Math.max(2, (m.count / max) * PLOT_HEIGHT);
    return html`<rect class="timeline-bar" x="${n(x(m) + slot * 0.15)}" y="${n(baseline - barHeight)}" width="${n(slot * 0.7)}" height="${n(barHeight)}"/>`;
  });
  // The whole column is the link, so a thin bar is still easy to hit.
  const links = sorted.map(
    (m) =>
      html`<a href="${link(m.path)}" tabindex="-1"><title>${m.name}: ${plural(m.count, "article")}</title><rect x="${n(x(m))}" y="${PLOT_TOP}" width="${n(slot)}" height="${PLOT_HEIGHT}" fill-opacity="0"/></a>`,
  );

  const labels = (size: number) => {
    const y = n(baseline + 3 + 0.9 * size);
    const yearGap = YEAR_GAP_EMS * size;
    const yearStep = Math.ceil(yearGap / (slot * 12));
    return Array.from({ length: slots }, (_, i) => at(i)).flatMap(({ year, month }, i) => {
      if (slot >= INITIAL_LABEL_EMS * size) {
        const label = slot >= MONTH_LABEL_EMS * size ? monthName(month).slice(0, 3) : monthName(month).slice(0, 1);
        return [html`<text x="${n(i * slot + slot / 2)}" y="${y}" text-anchor="middle">${label}</text>`];
      }
      // The first slot is labelled too, unless the next January's label would run into it.
      const labelled = month === 1 || (i === 0 && (13 - month) * slot >= yearGap);
      if (!labelled || year % yearStep !== 0) return [];
      // A label too near the right edge ends there instead of running off it.
      const overflows = i * slot + YEAR_LABEL_EMS * size > width;
      return [html`<text x="${n(overflows ? width : i * slot)}" y="${y}"${overflows ? html` text-anchor="end"` : ""}>${year}</text>`];
    });
  };

  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return html`<div class="timeline">
<svg viewBox="0 0 ${n(width)} ${height}" width="${n(width)}" height="${height}" fill="currentColor" xmlns="http://www.w3.org/2000/svg">
<g role="img" aria-labelledby="${titleId} ${descId}">
<title id="${titleId}">Articles per month, ${firstName} to ${lastName}</title>
<desc id="${descId}">${plural(total, "article")} dated to a month; ${busiest.length === 1 ? `the busiest month is ${busiest[0]!.name} with ${plural(max, "article")}` : `at most ${plural(max, "article")} in a month`}. Each month's number is in the list of months.</desc>
<line class="timeline-axis" x1="0" y1="${baseline}" x2="${n(width)}" y2="${baseline}" stroke="currentColor"/>
${bars}
${LABEL_SETS.map((set) => html`<g class="timeline-labels-${set.name}" font-size="${n(fontSize(set.column))}">${labels(fontSize(set.column))}</g>\n`)}</g>
<g class="timeline-links" aria-hidden="true">${links}</g>
</svg>
</div>`;
}

function index(m: YearMonth): number {
  return m.year * 12 + m.month - 1;
}

/** Coordinates to two decimals: short, and the same on every build. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}
