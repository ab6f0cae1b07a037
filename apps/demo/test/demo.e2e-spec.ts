/**
 * What a newcomer does: `npm run demo` (here the built `node dist/main.js`, as the script runs
 * it), open the printed URL, sign in with the printed demo account — and find a living fleet:
 * history, alerts, provider events, services, weekly reports and the caught emails. Screenshots
 * of each page go to artifacts/screenshots/demo-*.png.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, WIDTHS, type WatchedPage } from '../../web/e2e/support/browser';

const DEMO_MAIN = resolve(__dirname, '../dist/main.js');

interface DemoProcess {
  child: ChildProcess;
  output: () => string;
  dashboard: string;
  mail: string;
}

async function runDemo(dataDir: string): Promise<DemoProcess> {
  if (!existsSync(DEMO_MAIN)) throw new Error(`${DEMO_MAIN} is missing: run \`npm run build -w @spfwatch/demo\` (turbo's test task builds it)`);
  let output = '';
  const { DATABASE_URL: _notForTheDemo, ...env } = process.env;
  const child = spawn(process.execPath, [DEMO_MAIN], {
    cwd: resolve(__dirname, '../../..'),
    env: { ...env, PORT: '0', SPFWATCH_DEMO_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (!/spfwatch demo ready/.test(output)) {
    if (child.exitCode !== null) throw new Error(`The demo exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The demo was not ready after 240 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const dashboard = /Dashboard\s+(http:\/\/\S+)/.exec(output)?.[1];
  const mail = /Caught emails\s+(http:\/\/\S+)/.exec(output)?.[1];
  if (!dashboard || !mail) throw new Error(`The demo did not print its URLs:\n${output}`);
  return { child, output: () => output, dashboard, mail };
}

describe('npm run demo (browser e2e)', () => {
  let dataDir: string;
  let demo: DemoProcess;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spfwatch-demo-'));
    demo = await runDemo(dataDir);
    browser = await launchBrowser();
    w = await openPage(browser, demo.dashboard);
    page = w.page;
  }, 300_000);

  afterAll(async () => {
    await w?.context.close();
    await browser?.close();
    if (demo && demo.child.exitCode === null) {
      const exited = new Promise((r) => demo.child.once('exit', r));
      demo.child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URL, the demo account and what it replayed', () => {
    const out = demo.output();
    expect(out).toMatch(/Sign in as\s+demo@example\.com \/ demo-password/);
    // Six weeks: 43 daily ticks of 50 domains, six Mondays of weekly reports for six clients.
    expect(out).toMatch(/42 days replayed \(43 scheduler ticks, 2150 checks, 36 weekly reports, \d+ emails caught\)/);
  });

  it('signs in with the printed account and sees the living fleet', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('demo@example.com');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const tiles = page.getByRole('group', { name: 'Domains by status' });
    await tiles.getByText('Broken').waitFor();
    const counts = (await tiles.innerText()).replace(/\s+/g, ' ');
    // Every domain checked; the broken ones are the stories' (11 lookups ×2, permerror ×2, void lookups).
    expect(counts).toMatch(/5 Broken \d+ Warning \d+ OK 0 Not checked yet/);
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    const nearLimit = await page.getByRole('region', { name: 'Near the 10-lookup limit' }).innerText();
    expect(nearLimit).toMatch(/acme-freight\.example[\s\S]*11/);
    const providers = await page.getByRole('region', { name: 'Provider events' }).innerText();
    // The latest provider changes, each one event for every domain it touched.
    expect(providers).toMatch(/Google Workspace changed _netblocks3\.google\.com\s+20 domains affected/);
    expect(providers).toMatch(/Amazon SES changed amazonses\.com/);
    await page.waitForLoadState('networkidle');
    for (const viewport of [WIDTHS.mobile, WIDTHS.desktop]) {
      await page.setViewportSize(viewport);
      await screenshot(page, 'demo-fleet');
    }
  });

  it('a domain with history: seed 000’s fix shows in the chart, the timeline and the services', async () => {
    await page.goto('/?q=northwind.example');
    await page.getByRole('table').getByRole('link', { name: 'northwind.example', exact: true }).click();
    await page.getByRole('heading', { name: 'northwind.example' }).waitFor();
    await page.locator('.recharts-line').first().waitFor();
    const services = await page.getByRole('region', { name: 'Authorised sending services' }).innerText();
    expect(services).toMatch(/Google Workspace/);
    expect(services).toMatch(/Mailjet/);
    const timeline = page.getByRole('list', { name: 'Snapshots, newest first' });
    expect(await timeline.locator('li').count()).toBeGreaterThanOrEqual(2);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'demo-domain');
  });

  it('alerts opened and resolved over the weeks', async () => {
    await page.goto('/alerts?state=all');
    await page.getByTestId('alert-row').first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/tracking\.acme-logistics\.example needs 11 DNS lookups/);
    expect(text).toMatch(/SPF record removed from acme-cargo\.example/);
    expect(text).toMatch(/DNS errors for 3 consecutive checks/);
    expect(text).toMatch(/acme-hr\.example publishes 2 SPF records/);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'demo-alerts');
  });

  it('the weekly compliance reports exist and their PDF downloads', async () => {
    await page.goto('/reports?kind=weekly');
    await page.getByRole('heading', { name: 'Stored reports (36)' }).waitFor();
    expect(await page.getByRole('table', { name: 'Stored reports' }).innerText()).toMatch(/Northwind Traders[\s\S]*weekly/i);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'demo-reports');
    const reports = await page.evaluate(async () => (await (await fetch('/api/reports?kind=weekly&pageSize=100')).json()) as { total: number; items: Array<{ pdfUrl: string; clientName: string }> });
    expect(reports.total).toBe(36);
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
    }, reports.items[0]!.pdfUrl);
    expect(pdf).toEqual({ status: 200, head: '%PDF-' });
  });

  it('the caught emails: alert digests and the weekly reports with their PDF', async () => {
    const mailPage = await openPage(browser, demo.mail);
    try {
      await mailPage.page.goto('/');
      const text = await mailPage.page.locator('body').innerText();
      expect(text).toMatch(/Weekly SPF compliance report — Northwind Traders/);
      expect(text).toMatch(/oncall@northstar-it\.example/);
      expect(text).toMatch(/\.pdf/);
      await screenshot(mailPage.page, 'demo-mail');
      expect(mailPage.problems).toEqual([]);
    } finally {
      await mailPage.context.close();
    }
    // No console error, page error or failed request in the dashboard all along.
    expect(w.problems).toEqual([]);
  });
});
