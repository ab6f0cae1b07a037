import type { AlertDigest, DigestAlert } from './digest';
import { renderAlertEmail, DETAILED_ALERTS } from './alert-email';
import { digestHeadline } from './digest';
import { alertsPayload, alertsSlackPayload } from './webhook-payload';

const provider = { id: 'pe1', includeDomain: '_spf.provider.example', service: 'Provider', changes: ['The include _spf.provider.example now needs 10 more lookups.'], recordBefore: 'v=spf1 ip4:198.51.100.0/24 -all', recordAfter: 'v=spf1 include:_p0 … -all' };

function alert(i: number, over: Partial<DigestAlert> = {}): DigestAlert {
  return {
    id: `a${i}`,
    type: 'lookup_limit',
    severity: 'critical',
    state: 'open',
    title: `d${i}.example needs 11 DNS lookups (limit 10)`,
    detail: { message: `The SPF policy of d${i}.example needs 11 DNS lookups; receivers stop at 10.`, lookupCount: 11, limit: 10 },
    openedAt: new Date('2026-11-22T08:00:00Z'),
    domainId: `dom${i}`,
    domain: `d${i}.example`,
    clientId: 'c1',
    clientName: 'Acme',
    recordBefore: null,
    recordAfter: null,
    changes: [],
    fixes: [],
    providerEvent: null,
    ...over,
  };
}

const digest = (alerts: DigestAlert[]): AlertDigest => ({ organization: { id: 'org', name: 'Agency' }, alerts, publicUrl: 'https://spf.example' });

describe('alert messages', () => {
  it('headlines one alert, a provider change, or a mix', () => {
    expect(digestHeadline(digest([alert(1)]))).toBe('CRITICAL: d1.example needs 11 DNS lookups (limit 10)');
    expect(digestHeadline(digest([alert(1, { providerEvent: provider }), alert(2, { providerEvent: provider })]))).toBe('_spf.provider.example changed: 2 domains affected (2 critical)');
    expect(digestHeadline(digest([alert(1), alert(2, { severity: 'warning', domainId: 'dom1' }), alert(3, { severity: 'info' })]))).toBe('3 alerts on 2 domains (1 critical, 1 warning, 1 info)');
  });

  it('escapes what records and titles say in the HTML', () => {
    const email = renderAlertEmail(digest([alert(1, { type: 'record_changed', severity: 'info', title: 'SPF of <b>x</b> changed', recordBefore: 'v=spf1 -all', recordAfter: 'v=spf1 a:"<script>" -all', changes: ['Terms added: a:"<script>"'] })]));
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('a:&quot;&lt;script&gt;&quot;');
    expect(email.html).toContain('SPF of &lt;b&gt;x&lt;/b&gt; changed');
    expect(email.text).toContain('Record after:  v=spf1 a:"<script>" -all');
    expect(email.text).toContain('What to do: Check that the change was intended.');
  });

  it('describes a provider change once with every affected domain, and caps the detailed alerts', () => {
    const grouped = renderAlertEmail(digest([...Array.from({ length: 3 }, (_, i) => alert(i, { providerEvent: provider })), alert(9, { type: 'void_lookups', severity: 'warning', fixes: ['Remove include:gone.example. Fix: delete the term'] })]));
    expect(grouped.text.match(/PROVIDER CHANGE/g)).toHaveLength(1);
    expect(grouped.text).toContain('Include record before: v=spf1 ip4:198.51.100.0/24 -all');
    expect(grouped.text).toContain('Why it matters: it broke 3 domains of yours.');
    expect(grouped.text).toContain('    - Remove include:gone.example. Fix: delete the term');
    const many = renderAlertEmail(digest(Array.from({ length: DETAILED_ALERTS + 5 }, (_, i) => alert(i))));
    expect(many.text.match(/^\[CRITICAL\]/gm)).toHaveLength(DETAILED_ALERTS);
    expect(many.text).toContain('5 more:');
    expect(many.html).toContain('5 more</h2>');
  });

  it('builds webhook and Slack payloads, most severe first', () => {
    const alerts = [alert(1, { severity: 'info', type: 'record_changed' }), alert(2)];
    const payload = alertsPayload('delivery-1', new Date('2026-11-22T08:01:00Z'), digest(alerts));
    expect(payload).toMatchObject({ version: 1, id: 'delivery-1', type: 'alerts', sentAt: '2026-11-22T08:01:00.000Z', organization: { id: 'org', name: 'Agency' } });
    expect(payload.alerts.map((a) => [a.id, a.url])).toEqual([
      ['a2', 'https://spf.example/domains/dom2'],
      ['a1', 'https://spf.example/domains/dom1'],
    ]);
    const slack = alertsSlackPayload(digest(Array.from({ length: 30 }, (_, i) => alert(i))));
    expect(slack.text).toBe('spfwatch: 30 alerts on 30 domains (30 critical)');
    expect(slack.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '… and 10 more' }] });
  });
});
