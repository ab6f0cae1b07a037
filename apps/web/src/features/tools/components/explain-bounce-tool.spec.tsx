import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AnalyzeToolResponse, CatalogueServiceList, CheckHostResponse } from '@spfwatch/contracts';
import { installFakeFetch, type FakeCall } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { ExplainBounceTool } from './explain-bounce-tool';

const seed = (name: string): string => readFileSync(join(__dirname, '../../../test/fixtures/bounces', name), 'utf8');

const SERVICES: CatalogueServiceList = { items: [], total: 0 };

function checkHost(call: FakeCall): CheckHostResponse {
  const body = call.body as { ip: string; sender?: string; domain?: string };
  const domain = body.domain ?? body.sender!.split('@')[1]!;
  return {
    result: 'fail',
    domain,
    identity: 'mailfrom',
    sender: body.sender ?? `postmaster@${domain}`,
    ip: body.ip,
    helo: '',
    explanation: null,
    matchedTerm: '-all',
    matched: { term: '-all', domain, path: [domain] },
    problem: null,
    lookups: 1,
    voidLookups: 0,
    receivedSpf: `Received-SPF: fail (${domain}: ${body.ip} is not authorised) client-ip=${body.ip};`,
    reason: `${body.ip} is not authorised for ${domain}: nothing before -all matched.`,
  };
}

function analyze(call: FakeCall): AnalyzeToolResponse {
  const { domain } = call.body as { domain: string };
  return {
    analysis: { domain, analyzedAt: '2026-11-22T06:00:00.000Z', record: 'v=spf1 ip4:192.0.2.0/24 -all', status: 'ok', lookupCount: 0, voidLookups: 0, networks: [], services: [], lint: [] },
    comparison: null,
  };
}

describe('ExplainBounceTool', () => {
  let fake: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    fake = installFakeFetch({ 'GET /api/tools/services': () => SERVICES, 'POST /api/tools/check-host': checkHost, 'POST /api/tools/analyze': analyze });
  });
  afterEach(() => fake.restore());

  it('seed 001: finds IP and sender in the why link, checks at once and explains the fix', async () => {
    renderWithProviders(<ExplainBounceTool />);
    fireEvent.change(screen.getByLabelText(/Bounce message/), { target: { value: seed('seed-001-exchange-openspf-why.txt') } });
    fireEvent.click(screen.getByRole('button', { name: 'Explain this bounce' }));
    expect(await screen.findByRole('heading', { name: '69.84.129.239 is not allowed to send mail for topel.com (SPF fail).' })).toBeInTheDocument();
    const check = fake.calls.find((c) => c.path === '/api/tools/check-host')!;
    expect(check.body).toEqual({ ip: '69.84.129.239', sender: 'al@topel.com' });
    expect(fake.calls.find((c) => c.path === '/api/tools/analyze')!.body).toEqual({ domain: 'topel.com' });
    expect(screen.getByText(/If 69\.84\.129\.239 is a server you send from, add "ip4:69\.84\.129\.239"/)).toBeInTheDocument();
    expect(screen.getByTestId('suggested-record')).toHaveTextContent('v=spf1 ip4:192.0.2.0/24 ip4:69.84.129.239 -all');
    expect(screen.getByRole('link', { name: 'Try it in the record builder' })).toHaveAttribute('href', expect.stringContaining('/tools/record-builder?domain=topel.com'));
  });

  it('seed 004: the IP and sender are hidden, so it asks for them before checking', async () => {
    renderWithProviders(<ExplainBounceTool />);
    fireEvent.change(screen.getByLabelText(/Bounce message/), { target: { value: seed('seed-004-postfix-gmail-5.7.26.txt') } });
    fireEvent.click(screen.getByRole('button', { name: 'Explain this bounce' }));
    expect(screen.getByText(/The bounce hides the sending IP/)).toBeInTheDocument();
    expect(screen.getByText(/The sender’s address is hidden in the bounce/)).toBeInTheDocument();
    expect(screen.getByText(/Gmail refused the message as unauthenticated/)).toBeInTheDocument();
    expect(fake.calls.some((c) => c.path === '/api/tools/check-host')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Check and explain' }));
    expect(screen.getByText(/Enter the public IP address of the server that sent the message/)).toBeInTheDocument();
    expect(fake.calls.some((c) => c.path === '/api/tools/check-host')).toBe(false);

    fireEvent.change(screen.getByLabelText('Sending IP'), { target: { value: '198.51.100.26' } });
    fireEvent.change(screen.getByLabelText(/Envelope sender or domain/), { target: { value: 'droplet.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and explain' }));
    await waitFor(() => expect(fake.calls.some((c) => c.path === '/api/tools/check-host')).toBe(true));
    expect(fake.calls.find((c) => c.path === '/api/tools/check-host')!.body).toEqual({ ip: '198.51.100.26', domain: 'droplet.example' });
    expect(await screen.findByText(/the bounce comes from Postfix on your own server/)).toBeInTheDocument();
  });

  it('seed 002: a guessed IP and a From: header sender are shown for confirmation, not checked blindly', () => {
    renderWithProviders(<ExplainBounceTool />);
    fireEvent.change(screen.getByLabelText(/Bounce message/), { target: { value: seed('seed-002-553-rejected-from-header.txt') } });
    fireEvent.click(screen.getByRole('button', { name: 'Explain this bounce' }));
    expect(screen.getByLabelText('Sending IP')).toHaveValue('38.106.5.33');
    expect(screen.getByLabelText(/Envelope sender or domain/)).toHaveValue('info@townofsmyrna.org');
    expect(screen.getByText(/38\.106\.5\.33 is the only address in it — confirm or correct it/)).toBeInTheDocument();
    expect(fake.calls.some((c) => c.path === '/api/tools/check-host')).toBe(false);
  });
});
