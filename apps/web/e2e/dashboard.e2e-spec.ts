import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inviteClientViewer } from './support/invitations';
import { launchBrowser, openPage, screenshot, WIDTHS, type WatchedPage } from './support/browser';
import { horizontalOverflow, unlabelledControls } from './support/page-checks';
import { startStack, type Stack } from './support/stack';
import { IMPORT_CSV, IMPORT_CSV_WITH_ERROR, ZONE_AFTER, ZONE_BEFORE } from './support/zones';

/** A screenshot at 390 px and at 1280 px, leaving the page at 1280. */
async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(WIDTHS.mobile);
  await screenshot(page, name);
  await page.setViewportSize(WIDTHS.desktop);
  await screenshot(page, name);
}

export const OWNER = { name: 'Olivia Owner', email: 'olivia@agency.example', password: 'a long owner passphrase' };

/**
 * One agency's morning, in a real browser against the real API: import the fleet, run a check
 * cycle, a record breaks, see it on the fleet, in the domain's diff and in the alerts, acknowledge,
 * use the three tools, change a policy — then a screenshot of every page at 1280 and 390 px.
 */
describe('dashboard (browser e2e)', () => {
  let stack: Stack;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack(ZONE_BEFORE);
    browser = await launchBrowser();
    w = await openPage(browser, stack.url);
    page = w.page;
  });

  afterAll(async () => {
    await w?.context.close();
    await browser?.close();
    await stack?.stop();
  });


  const text = (selector: string): Promise<string> => page.locator(selector).first().innerText();

  it('first run: /login sends to /setup; the owner is created with the token from the server log, signs out and signs in on /login', async () => {
    await page.goto('/login');
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: 'Set up spfwatch' }).waitFor();
    await screenshotBothWidths(page, 'setup');
    await page.getByLabel(/Setup token/).fill(stack.setupToken());
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel(/^Password/).fill(OWNER.password);
    await page.getByLabel(/Organization name/).fill('Agency');
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Check all now' }).waitFor();

    // The account menu says who is signed in and with which role; signing out leads to /login.
    await page.locator('.user-menu summary').click();
    expect(await page.locator('.user-menu-panel').innerText()).toMatch(/Olivia Owner[\s\S]*Owner · Agency/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);

    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshotBothWidths(page, 'login');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Check all now' }).waitFor();
  });

  it('imports the fleet from CSV: a preview reports the invalid line and imports nothing, then the fixed list imports', async () => {
    await page.goto('/clients');
    await page.getByText('No clients yet').waitFor();
    await page.getByLabel('Domains', { exact: true }).fill(IMPORT_CSV_WITH_ERROR);
    await page.getByRole('button', { name: 'Preview' }).click();
    const report = page.getByTestId('import-report');
    await report.getByText(/Preview:/).waitFor();
    expect(await report.innerText()).toMatch(/6 would be created, 0 duplicates, 1 invalid/);
    expect(await report.locator('tbody tr').count()).toBe(1);
    expect(await report.locator('tbody').innerText()).toMatch(/invalid.*not a fully qualified domain name/i);

    await page.getByLabel('Domains', { exact: true }).fill(IMPORT_CSV);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').getByText(/Imported:/).waitFor();
    expect(await page.getByTestId('import-report').innerText()).toMatch(/6 created, 0 duplicates, 0 invalid · new clients: Acme, Globex, Initech/);
    // The clients appear with their domains.
    await page.getByRole('button', { name: 'Acme' }).click();
    await page.getByRole('link', { name: 'shop.acme.example' }).waitFor();
  });

  it('runs a check cycle from the fleet page and shows the fleet’s health', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Check all now' }).click();
    // The cycle finishes: every domain checked, nothing left "not checked yet".
    await page.waitForFunction(() => {
      const tile = [...document.querySelectorAll('.tile')].find((t) => t.textContent?.includes('Not checked yet'));
      return tile?.querySelector('.tile-count')?.textContent === '0';
    }, undefined, { timeout: 60_000 });
    await page.getByTestId('cycle-status').getByText(/6 of 6 domains checked/).waitFor({ timeout: 30_000 });
    const tiles = await page.locator('.tiles').innerText();
    expect(tiles.replace(/\s+/g, ' ')).toBe('0 Broken 3 Warning 3 OK 0 Not checked yet');
    // news.globex.example uses 8 lookups: near the limit.
    expect(await text('[aria-labelledby="fleet-near-limit-title"]')).toMatch(/8 \/ 10\s+news\.globex\.example/);
    // Filter and sort the table.
    await page.getByLabel('Search').fill('acme');
    await page.waitForURL(/q=acme/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
    await page.getByRole('button', { name: /^Lookups/ }).click();
    await page.waitForURL(/sort=lookupCount/);
    await page.waitForFunction(() => document.querySelector('tbody tr td a')?.textContent === 'shop.acme.example');
  });

  it('a record grows past 10 lookups: check now shows it broken, with the diff', async () => {
    stack.dns.setZone(ZONE_AFTER);
    await page.getByRole('link', { name: 'shop.acme.example' }).click();
    await page.getByRole('heading', { name: 'shop.acme.example' }).waitFor();
    expect(await page.getByTestId('current-record').innerText()).toBe('v=spf1 include:_spf.google.com include:sendgrid.net ~all');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText(/Checked just now: the SPF state changed/).waitFor();
    await page.getByTestId('current-record').getByText(/mail\.zendesk\.com/).waitFor();
    expect(await text('.page-header')).toMatch(/Broken/);
    expect(await text('[aria-labelledby="record-title"]')).toMatch(/11\s*\/ 10/);
    expect(await text('[aria-labelledby="record-title"]')).toMatch(/too-many-lookups/);
    // The include tree shows each include's cost.
    expect(await text('[aria-label="Include tree"]')).toMatch(/shop\.acme\.example\s*11 lookups in total[\s\S]*include:_spf\.google\.com\s*4 lookups\s*include:sendgrid\.net\s*1 lookup\s/);
    // The diff (previous → latest) is shown by default, term by term.
    const diff = page.getByTestId('diff-view');
    await diff.waitFor();
    expect(await diff.locator('[data-mark="added"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('include:mailgun.org')]));
    expect(await diff.innerText()).toMatch(/5 → 11 \(\+6\)/);
  });

  it('the broken domain has an alert; the alert links to the diff and can be acknowledged', async () => {
    await page.goto('/alerts');
    const alert = page.locator('[data-testid="alert-row"][data-alert-type="lookup_limit"]');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/shop\.acme\.example/);
    await alert.getByRole('link', { name: 'View the change' }).click();
    await page.waitForURL(/\/domains\/.+from=.+#diff/);
    await page.getByTestId('diff-view').waitFor();
    expect(await page.getByTestId('diff-view').innerText()).toMatch(/5 → 11/);

    await page.goBack();
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('[data-testid="alert-row"][data-alert-type="lookup_limit"]').waitFor({ state: 'detached' });
    await page.getByLabel('State').selectOption('acknowledged');
    const acked = page.locator('[data-testid="alert-row"][data-alert-type="lookup_limit"]');
    await acked.waitFor();
    expect(await acked.innerText()).toMatch(/acknowledged/);
  });

  it('check an IP: the result, the matched term and the Received-SPF header', async () => {
    await page.goto('/tools/check-ip');
    await page.getByLabel('Sending IP', { exact: true }).fill('209.85.220.41');
    await page.getByLabel(/Envelope sender/).fill('amith@acme.example');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    expect(await result.innerText()).toMatch(/fail/);
    expect(await result.innerText()).toMatch(/-all/);
    expect(await result.innerText()).toMatch(/Received-SPF: fail/);
    expect(page.url()).toMatch(/ip=209\.85\.220\.41&sender=amith%40acme\.example/);
  });

  it('explain a bounce: seed 000’s story — sent through Google, "mx" only covers inbound — suggests include:_spf.google.com', async () => {
    const seed = readFileSync(resolve(__dirname, '../src/test/fixtures/bounces/seed-000-google-apps-550-5.7.1.txt'), 'utf8');
    await page.goto('/tools/explain-bounce');
    await page.getByLabel(/Bounce message/).fill(seed);
    await page.getByRole('button', { name: 'Explain this bounce' }).click();
    await page.getByText(/The bounce does not name the sending server’s IP/).waitFor();
    expect(await text('[aria-labelledby="bounce-facts-title"]')).toMatch(/Google Workspace/);
    await page.getByLabel('Sending IP', { exact: true }).fill('209.85.220.41');
    await page.getByLabel(/Envelope sender or domain/).fill('amith@acme.example');
    await page.getByRole('button', { name: 'Check and explain' }).click();
    await page.getByRole('heading', { name: '209.85.220.41 is not allowed to send mail for acme.example (SPF fail).' }).waitFor();
    expect(await text('[aria-labelledby="bounce-verdict-title"]')).toMatch(/inbound MX servers/);
    expect(await page.getByTestId('suggested-record').innerText()).toBe('v=spf1 mx include:spf.mailjet.com include:_spf.google.com -all');
  });

  it('record builder: the suggested fix gains Google’s networks compared with the live record', async () => {
    await page.getByRole('link', { name: 'Try it in the record builder' }).click();
    await page.waitForURL(/record-builder\?domain=acme\.example/);
    await page.getByText('Gains authorisation (4)').waitFor({ timeout: 20_000 });
    expect(await page.getByText('+ Google Workspace becomes authorised').count()).toBe(1);
    // Switch to the checkboxes, drop mx: mx's address is lost.
    await page.getByRole('tab', { name: 'Build with checkboxes' }).click();
    await page.getByRole('checkbox', { name: /^mx/ }).uncheck();
    await page.getByText('Loses authorisation (1)').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('built-record').innerText()).toBe('v=spf1 include:spf.mailjet.com include:_spf.google.com -all');
  });

  it('settings: a lower warning threshold is saved', async () => {
    await page.goto('/settings');
    await page.getByLabel(/Warn at lookups/).fill('7');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved.').waitFor();
    await page.reload();
    await page.getByLabel(/Warn at lookups/).waitFor();
    expect(await page.getByLabel(/Warn at lookups/).inputValue()).toBe('7');
  });

  it('settings: people, an API token shown once then revoked, and the audit log of it all', async () => {
    await page.goto('/settings?tab=users');
    await page.getByRole('table', { name: 'People' }).getByText(OWNER.email).waitFor();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Name').fill('CI export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = await page.getByTestId('token-value').innerText();
    expect(shown).toMatch(/^spfw_\S{43}$/);
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row', { name: /CI export/ });
    expect(await row.innerText()).toContain(shown.slice(0, 9));
    expect(await row.innerText()).not.toContain(shown);
    await row.getByRole('button', { name: 'Revoke CI export' }).click();
    await row.getByText(/revoked/).waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('token.');
    // Only the token family is left: its two entries, newest first.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-row"]')].every((r) => r.textContent?.includes('token.')) && document.querySelectorAll('[data-testid="audit-row"]').length === 2);
    expect(await page.getByRole('table', { name: 'Audit log' }).innerText()).toMatch(/token\.revoked[\s\S]*token\.created/);
  });

  it('is usable from the keyboard: skip link first, then the navigation; status tiles filter with Enter', async () => {
    await page.goto('/alerts');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Fleet');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    // The status tiles are buttons: Enter filters the table.
    await page.getByRole('button', { name: /Broken/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/status=broken/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
  });

  it('every page, at 1280 and 390 px, renders without console errors (screenshots in artifacts/screenshots)', async () => {
    await page.goto('/?q=shop');
    const domainPath = new URL((await page.getByRole('table').getByRole('link', { name: 'shop.acme.example' }).getAttribute('href')) ?? '/', stack.url).pathname;
    const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
      { name: 'fleet', path: '/', ready: (p) => p.locator('.recharts-bar-rectangle').first().waitFor() },
      { name: 'domain', path: domainPath, ready: (p) => p.locator('.recharts-line').first().waitFor() },
      { name: 'alerts', path: '/alerts?state=all', ready: (p) => p.getByTestId('alert-row').first().waitFor() },
      { name: 'clients', path: '/clients', ready: (p) => p.getByRole('link', { name: 'shop.acme.example' }).waitFor() },
      { name: 'tools-check-ip', path: '/tools/check-ip?ip=209.85.220.41&sender=amith%40acme.example', ready: (p) => p.getByRole('region', { name: 'Result' }).waitFor() },
      { name: 'tools-record-builder', path: '/tools/record-builder?domain=acme.example&record=v%3Dspf1%20mx%20include%3Aspf.mailjet.com%20include%3A_spf.google.com%20-all', ready: (p) => p.getByText(/Gains authorisation/).waitFor() },
      { name: 'settings', path: '/settings', ready: (p) => p.getByLabel(/Warn at lookups/).waitFor() },
      { name: 'settings-users', path: '/settings?tab=users', ready: (p) => p.getByRole('table', { name: 'People' }).waitFor() },
      { name: 'settings-tokens', path: '/settings?tab=tokens', ready: (p) => p.getByRole('table', { name: 'API tokens' }).waitFor() },
      { name: 'settings-audit', path: '/settings?tab=audit', ready: (p) => p.getByTestId('audit-row').first().waitFor() },
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
          // Every control a keyboard or screen-reader user meets has a name.
          expect({ page: p.name, unlabelled: await unlabelledControls(shot.page) }).toEqual({ page: p.name, unlabelled: [] });
          // Nothing wider than the viewport (tables scroll inside their own box).
          const overflow = await horizontalOverflow(shot.page);
          expect({ page: p.name, width: viewport.width, overflow }).toEqual({ page: p.name, width: viewport.width, overflow: 0 });
        }
        // The bounce explainer with its verdict.
        await shot.page.goto('/tools/explain-bounce');
        await shot.page.getByLabel(/Bounce message/).fill(readFileSync(resolve(__dirname, '../src/test/fixtures/bounces/seed-001-exchange-openspf-why.txt'), 'utf8').replace('al@topel.com', 'al@acme.example'));
        await shot.page.getByRole('button', { name: 'Explain this bounce' }).click();
        await shot.page.getByTestId('suggested-record').waitFor();
        await screenshot(shot.page, 'tools-explain-bounce');
        expect(shot.problems).toEqual([]);
      } finally {
        await shot.context.close();
      }
    }
    // The main session too: no console error, page error or failed request all along.
    expect(w.problems).toEqual([]);
  });

  it('client portal: a client viewer of Acme, invited by the owner, sees only Acme’s domains and no Settings', async () => {
    // The owner invites through the API from the signed-in page (session cookie + CSRF header).
    const invitation = await inviteClientViewer(page, 'cora@acme.example', 'Acme');
    expect(invitation.status).toBe(201);

    for (const viewport of [WIDTHS.desktop, WIDTHS.mobile]) {
      const viewer = await openPage(browser, stack.url, viewport);
      try {
        if (viewport === WIDTHS.desktop) {
          await viewer.page.goto(`/invite/${invitation.body.token}`);
          await viewer.page.getByRole('heading', { name: /Join Agency/ }).waitFor();
          expect(await viewer.page.locator('main').innerText()).toMatch(/cora@acme\.example is invited as Client viewer/);
          await screenshot(viewer.page, 'invite');
          await viewer.page.getByLabel('Your name').fill('Cora Client');
          await viewer.page.getByLabel(/^Password/).fill('cora long passphrase');
          await viewer.page.getByRole('button', { name: 'Accept and sign in' }).click();
          await viewer.page.waitForURL((url) => url.pathname === '/');
        } else {
          await viewer.page.goto('/login');
          await viewer.page.getByLabel('Email').fill('cora@acme.example');
          await viewer.page.getByLabel('Password').fill('cora long passphrase');
          await viewer.page.getByRole('button', { name: 'Sign in' }).click();
          await viewer.page.waitForURL((url) => url.pathname === '/');
        }
        const table = viewer.page.getByRole('table').first();
        await table.getByRole('link', { name: 'shop.acme.example' }).waitFor();
        const domains = await table.locator('tbody').innerText();
        expect(domains).toMatch(/acme\.example/);
        expect(domains).not.toMatch(/globex|initech/i);
        expect(await viewer.page.getByRole('navigation', { name: 'Main' }).innerText()).not.toMatch(/Settings/);
        await viewer.page.waitForLoadState('networkidle');
        await screenshot(viewer.page, 'portal-fleet');

        // Alerts: Acme's broken domain, read-only (no Acknowledge in the portal).
        await viewer.page.goto('/alerts?state=all');
        await viewer.page.getByTestId('alert-row').first().waitFor();
        expect(await viewer.page.locator('main').innerText()).not.toMatch(/globex|initech/i);
        expect(await viewer.page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
        await viewer.page.waitForLoadState('networkidle');
        await screenshot(viewer.page, 'portal-alerts');

        // Clients: only Acme, and no add or import forms.
        await viewer.page.goto('/clients');
        await viewer.page.getByRole('link', { name: 'shop.acme.example' }).waitFor();
        expect(await viewer.page.getByRole('list', { name: 'Clients' }).innerText()).not.toMatch(/globex|initech/i);
        expect(await viewer.page.getByRole('button', { name: /Import|Add client|Add domain/ }).count()).toBe(0);
        await viewer.page.waitForLoadState('networkidle');
        await screenshot(viewer.page, 'portal-clients');
        expect(viewer.problems).toEqual([]);
      } finally {
        await viewer.context.close();
      }
    }
  });

  it('settings → Backup: the configuration downloads as JSON, a changed copy previews and imports, the same file again has nothing to import (1280 and 390 px)', async () => {
    await page.goto('/settings?tab=backup');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export configuration' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^spfwatch-config-default-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; clients: Array<{ name: string; domains: unknown[] }> };
    expect(document.format).toBe('spfwatch-config');
    expect(document.clients.map((c) => c.name)).toEqual(expect.arrayContaining(['Acme']));
    // A new client with a paused domain (so no check runs): what the preview shows before anything is written.
    document.clients.push({ name: 'Umbrella', domains: [{ name: 'umbrella.example', paused: true }] });
    const file = { name: 'agency-config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) };

    for (const viewport of [WIDTHS.desktop, WIDTHS.mobile]) {
      await page.setViewportSize(viewport);
      await page.getByLabel(/Configuration file/).setInputFiles(file);
      const preview = page.getByRole('heading', { name: /Preview of agency-config\.json/ });
      await preview.waitFor();
      if (viewport === WIDTHS.desktop) {
        expect(await page.locator('main').innerText()).toMatch(/Clients: 1 to create/);
        await screenshot(page, 'settings-backup-preview');
        await page.getByRole('button', { name: 'Import' }).click();
        await page.getByRole('heading', { name: 'Imported agency-config.json.' }).waitFor();
        await page.getByRole('button', { name: 'Import another file' }).click();
      } else {
        // The same file again: everything is here now.
        await page.getByText('Nothing to import').waitFor();
        await screenshot(page, 'settings-backup-preview');
      }
      expect({ viewport: viewport.width, unlabelled: await unlabelledControls(page) }).toEqual({ viewport: viewport.width, unlabelled: [] });
      expect({ viewport: viewport.width, overflow: await horizontalOverflow(page) }).toEqual({ viewport: viewport.width, overflow: 0 });
    }
    await page.setViewportSize(WIDTHS.desktop);
    expect(w.problems).toEqual([]);
  });
});
