// Every page kind in a real browser: two sites built with the CLI (tests/helpers/sites-under-test.ts),
// served from 127.0.0.1 and opened in Debian's Chromium, with every request off the machine blocked.
// For each kind: no script error or failed request; the keyboard reaches every link in document
// order with a focus ring that shows; no sideways scrolling on a phone or a desktop, in the light and
// the dark scheme; legible text; text in each language runs in its direction; and without
// JavaScript the page still reads and its links work.
// Screenshots of every page kind (phone and desktop, light and dark) go to the folder printed first.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromiumMissing, launchChromium, openPage, transitionsDone, type OpenedPage } from "../helpers/chromium.ts";
import { removeTempDirs } from "../helpers/project.ts";
import { buildSitesUnderTest, pagesToVisit, type BuiltSite, type Visit } from "../helpers/sites-under-test.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const SCREENSHOTS = path.join(os.tmpdir(), "news-archive-screenshots");
const VIEWPORTS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } } as const;
const SCHEMES = ["light", "dark"] as const;
/** Below this a text is hard to read on any screen (Lighthouse's legible-font-size threshold). */
const MIN_TEXT_PX = 12;
/** WCAG 2.2 1.4.11 and 2.4.13: a focus indicator contrasts at least 3:1 with what is around it. */
const MIN_FOCUS_CONTRAST = 3;

interface Served {
  site: BuiltSite;
  server: StaticServer;
  visits: Visit[];
  /** JavaScript on: one page, moved between viewports and schemes. */
  live: OpenedPage;
  /** What each page's <main> says with JavaScript on, by visited path. */
  liveText: Map<string, string>;
  /**
   * JavaScript on, a desktop, and the reader's wish for less motion: focus scrolls into view at
   * once rather than smoothly, so where the focused element ends up can be read at once.
   */
  keys: OpenedPage;
  /** JavaScript off. */
  still: OpenedPage;
  /** Navigation links already followed without JavaScript: each destination is clicked through once. */
  followed: Set<string>;
}

/** A focusable element, as the page lists it before any key is pressed. */
interface Stop {
  index: number;
  label: string;
  skipLink: boolean;
  /** Inside <main> or after it: where focus goes after the skip link. */
  fromMain: boolean;
  /** Computed outline and box-shadow with nothing focused. */
  idle: string;
}

/** What the page shows while an element has keyboard focus. */
interface Focused {
  label: string;
  ring: string;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
  contrast: number;
  onScreen: boolean;
}

let browser: Browser;
const served = new Map<string, Served>();
/** Page kinds already photographed: each once, from the first site that has it. */
const screenshotted = new Set<string>();

describe("every page kind in Chromium", { skip: chromiumMissing() }, () => {
  before(async () => {
    const [sites] = await Promise.all([buildSitesUnderTest(), (async () => (browser = await launchChromium()))()]);
    await rm(SCREENSHOTS, { recursive: true, force: true });
    await mkdir(SCREENSHOTS, { recursive: true });
    console.log(`screenshots of every page kind: ${SCREENSHOTS}`);
    for (const site of sites) {
      served.set(site.id, {
        site,
        server: await serveStatic(site.out, site.prefix),
        visits: await pagesToVisit(site.out),
        live: await openPage(browser),
        liveText: new Map(),
        keys: await openPage(browser, { viewport: VIEWPORTS.desktop, reducedMotion: "reduce" }),
        still: await openPage(browser, { javaScriptEnabled: false }),
        followed: new Set(),
      });
    }
  });

  after(async () => {
    await browser?.close();
    for (const s of served.values()) await s.server.close();
    await removeTempDirs();
  });

  for (const id of ["real", "kinds"]) {
    test(`site "${id}"`, async (t) => {
      const s = served.get(id)!;
      t.diagnostic(`${s.site.name}: ${s.visits.map((v) => `${v.kind} ${v.path}`).join(", ")}`);
      for (const visit of s.visits) {
        const url = `${s.server.origin}${s.site.prefix}${visit.path.slice(1)}`;
        await t.test(`${visit.kind} ${visit.path}`, async (t) => {
          await t.test("loads without errors; fits 375 and 1280 px in light and dark without sideways scrolling; text is legible", () => layouts(s, visit, url));
          await t.test("the keyboard reaches every link in order with a visible focus ring, light and dark; the skip link comes first and moves focus to main", () => keyboard(s.keys, visit, url));
          await t.test("without JavaScript the content is there and the navigation links work", () => withoutJavaScript(s, visit, url));
        });
      }
    });
  }
});

async function load(opened: OpenedPage, visit: Visit, url: string): Promise<void> {
  opened.errors.length = 0;
  opened.failed.length = 0;
  const response = await opened.page.goto(url);
  assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
  if (visit.ready !== undefined) await opened.page.locator(visit.ready).first().waitFor();
}

function assertClean(opened: OpenedPage, where: string): void {
  assert.deepEqual(opened.errors, [], `${where}: console or script errors`);
  assert.deepEqual(opened.failed, [], `${where}: failed requests`);
  assert.deepEqual(opened.blocked, [], `${where}: requests that tried to leave the machine`);
}

async function layouts(s: Served, visit: Visit, url: string): Promise<void> {
  const { page } = s.live;
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.emulateMedia({ colorScheme: "light" });
  await load(s.live, visit, url);
  s.liveText.set(visit.path, (await page.locator("main").innerText()).trim());
  assert.deepEqual(await wrongDirections(page), [], `${visit.path}: text set in the wrong direction for its language`);
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await transitionsDone(page);
      const where = `${visit.path} at ${viewport.width} px, ${scheme}`;
      const width = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
      assert.ok(width.scroll <= width.inner, `${where}: the page is ${width.scroll} px wide in a ${width.inner} px window`);
      const tiny = await smallText(page);
      assert.deepEqual(tiny, [], `${where}: text smaller than ${MIN_TEXT_PX} px`);
      assert.deepEqual(await overlappingChartLabels(page), [], `${where}: chart labels drawn over each other`);
      if (!screenshotted.has(visit.kind)) {
        const kind = visit.kind.replace(/[^a-z0-9]+/gi, "-");
        await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-${name}-${scheme}.png`), fullPage: true });
      }
    }
  }
  screenshotted.add(visit.kind);
  assertClean(s.live, visit.path);
}

/** Visible text drawn smaller than MIN_TEXT_PX, as "size px: text"; SVG text at its drawn size. */
function smallText(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const element = node.parentElement;
      if (element === null || node.textContent!.trim() === "" || !element.checkVisibility({ visibilityProperty: true })) continue;
      // Visually hidden text (the skip link at rest, "articles" after a count) is a 1 px box.
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || element.closest("title, desc") !== null) continue;
      const scale = element instanceof SVGGraphicsElement ? (element.getScreenCTM()?.a ?? 1) : 1;
      const size = parseFloat(getComputedStyle(element).fontSize) * scale;
      if (size < min - 0.05) small.push(`${size.toFixed(1)} px: ${node.textContent!.trim().slice(0, 40)}`);
    }
    return small;
  }, MIN_TEXT_PX);
}

/**
 * Elements with a lang attribute whose text runs the other way than the language is written, as
 * "<tag lang> runs ltr": Chromium's own knowledge of each language (Intl.Locale) is the reference.
 */
function wrongDirections(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[lang]")].flatMap((el) => {
      const locale = new Intl.Locale(el.lang) as Intl.Locale & { getTextInfo?: () => { direction: string }; textInfo?: { direction: string } };
      const expected = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
      const actual = getComputedStyle(el).direction;
      return expected === undefined || expected === actual ? [] : [`<${el.tagName.toLowerCase()} lang="${el.lang}"> runs ${actual}`];
    }),
  );
}

/** Pairs of visible SVG labels whose boxes overlap, as "a / b". */
function overlappingChartLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const overlaps: string[] = [];
    for (const svg of document.querySelectorAll("svg")) {
      const labels = [...svg.querySelectorAll("text")].filter((t) => t.checkVisibility()).map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      labels.forEach((a, i) => {
        for (const b of labels.slice(i + 1)) {
          if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom) overlaps.push(`${a.text} / ${b.text}`);
        }
      });
    }
    return overlaps;
  });
}

async function keyboard(opened: OpenedPage, visit: Visit, url: string): Promise<void> {
  const { page } = opened;
  await page.emulateMedia({ colorScheme: "light" });
  await load(opened, visit, url);
  const stops = await tabStops(page);
  assert.ok(stops.length > 0 && stops[0]!.skipLink, `${visit.path}: the first thing the keyboard reaches is not the skip link but ${stops[0]?.label}`);
  const reached: Focused[] = [];
  for (let i = 0; i <= stops.length; i += 1) {
    await page.keyboard.press("Tab");
    reached.push(...(await rings(page, "focused")));
  }
  // After the last stop, focus leaves the page for the browser's own controls, or (headless,
  // which has none) starts again at the first.
  const wrapped = reached.at(-1)!.label === stops[0]!.label ? stops[0]!.label : LEFT_THE_PAGE;
  assert.deepEqual(
    reached.map((r) => r.label),
    [...stops.map((s) => s.label), wrapped],
    `${visit.path}: Tab does not reach every link and control in document order`,
  );
  assertRings(visit, "light", stops, reached.slice(0, -1));
  // The same stops in the dark scheme: each focused in turn, which shows the keyboard's focus
  // ring as the last thing the reader used was the keyboard.
  await page.emulateMedia({ colorScheme: "dark" });
  await transitionsDone(page);
  assertRings(visit, "dark", stops, await rings(page, "each stop"));
  assertClean(opened, visit.path);

  // The skip link: first Tab, Enter, and focus is on <main>; the next Tab is the first stop in it.
  await page.emulateMedia({ colorScheme: "light" });
  await load(opened, visit, url);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main", `${visit.path}: the skip link does not move focus to main`);
  await page.keyboard.press("Tab");
  const next = stops.find((s) => s.fromMain);
  assert.equal((await rings(page, "focused"))[0]!.label, next?.label ?? LEFT_THE_PAGE, `${visit.path}: after the skip link, Tab does not go on from main`);
}

function assertRings(visit: Visit, scheme: string, stops: Stop[], focusedStops: Focused[]): void {
  assert.equal(focusedStops.length, stops.length);
  for (const [i, r] of focusedStops.entries()) {
    const where = `${visit.path}, ${scheme}: ${r.label}`;
    assert.notEqual(r.ring, stops[i]!.idle, `${where} looks the same focused as not`);
    assert.ok((r.outlineStyle !== "none" && r.outlineWidth >= 2) || r.boxShadow !== "none", `${where}: no outline or shadow of at least 2 px (${r.ring})`);
    assert.ok(r.contrast >= MIN_FOCUS_CONTRAST, `${where}: the focus ring contrasts ${r.contrast.toFixed(2)}:1 with the background behind it`);
    assert.ok(r.onScreen, `${where}: the focused element is not on the screen`);
  }
}

/** Numbers every element the keyboard should reach, in document order (data-stop), and lists them. */
function tabStops(page: Page): Promise<Stop[]> {
  return page.evaluate(() => {
    const main = document.querySelector("main");
    const candidates = [...document.querySelectorAll<HTMLElement | SVGElement>("a[href], button, input, select, textarea, details > summary:first-of-type, [tabindex]")];
    const reachable = candidates.filter((el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.checkVisibility({ visibilityProperty: true }));
    return reachable.map((el, index) => {
      el.dataset.stop = String(index);
      const style = getComputedStyle(el);
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 50);
      return {
        index,
        label: `<${el.tagName.toLowerCase()}> ${el.getAttribute("href") ?? el.id} “${text}”`,
        skipLink: el.classList.contains("skip-link") && el.getAttribute("href") === "#main",
        fromMain: main !== null && (main.contains(el) || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0),
        idle: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} ${style.outlineOffset} | ${style.boxShadow}`,
      };
    });
  });
}

const LEFT_THE_PAGE = "(focus left the page)";

/**
 * The focus ring of the focused element, or of each stop focused in turn: its style, its contrast
 * with the nearest background behind it, and whether the element is on the screen.
 */
function rings(page: Page, which: "focused" | "each stop"): Promise<Focused[]> {
  return page.evaluate(
    ([which, left]) => {
      const targets = which === "focused" ? [document.activeElement as HTMLElement | null] : [...document.querySelectorAll<HTMLElement>("[data-stop]")];
      const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      return targets.map((el) => {
        if (el === null || el === document.body) return { label: left, ring: "", outlineStyle: "", outlineWidth: 0, boxShadow: "", contrast: 0, onScreen: false };
        if (which === "each stop") el.focus();
        const style = getComputedStyle(el);
        // An outline drawn outside the element sits on its parent's background, one drawn inside on its own.
        let behind: Element | null = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
        while (behind !== null && (rgb(getComputedStyle(behind).backgroundColor)[3] ?? 1) === 0) behind = behind.parentElement;
        const [a, b] = [luminance(rgb(style.outlineColor)), luminance(rgb(getComputedStyle(behind ?? document.documentElement).backgroundColor))];
        const box = el.getBoundingClientRect();
        const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 50);
        return {
          label: `<${el.tagName.toLowerCase()}> ${el.getAttribute("href") ?? el.id} “${text}”`,
          ring: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} ${style.outlineOffset} | ${style.boxShadow}`,
          outlineStyle: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth),
          boxShadow: style.boxShadow,
          contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        };
      });
    },
    [which, LEFT_THE_PAGE] as const,
  );
}

async function withoutJavaScript(s: Served, visit: Visit, url: string): Promise<void> {
  const { page } = s.still;
  if (visit.ready !== undefined) return; // a state that only JavaScript produces
  await load(s.still, visit, url);
  const heading = page.locator("main h1");
  assert.equal(await heading.isVisible(), true, `${visit.path}: no visible heading without JavaScript`);
  const text = (await page.locator("main").innerText()).trim();
  if (visit.kind !== "search") assert.equal(text, s.liveText.get(visit.path), `${visit.path}: JavaScript changes what the page says`);
  // The links in the page's navigation regions (site, pages, older/newer) lead to pages that load.
  const links = await page.locator("nav a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  assert.ok(links.length >= 4, `${visit.path}: only ${links.length} navigation links`);
  for (const [i, href] of links.entries()) {
    if (s.followed.has(href)) continue;
    s.followed.add(href);
    await Promise.all([page.waitForURL(href), page.locator("nav a[href]").nth(i).click()]);
    assert.equal(await page.locator("main h1").isVisible(), true, `${visit.path} → ${href}: no page`);
    await page.goBack();
  }
  assertClean(s.still, visit.path);
}
