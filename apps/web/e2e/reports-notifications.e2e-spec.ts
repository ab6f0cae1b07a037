import { readFileSync } from 'node:fs';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { createDatabase, type CreatedDatabase } from '@spfwatch/db/testing';
import { inviteClientViewer } from './support/invitations';
import { launchBrowser, openPage, screenshot, WIDTHS, type WatchedPage } from './support/browser';
import { horizontalOverflow, unlabelledControls } from './support/page-checks';
import { startFailingWebhook, startSmtpSink, type FailingWebhook, type SmtpSink } from './support/receivers';
import { startStack, type Stack } from './support/stack';
import { IMPORT_CSV, ZONE_AFTER, ZONE_BEFORE } from './support/zones';

const OWNER = { name: 'Nora Owner', email: 'nora@agency.example', password: 'a long owner passphrase' };

/** Polls `check` every 250 ms until it returns a value. */
async function waitUntil<T>(check: () => Promise<T | null | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A GET of the API from the signed-in page (its session cookie). */
function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await (await fetch(p)).json()) as unknown, path) as Promise<T>;
}

/** Clicks a download link and returns the downloaded bytes with the suggested file name. */
async function download(page: Page, link: Locator): Promise<{ bytes: Buffer; name: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), link.click()])) as [Download, void];
  const path = await file.path();
  return { bytes: readFileSync(path), name: file.suggestedFilename() };
}

interface NotificationItem {
  kind: string;
  status: string;
  channel: { name: string };
  lastError: string | null;
}

/**
 * Reports and notifications in a real browser against the real API, a real SMTP server and a
 * webhook endpoint that is down: an email channel test-sent and delivered, a webhook whose test
 * fails with the server's answer and whose alert ends failed after the retry budget (on the fleet
 * and in the settings), an on-demand report downloaded as PDF and CSV (also by a client viewer),
 * the weekly schedule — and screenshots of it all at 1280 and 390 px.
 */
describe('reports and notifications (browser e2e)', () => {
  let database: CreatedDatabase;
  let smtp: SmtpSink;
  let hook: FailingWebhook;
  let stack: Stack;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    // A database of its own: this file's first run (setup) must not depend on the dashboard e2e's.
    const server = process.env.TEST_DATABASE_SERVER_URL;
    if (!server) throw new Error('TEST_DATABASE_SERVER_URL is not set: run through e2e/jest.config.js');
    database = await createDatabase(server, 'spfwatch_web_e2e');
    smtp = await startSmtpSink();
    hook = await startFailingWebhook();
    stack = await startStack(ZONE_BEFORE, {
      databaseUrl: database.url,
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'spfwatch <spfwatch@agency.example>',
        SMTP_TIMEOUT_MS: '5000',
        // A cycle's alerts go out 1 s after the last one; one attempt is the whole retry budget.
        NOTIFY_SETTLE_SECONDS: '1',
        NOTIFY_MAX_ATTEMPTS: '1',
      },
    });
    browser = await launchBrowser();
    w = await openPage(browser, stack.url);
    page = w.page;
  });

  afterAll(async () => {
    await w?.context.close();
    await browser?.close();
    await stack?.stop();
    await smtp?.stop();
    await hook?.stop();
    await database?.drop();
  });

  const card = (name: string): Locator => page.locator(`[data-testid="channel-card"][data-channel-name="${name}"]`);

  it('first run: the owner is created, the fleet imported and checked', async () => {
    await page.goto('/setup');
    await page.getByLabel(/Setup token/).fill(stack.setupToken());
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel(/^Password/).fill(OWNER.password);
    await page.getByLabel(/Organization name/).fill('Agency');
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.goto('/clients');
    await page.getByLabel('Domains', { exact: true }).fill(IMPORT_CSV);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').getByText(/Imported: 6 created/).waitFor();

    await page.goto('/');
    await page.getByRole('button', { name: 'Check all now' }).click();
    await page.getByTestId('cycle-status').getByText(/6 of 6 domains checked/).waitFor({ timeout: 60_000 });
    // Nothing failed to be delivered yet: no banner.
    expect(await page.getByTestId('failed-notifications-banner').count()).toBe(0);
  });

  it('the Reports nav item leads to an empty list; the Notifications tab to no channels and no deliveries', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/reports$/);
    await page.getByText('No reports yet').waitFor();
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL(/tab=notifications/);
    await page.getByText('No channels yet').waitFor();
    await page.getByText('Nothing sent yet').waitFor();
  });

  it('an email channel to the SMTP server on loopback: created, test-sent, "delivered", and the mail is there', async () => {
    await page.getByRole('button', { name: 'Add a channel' }).click();
    const form = page.getByRole('form', { name: 'New channel' });
    // Nothing typed: the form says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Create channel' }).click();
    await form.getByText('Give the channel a name.').waitFor();
    await form.getByText('Add at least one address.').waitFor();

    await form.getByLabel('Name').fill('Ops mailbox');
    await form.getByLabel(/Recipients/).fill('ops@agency.example, night@agency.example');
    await form.getByLabel('Hold deliveries during quiet hours').check();
    await form.getByLabel('From', { exact: true }).fill('22:00');
    await form.getByLabel('Until', { exact: true }).fill('07:00');
    await form.getByRole('button', { name: 'Create channel' }).click();
    await card('Ops mailbox').waitFor();
    expect(await card('Ops mailbox').innerText()).toMatch(/ops@agency\.example, night@agency\.example[\s\S]*Every domain[\s\S]*22:00–07:00 \(UTC\)/);

    // Quiet hours do not hold a test.
    await card('Ops mailbox').getByRole('button', { name: 'Send a test to Ops mailbox' }).click();
    const result = card('Ops mailbox').getByTestId('test-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^✓ Delivered: 250/);
    expect(smtp.mails.map((m) => [m.subject, [...m.envelopeTo].sort()])).toEqual([['[spfwatch] Test message for "Ops mailbox"', ['night@agency.example', 'ops@agency.example']]]);

    // The deliveries list has it.
    const row = page.getByTestId('delivery-row').first();
    await page.locator('[data-testid="delivery-row"][data-kind="test"][data-status="delivered"]').waitFor();
    expect(await row.innerText()).toMatch(/Ops mailbox[\s\S]*Test[\s\S]*delivered/);
  });

  it('a webhook that is down: its secret is shown once, its test-send fails with the server’s answer', async () => {
    await page.getByRole('button', { name: 'Add a channel' }).click();
    const form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Kind').selectOption('webhook');
    await form.getByLabel('Name').fill('SIEM');
    await form.getByLabel('Webhook URL').fill(hook.url);
    await form.getByLabel(/Timeout/).fill('2000');
    await form.getByRole('button', { name: 'Create channel' }).click();
    const secret = await page.getByTestId('channel-secret').innerText();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByTestId('channel-secret').waitFor({ state: 'detached' });
    expect(await card('SIEM').innerText()).toMatch(/set \(shown only when created or rotated\)/);
    expect(await page.locator('main').innerText()).not.toContain(secret);

    await card('SIEM').getByRole('button', { name: 'Send a test to SIEM' }).click();
    const result = card('SIEM').getByTestId('test-result');
    await result.waitFor();
    expect(await result.innerText()).toBe('✗ Failed: HTTP 503 — down for maintenance');
    expect(hook.refused).toBe(1);
    // A failed test is not an undelivered alert: the tab shows no count.
    expect(await page.getByRole('navigation', { name: 'Settings sections' }).innerText()).not.toMatch(/failed/);
  });

  it('an alert the webhook cannot take fails after the retry budget: a banner on the fleet, the count on the tab, its attempts listed', async () => {
    stack.dns.setZone(ZONE_AFTER);
    await page.goto('/?q=shop');
    await page.getByRole('table').getByRole('link', { name: 'shop.acme.example' }).click();
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText(/Checked just now: the SPF state changed/).waitFor();

    // The cycle's alerts went to both channels: the mailbox took them, the webhook did not.
    const deliveries = await waitUntil(async () => {
      const list = await apiGet<{ items: NotificationItem[] }>(page, '/api/notifications?kind=alerts');
      const mail = list.items.find((n) => n.channel.name === 'Ops mailbox' && n.status === 'delivered');
      const siem = list.items.find((n) => n.channel.name === 'SIEM' && n.status === 'failed');
      return mail && siem ? { mail, siem } : null;
    }, 'the alerts to be delivered by email and failed by webhook');
    expect(deliveries.siem.lastError).toBe('HTTP 503');
    expect(smtp.mails).toHaveLength(2);

    await page.goto('/');
    const banner = page.getByTestId('failed-notifications-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/1 notification could not be delivered/);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'fleet-failed-notifications');
    await banner.getByRole('link', { name: 'See what failed' }).click();
    await page.waitForURL(/tab=notifications&status=failed/);
    await page.getByRole('link', { name: 'Notifications (1 failed)' }).waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('failed');
    // Only failed ones: the alerts to SIEM and its failed test.
    await page.locator('[data-testid="delivery-row"][data-kind="alerts"]').waitFor();
    const statuses = await page.getByTestId('delivery-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-status')}`));
    expect(statuses.sort()).toEqual(['alerts:failed', 'test:failed']);
    const alertsRow = page.locator('[data-testid="delivery-row"][data-kind="alerts"]');
    await alertsRow.getByRole('button', { name: /Show the attempts of \d+ alerts? to SIEM/ }).click();
    const attempts = page.getByRole('list', { name: 'Delivery attempts' });
    await attempts.waitFor();
    expect(await attempts.innerText()).toMatch(/failed[\s\S]*HTTP 503 — down for maintenance/i);
    expect(hook.refused).toBe(2);

    // Dismissed on the fleet, it stays away until something newer fails.
    await page.goto('/');
    await page.getByTestId('failed-notifications-banner').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('failed-notifications-banner').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('failed-notifications-banner').count()).toBe(0);
  });

  it('an on-demand report: the form refuses a reversed range itself, then generates one; its PDF and CSV download', async () => {
    await page.goto('/reports');
    const form = page.getByRole('form', { name: 'Generate a report' });
    await form.getByLabel('Client').selectOption({ label: 'Acme' });
    const reportPosts: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/api/reports') && reportPosts.push(r.url())));
    const firstDay = await form.getByLabel('First day').inputValue();
    await form.getByLabel(/Last day/).fill('2020-01-01');
    await form.getByText('Must be on or after the first day.').waitFor();
    await form.getByRole('button', { name: 'Generate report' }).click();
    expect(reportPosts).toEqual([]);

    await form.getByRole('button', { name: 'Last 7 days' }).click();
    expect(await form.getByLabel('First day').inputValue()).toBe(firstDay);
    await form.getByRole('button', { name: 'Generate report' }).click();
    const done = page.getByTestId('generated-report');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/Generated the report for Acme, .+: 2 domains/);
    expect(reportPosts).toHaveLength(1);

    const pdf = await download(page, done.getByRole('link', { name: /Download PDF/ }));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(2000);
    expect(pdf.name).toMatch(/\.pdf$/);
    const csv = await download(page, done.getByRole('link', { name: 'Download CSV' }));
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('domain,status,lookups,lookups_at_start,trend,all_policy,services,open_alerts,last_checked_at,record');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['acme.example', 'shop.acme.example']);
    expect(lines.find((l) => l.startsWith('shop.acme.example'))).toMatch(/^shop\.acme\.example,broken,11,/);

    // The list shows it, with the same downloads; another client's report joins it.
    const rows = page.getByTestId('report-row');
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toMatch(/Acme[\s\S]*On demand[\s\S]*2 domains/);
    await form.getByLabel('Client').selectOption({ label: 'Globex' });
    await form.getByRole('button', { name: 'Generate report' }).click();
    await page.getByTestId('generated-report').getByText(/for Globex/).waitFor();
    await page.getByRole('heading', { name: 'Stored reports (2)' }).waitFor();
    const fromList = await download(page, rows.filter({ hasText: 'Globex' }).getByRole('link', { name: /^PDF of Globex/ }));
    expect(fromList.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Filtered by client.
    await page.locator('#reports-client').selectOption({ label: 'Acme' });
    await page.waitForURL(/client=/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-row"]').length === 1);
    expect(await rows.first().innerText()).toMatch(/^Acme/);
  });

  it('the weekly schedule: an empty expression is refused by the form; a new one is saved with its next runs', async () => {
    await page.goto('/reports');
    const schedule = page.getByRole('region', { name: 'Weekly reports' });
    const cron = schedule.getByLabel(/^When/);
    expect(await cron.inputValue()).toBe('0 8 * * 1');
    await cron.fill(' ');
    await schedule.getByText('Must not be empty.').waitFor();
    expect(await schedule.getByRole('button', { name: 'Save schedule' }).isDisabled()).toBe(true);
    await cron.fill('30 7 * * 1-5');
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await schedule.getByText('Saved.').waitFor();
    const runs = await schedule.getByTestId('schedule-next-runs').locator('li').allInnerTexts();
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(run).toMatch(/07:30/);
    await page.reload();
    expect(await page.getByRole('region', { name: 'Weekly reports' }).getByLabel(/^When/).inputValue()).toBe('30 7 * * 1-5');
  });

  it('screens at 1280 and 390 px: every control named, nothing wider than the screen, no console error (screenshots in artifacts/screenshots)', async () => {
    const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
      { name: 'reports', path: '/reports', ready: (p) => p.getByTestId('report-row').first().waitFor() },
      { name: 'settings-notifications', path: '/settings?tab=notifications', ready: (p) => p.getByTestId('delivery-row').first().waitFor() },
      {
        name: 'settings-notifications-failed',
        path: '/settings?tab=notifications&status=failed',
        ready: async (p) => {
          await p.locator('[data-testid="delivery-row"][data-kind="alerts"]').getByRole('button', { name: /Show the attempts/ }).click();
          await p.getByRole('list', { name: 'Delivery attempts' }).waitFor();
        },
      },
      {
        name: 'settings-notifications-new-channel',
        path: '/settings?tab=notifications',
        ready: async (p) => {
          await p.getByRole('button', { name: 'Add a channel' }).click();
          const form = p.getByRole('form', { name: 'New channel' });
          await form.getByLabel('Kind').selectOption('webhook');
          await form.getByLabel(/One domain/).check();
          await form.getByLabel('Hold deliveries during quiet hours').check();
          await form.getByLabel('Domain', { exact: true }).locator('option', { hasText: 'shop.acme.example' }).waitFor({ state: 'attached' });
        },
      },
    ];
    const signedIn = await w.context.storageState();
    for (const viewport of [WIDTHS.desktop, WIDTHS.mobile]) {
      const shot = await openPage(browser, stack.url, viewport, signedIn);
      try {
        for (const p of pages) {
          await shot.page.goto(p.path);
          await p.ready(shot.page);
          await shot.page.waitForLoadState('networkidle');
          await screenshot(shot.page, p.name);
          expect({ page: p.name, unlabelled: await unlabelledControls(shot.page) }).toEqual({ page: p.name, unlabelled: [] });
          expect({ page: p.name, width: viewport.width, overflow: await horizontalOverflow(shot.page) }).toEqual({ page: p.name, width: viewport.width, overflow: 0 });
        }
        expect(shot.problems).toEqual([]);
      } finally {
        await shot.context.close();
      }
    }
    expect(w.problems).toEqual([]);
  });

  it('client portal: a viewer of Acme downloads Acme’s report from Reports; no generate form, no schedule, no other client', async () => {
    const invitation = await inviteClientViewer(page, 'cleo@acme.example', 'Acme');
    expect(invitation.status).toBe(201);

    for (const viewport of [WIDTHS.desktop, WIDTHS.mobile]) {
      const viewer = await openPage(browser, stack.url, viewport);
      try {
        if (viewport === WIDTHS.desktop) {
          await viewer.page.goto(`/invite/${invitation.body.token}`);
          await viewer.page.getByLabel('Your name').fill('Cleo Client');
          await viewer.page.getByLabel(/^Password/).fill('cleo long passphrase');
          await viewer.page.getByRole('button', { name: 'Accept and sign in' }).click();
        } else {
          await viewer.page.goto('/login');
          await viewer.page.getByLabel('Email').fill('cleo@acme.example');
          await viewer.page.getByLabel('Password').fill('cleo long passphrase');
          await viewer.page.getByRole('button', { name: 'Sign in' }).click();
        }
        await viewer.page.waitForURL((url) => url.pathname === '/');
        await viewer.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
        const row = viewer.page.getByTestId('report-row');
        await row.first().waitFor();
        expect(await row.count()).toBe(1);
        expect(await viewer.page.locator('main').innerText()).not.toMatch(/Globex|Initech/);
        expect(await viewer.page.getByRole('form', { name: 'Generate a report' }).count()).toBe(0);
        expect(await viewer.page.getByRole('region', { name: 'Weekly reports' }).count()).toBe(0);
        const pdf = await download(viewer.page, row.getByRole('link', { name: /^PDF of Acme/ }));
        expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const csv = await download(viewer.page, row.getByRole('link', { name: /^CSV of Acme/ }));
        expect(csv.bytes.toString('utf8')).toMatch(/shop\.acme\.example/);
        await viewer.page.waitForLoadState('networkidle');
        await screenshot(viewer.page, 'portal-reports');
        expect({ unlabelled: await unlabelledControls(viewer.page), overflow: await horizontalOverflow(viewer.page) }).toEqual({ unlabelled: [], overflow: 0 });
        expect(viewer.problems).toEqual([]);
      } finally {
        await viewer.context.close();
      }
    }
  });
});
