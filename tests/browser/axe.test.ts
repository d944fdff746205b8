// Accessibility rules on every page kind: axe-core (through @axe-core/playwright) in Debian's
// Chromium, WCAG 2.0, 2.1 and 2.2 A and AA plus axe's best practices, with zero violations, on a
// desktop in the light and the dark scheme. A phone's width changes only the layout, so there the
// rules that read the layout run again, in both schemes. The same two built sites as the other
// browser tests (tests/helpers/sites-under-test.ts), served from 127.0.0.1.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { chromiumMissing, launchChromium, openPage, transitionsDone, type OpenedPage } from "../helpers/chromium.ts";
import { removeTempDirs } from "../helpers/project.ts";
import { buildSitesUnderTest, pagesToVisit, type BuiltSite, type Visit } from "../helpers/sites-under-test.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
/** The rules that read the layout: target sizes and spacing, contrast over what is now behind text, scrolling boxes. */
const LAYOUT_RULES = ["target-size", "color-contrast", "link-in-text-block", "scrollable-region-focusable"];
/** After the first, each run reuses the axe that @axe-core/playwright put in the page: injecting it costs more than a run. */
const RUNS = [
  { name: "1280 px light", viewport: DESKTOP, scheme: "light", only: { type: "tag", values: TAGS } },
  { name: "1280 px dark", viewport: DESKTOP, scheme: "dark", only: { type: "tag", values: TAGS } },
  { name: "375 px light, layout rules", viewport: PHONE, scheme: "light", only: { type: "rule", values: LAYOUT_RULES } },
  { name: "375 px dark, layout rules", viewport: PHONE, scheme: "dark", only: { type: "rule", values: LAYOUT_RULES } },
] as const;

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe's result in the page, already injected: window.axe.run with only the rules asked for. */
function rerun(page: Page, only: (typeof RUNS)[number]["only"]): Promise<Violation[]> {
  return page.evaluate(
    (only) => (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe.run(document, { runOnly: only, resultTypes: ["violations"] }).then((r) => r.violations),
    only,
  );
}

interface Served {
  site: BuiltSite;
  server: StaticServer;
  visits: Visit[];
  opened: OpenedPage;
}

let browser: Browser;
const served = new Map<string, Served>();

describe("axe on every page kind", { skip: chromiumMissing() }, () => {
  before(async () => {
    const [sites] = await Promise.all([buildSitesUnderTest(), (async () => (browser = await launchChromium()))()]);
    for (const site of sites) {
      served.set(site.id, { site, server: await serveStatic(site.out, site.prefix), visits: await pagesToVisit(site.out), opened: await openPage(browser) });
    }
  });

  after(async () => {
    await browser?.close();
    for (const s of served.values()) await s.server.close();
    await removeTempDirs();
  });

  for (const id of ["real", "kinds"]) {
    test(`site "${id}"`, async (t) => {
      const { site, server, visits, opened } = served.get(id)!;
      const { page } = opened;
      for (const visit of visits) {
        await t.test(`${visit.kind} ${visit.path}: no violations at 1280 and 375 px, light and dark`, async () => {
          opened.errors.length = 0;
          await page.setViewportSize(DESKTOP);
          await page.emulateMedia({ colorScheme: "light" });
          await page.goto(`${server.origin}${site.prefix}${visit.path.slice(1)}`);
          if (visit.ready !== undefined) await page.locator(visit.ready).first().waitFor();
          const found: string[] = [];
          for (const [i, run] of RUNS.entries()) {
            await page.setViewportSize(run.viewport);
            await page.emulateMedia({ colorScheme: run.scheme });
            await transitionsDone(page);
            // Legacy mode runs axe in the page itself, as one call, rather than in parts gathered
            // in a second page: this page has no frames for the parts to come from.
            const violations: Violation[] = i === 0 ? (await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze()).violations : await rerun(page, run.only);
            for (const v of violations) {
              const nodes = v.nodes.map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`).join("\n");
              found.push(`${run.name}: ${v.id} (${v.impact}) ${v.help}\n${nodes}`);
            }
          }
          assert.deepEqual(found, [], `${visit.path}:\n${found.join("\n")}`);
          assert.deepEqual(opened.errors, []);
          assert.deepEqual(opened.blocked, []);
        });
      }
    });
  }
});
