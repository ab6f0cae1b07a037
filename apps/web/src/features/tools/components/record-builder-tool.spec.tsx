import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AnalyzeToolResponse, CatalogueServiceList } from '@spfwatch/contracts';
import { installFakeFetch, type FakeCall } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { RecordBuilderTool } from './record-builder-tool';

const SERVICES: CatalogueServiceList = {
  items: [
    { id: 'google-workspace', name: 'Google Workspace', category: 'mailbox', include: '_spf.google.com', includes: ['_spf.google.com'], suffixes: [], docs: null, note: null, illustrative: false },
    { id: 'mailjet', name: 'Mailjet', category: 'marketing', include: 'spf.mailjet.com', includes: ['spf.mailjet.com'], suffixes: [], docs: null, note: null, illustrative: false },
    // Per-customer includes: named in badges, not offered as a checkbox.
    { id: 'hubspot', name: 'HubSpot', category: 'marketing', include: null, includes: [], suffixes: ['.hubspotemail.net'], docs: null, note: null, illustrative: false },
  ],
  total: 3,
};

function analysisFor(call: FakeCall): AnalyzeToolResponse {
  const { domain, record } = call.body as { domain: string; record?: string };
  const google = record?.includes('_spf.google.com') ?? false;
  return {
    analysis: {
      domain,
      analyzedAt: '2026-11-22T06:00:00.000Z',
      record: record ?? 'v=spf1 mx -all',
      status: 'ok',
      lookupCount: google ? 5 : 1,
      voidLookups: 0,
      networks: google ? [{ cidr: '209.85.128.0/17', family: 4, path: [domain, '_spf.google.com'], term: 'ip4:209.85.128.0/17' }] : [],
      services: google ? [{ id: 'google-workspace', name: 'Google Workspace', include: '_spf.google.com', path: [domain] }] : [],
      lint: [],
    },
    comparison: record
      ? {
          against: 'live',
          snapshotId: null,
          baseRecord: 'v=spf1 mx -all',
          lookupDelta: google ? 4 : 0,
          voidDelta: 0,
          servicesAdded: google ? ['google-workspace'] : [],
          servicesRemoved: [],
          networksGained: google ? [{ cidr: '209.85.128.0/17', family: 4, path: [domain, '_spf.google.com'], term: 'ip4:209.85.128.0/17' }] : [],
          networksLost: [{ cidr: '142.250.4.26', family: 4, path: [domain], term: 'mx' }],
          changes: [],
        }
      : null,
  };
}

describe('RecordBuilderTool', () => {
  let fake: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    jest.useFakeTimers();
    fake = installFakeFetch({ 'GET /api/tools/services': () => SERVICES, 'POST /api/tools/analyze': analysisFor });
  });
  afterEach(() => {
    fake.restore();
    jest.useRealTimers();
  });

  const analyzeCalls = (): FakeCall[] => fake.calls.filter((c) => c.path === '/api/tools/analyze');

  it('builds the record from the checkboxes and analyses it once typing settles', async () => {
    renderWithProviders(<RecordBuilderTool />);
    fireEvent.change(screen.getByLabelText('Domain'), { target: { value: 'acme.example' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /^mx/ }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Google Workspace' }));
    expect(screen.queryByRole('checkbox', { name: 'HubSpot' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /^Fail \(-all\)/ }));
    fireEvent.change(screen.getByLabelText(/IPv4 addresses or ranges/), { target: { value: '192.0.2.10\n198.51.100.0/24' } });
    expect(screen.getByTestId('built-record')).toHaveTextContent('v=spf1 mx ip4:192.0.2.10 ip4:198.51.100.0/24 include:_spf.google.com -all');

    // Debounced: nothing is sent while the user is still editing…
    expect(analyzeCalls()).toHaveLength(0);
    await act(async () => {
      jest.advanceTimersByTime(600);
    });
    // …then one request with the whole draft.
    await waitFor(() => expect(analyzeCalls()).toHaveLength(1));
    expect(analyzeCalls()[0]!.body).toEqual({ domain: 'acme.example', record: 'v=spf1 mx ip4:192.0.2.10 ip4:198.51.100.0/24 include:_spf.google.com -all' });
    expect(await screen.findByText('Gains authorisation (1)')).toBeInTheDocument();
    expect(screen.getByText('Loses authorisation (1)')).toBeInTheDocument();
    expect(screen.getByText('+ Google Workspace becomes authorised')).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: '5 of 10 DNS lookups' })).toBeInTheDocument();
  });

  it('flags malformed addresses and does not send them', async () => {
    renderWithProviders(<RecordBuilderTool />);
    fireEvent.change(screen.getByLabelText('Domain'), { target: { value: 'acme.example' } });
    fireEvent.change(screen.getByLabelText(/IPv4 addresses or ranges/), { target: { value: '300.1.2.3' } });
    expect(screen.getByRole('alert')).toHaveTextContent('"300.1.2.3" is not an IPv4 address or range');
    await act(async () => {
      jest.advanceTimersByTime(600);
    });
    expect(analyzeCalls()).toHaveLength(0);
  });

  it('a hand-edited draft drives the checkboxes when switching back', async () => {
    renderWithProviders(<RecordBuilderTool />);
    fireEvent.click(screen.getByRole('tab', { name: 'Edit the record text' }));
    fireEvent.change(screen.getByLabelText('Draft record'), { target: { value: 'v=spf1 a include:spf.mailjet.com exists:%{i}.bl.example -all' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Build with checkboxes' }));
    expect(screen.getByRole('checkbox', { name: /^a/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^mx/ })).not.toBeChecked();
    expect(await screen.findByRole('checkbox', { name: 'Mailjet' })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Fail \(-all\)/ })).toBeChecked();
    expect(screen.getByText('exists:%{i}.bl.example')).toBeInTheDocument();
    expect(screen.getByTestId('built-record')).toHaveTextContent('v=spf1 a include:spf.mailjet.com exists:%{i}.bl.example -all');
  });

  it('starts from a record given in the link (from the bounce explainer or the domain page)', async () => {
    renderWithProviders(<RecordBuilderTool />, { path: '/tools/record-builder?domain=acme.example&record=v%3Dspf1%20mx%20include%3A_spf.google.com%20-all' });
    expect(screen.getByLabelText('Domain')).toHaveValue('acme.example');
    expect(screen.getByLabelText('Draft record')).toHaveValue('v=spf1 mx include:_spf.google.com -all');
    await act(async () => {
      jest.advanceTimersByTime(600);
    });
    await waitFor(() => expect(analyzeCalls()).toHaveLength(1));
    expect(await screen.findByText('Gains authorisation (1)')).toBeInTheDocument();
  });
});
