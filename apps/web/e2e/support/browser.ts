import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './stack';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(REPO_ROOT, 'artifacts/screenshots');

export const WIDTHS = { desktop: { width: 1280, height: 900 }, mobile: { width: 390, height: 844 } } as const;

/** Debian's Chromium, headless and quiet (no network beyond the test server). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's (\`apt-get update && apt-get install -y chromium\`) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

/** A page that records every console error, page error and failed or 5xx request. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = WIDTHS.desktop,
  /** Cookies of a signed-in context (`context.storageState()`), to open pages as that person. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true, ...(storageState ? { storageState } : {}) });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    // The location names the resource for "Failed to load resource" errors.
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}${msg.location().url ? ` (${msg.location().url})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (req) => {
    // A navigation aborts the previous page's in-flight requests: not a problem.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return { page, context, problems };
}

/** Saves `artifacts/screenshots/<name>-<width>.png` (full page). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const path = resolve(SCREENSHOT_DIR, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
