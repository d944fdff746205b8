// Chromium for the browser tests: the system's /usr/bin/chromium (Debian's package) driven by
// playwright-core, never a downloaded browser. A page opened here can reach nothing but 127.0.0.1,
// so it can only use what the build wrote, and it records every script error and failed request.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Why the browser tests cannot run on this machine, or undefined when they can: for the `skip`
 * option of a describe. Only a machine without Chromium and without CI set skips; in CI a missing
 * browser throws, so the test file fails instead of passing unseen.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const install = "install it with `apt-get install -y chromium` (.ci/run does)";
  if ((process.env.CI ?? "") !== "") throw new Error(`${CHROMIUM_PATH} is missing and CI is set, so the browser tests fail: ${install}`);
  return `${CHROMIUM_PATH} is missing, so the browser tests are skipped on this machine: ${install}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Requests that did not complete or were answered with an HTTP error, as "url: why". */
  failed: string[];
  /** Requests to anywhere but 127.0.0.1: each was aborted before it left the machine. */
  blocked: string[];
}

/** A page in a fresh context (its own cache, scheme and viewport) that can reach only 127.0.0.1. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext(options);
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    if (new URL(route.request().url()).hostname === "127.0.0.1") return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  // tsx keeps function names with a `__name` helper, which a function sent to page.evaluate
  // would call in the page, where it does not exist.
  await context.addInitScript("globalThis.__name = (f) => f;");
  const page = await context.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "failed";
    // ERR_ABORTED is a request the page gave up, as a click to another page does with a favicon still loading.
    if (!blocked.includes(r.url()) && why !== "net::ERR_ABORTED") failed.push(`${r.url()}: ${why}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.url()}: HTTP ${r.status()}`);
  });
  return { context, page, errors, failed, blocked };
}

/** What the page downloads from now on, each response's path and body size, in order: filled as they arrive. */
export function downloads(page: Page): { url: string; bytes: number }[] {
  const seen: { url: string; bytes: number }[] = [];
  page.on("response", async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push({ url: new URL(response.url()).pathname, bytes: body.length });
  });
  return seen;
}

/**
 * Waits for the page's CSS transitions and animations to end: after a change of colour scheme or
 * viewport, colours are mid-way for a moment (links fade their colour), and a check or a
 * screenshot then would see a colour no reader is left with.
 */
export async function transitionsDone(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
}
