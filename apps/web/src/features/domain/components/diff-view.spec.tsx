import { render, screen, within } from '@testing-library/react';
import type { SnapshotSummary } from '@spfwatch/contracts';
import type { AnalysisDiffView } from '../../../api/monitoring-types';
import { DiffView } from './diff-view';

const from: SnapshotSummary = {
  id: 's1',
  firstSeenAt: '2026-11-01T10:00:00.000Z',
  lastSeenAt: '2026-11-10T10:00:00.000Z',
  lookupCount: 6,
  voidLookups: 0,
  status: 'ok',
  record: 'v=spf1 mx include:_spf.google.com include:servers.mcsv.net -all',
  services: ['google-workspace', 'mailchimp'],
  contentHash: 'a',
};
const to: SnapshotSummary = { ...from, id: 's2', firstSeenAt: '2026-11-10T11:00:00.000Z', lookupCount: 11, status: 'broken', record: 'v=spf1 mx include:_spf.google.com include:sendgrid.net include:mailgun.org ~all', services: ['google-workspace', 'sendgrid', 'mailgun'] };

const diff: AnalysisDiffView = {
  domain: 'acme.example',
  changed: true,
  changes: [
    { kind: 'status-changed', severity: 'breaking', message: 'The policy now needs 11 DNS lookups: receivers return permerror.', fromSharedInclude: false },
    { kind: 'all-changed', severity: 'warning', message: '"-all" became "~all": unlisted servers are no longer rejected.', fromSharedInclude: false },
  ],
  termsAdded: ['include:sendgrid.net', 'include:mailgun.org', '~all'],
  termsRemoved: ['include:servers.mcsv.net', '-all'],
  servicesAdded: ['sendgrid', 'mailgun'],
  servicesRemoved: ['mailchimp'],
  networksAdded: [{ cidr: '167.89.0.0/17', family: 4, path: ['acme.example', 'sendgrid.net'], term: 'ip4:167.89.0.0/17' }],
  networksRemoved: [{ cidr: '205.201.128.0/20', family: 4, path: ['acme.example', 'servers.mcsv.net'], term: 'ip4:205.201.128.0/20' }],
  lookupDelta: 5,
  voidDelta: 0,
  recordBefore: from.record,
  recordAfter: to.record,
  statusBefore: 'ok',
  statusAfter: 'permerror',
  allBefore: '-',
  allAfter: '~',
  providerOnly: false,
  changedIncludes: [],
  maxSeverity: 'breaking',
};

const names: Record<string, string> = { sendgrid: 'SendGrid', mailgun: 'Mailgun', mailchimp: 'Mailchimp' };

describe('DiffView', () => {
  it('shows both records side by side with removed terms on the left and added terms on the right', () => {
    render(<DiffView diff={diff} from={from} to={to} serviceName={(id) => names[id] ?? id} />);
    const removed = Array.from(document.querySelectorAll('[data-mark="removed"]')).map((e) => e.textContent?.replace('removed: ', ''));
    const added = Array.from(document.querySelectorAll('[data-mark="added"]')).map((e) => e.textContent?.replace('added: ', ''));
    expect(removed).toEqual(['include:servers.mcsv.net', '-all']);
    expect(added).toEqual(['include:sendgrid.net', 'include:mailgun.org', '~all']);
    // Unchanged terms appear on both sides, unmarked.
    expect(document.querySelectorAll('[data-mark="same"]')).toHaveLength(6);
    expect(screen.getByText(/^Before:/)).toBeInTheDocument();
    expect(screen.getByText(/^After:/)).toBeInTheDocument();
  });

  it('lists the classified changes, the lookup delta, the all change, services and networks by name', () => {
    render(<DiffView diff={diff} from={from} to={to} serviceName={(id) => names[id] ?? id} />);
    const changes = screen.getByRole('region', { name: 'What changed' });
    expect(within(changes).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'breakingThe policy now needs 11 DNS lookups: receivers return permerror.',
      'warning"-all" became "~all": unlisted servers are no longer rejected.',
    ]);
    expect(screen.getByText('6 → 11 (+5)')).toBeInTheDocument();
    expect(screen.getByText('SendGrid, Mailgun')).toBeInTheDocument();
    expect(screen.getByText('Mailchimp')).toBeInTheDocument();
    expect(screen.getByText('Networks added (1)')).toBeInTheDocument();
    expect(screen.getByText('167.89.0.0/17')).toBeInTheDocument();
    expect(screen.getByText('205.201.128.0/20')).toBeInTheDocument();
    expect(screen.queryByTestId('provider-only')).not.toBeInTheDocument();
  });

  it('says when a change came only from a provider and shows the include’s records side by side', () => {
    const providerDiff: AnalysisDiffView = {
      ...diff,
      changes: [{ kind: 'include-changed', severity: 'info', message: 'The record of sendgrid.net changed.', fromSharedInclude: true, sources: ['sendgrid.net'] }],
      termsAdded: [],
      termsRemoved: [],
      recordBefore: to.record,
      recordAfter: to.record,
      providerOnly: true,
      changedIncludes: [{ domain: 'sendgrid.net', before: 'v=spf1 ip4:208.115.214.0/24 include:sendgrid.biz ~all', after: 'v=spf1 ip4:167.89.0.0/17 ~all' }],
      allBefore: '~',
      allAfter: '~',
      servicesAdded: [],
      servicesRemoved: [],
    };
    render(<DiffView diff={providerDiff} from={to} to={to} />);
    expect(screen.getByTestId('provider-only')).toHaveTextContent('Provider change: the domain’s own record did not change; sendgrid.net did.');
    expect(screen.getByText('(from sendgrid.net)')).toBeInTheDocument();
    const includes = screen.getByRole('region', { name: 'Changed includes' });
    expect(within(includes).getByText('sendgrid.net')).toBeInTheDocument();
    const marks = Array.from(includes.querySelectorAll('[data-mark]')).map((e) => `${e.getAttribute('data-mark')}:${e.textContent?.replace(/^(added|removed): /, '')}`);
    expect(marks).toEqual(['same:v=spf1', 'removed:ip4:208.115.214.0/24', 'removed:include:sendgrid.biz', 'same:~all', 'same:v=spf1', 'added:ip4:167.89.0.0/17', 'same:~all']);
    // The domain's own record is identical on both sides.
    const own = document.querySelectorAll('.diff-cols')[0]!;
    expect(own.querySelectorAll('[data-mark="same"]').length).toBe(12);
    expect(own.querySelectorAll('[data-mark="added"], [data-mark="removed"]').length).toBe(0);
  });

  it('a record that appeared: the before side says there was none', () => {
    render(<DiffView diff={{ ...diff, recordBefore: null, termsRemoved: [] }} from={{ ...from, record: null }} to={to} />);
    expect(screen.getByText('(no SPF record)')).toBeInTheDocument();
    expect(document.querySelectorAll('[data-mark="removed"]')).toHaveLength(0);
  });
});
