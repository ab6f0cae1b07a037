import type { ChannelResponse, CreateChannelBody, UpdateChannelBody } from '@spfwatch/contracts';
import { channelFormProblems, createBodyFromForm, emptyChannelForm, errorsFromApi, formFromChannel, parseRecipients, updateBodyFromForm, type ChannelForm } from './channel-form';
import { describeAttempt } from './notification-labels';

const base = (patch: Partial<ChannelForm> = {}): ChannelForm => ({ ...emptyChannelForm(), name: 'Ops', recipients: 'ops@agency.example', ...patch });

const stored = (patch: Partial<ChannelResponse> = {}): ChannelResponse => ({
  id: 'ch1',
  kind: 'email',
  name: 'Ops',
  clientId: null,
  domainId: null,
  config: { recipients: ['ops@agency.example'] },
  hasSecret: false,
  enabled: true,
  minSeverity: 'warning',
  events: ['alerts'],
  quietHours: null,
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
  ...patch,
});

describe('channel form → create body', () => {
  it('an organization-wide email channel: recipients split on commas, semicolons and lines; no binding ids; quiet hours null', () => {
    const body = createBodyFromForm(base({ recipients: ' ops@agency.example,\nnight@agency.example; desk@agency.example ' }));
    expect(body).toEqual({
      kind: 'email',
      name: 'Ops',
      config: { recipients: ['ops@agency.example', 'night@agency.example', 'desk@agency.example'] },
      enabled: true,
      minSeverity: 'warning',
      events: ['alerts'],
      quietHours: null,
    } satisfies CreateChannelBody);
    expect(body).not.toHaveProperty('clientId');
    expect(body).not.toHaveProperty('domainId');
  });

  it('binds to exactly one of client or domain, whatever else the form remembers', () => {
    const remembered = { clientId: 'c-acme', domainId: 'd-shop' };
    expect(createBodyFromForm(base({ ...remembered, scope: 'client' }))).toMatchObject({ clientId: 'c-acme' });
    expect(createBodyFromForm(base({ ...remembered, scope: 'client' }))).not.toHaveProperty('domainId');
    expect(createBodyFromForm(base({ ...remembered, scope: 'domain' }))).toMatchObject({ domainId: 'd-shop' });
    expect(createBodyFromForm(base({ ...remembered, scope: 'domain' }))).not.toHaveProperty('clientId');
    const org = createBodyFromForm(base({ ...remembered, scope: 'organization' }));
    expect([('clientId' in org), ('domainId' in org)]).toEqual([false, false]);
  });

  it('quiet hours become a window, with the time zone only when one was typed (else the organization’s)', () => {
    expect(createBodyFromForm(base({ quietHours: true, quietStart: '22:00', quietEnd: '07:00' })).quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect(createBodyFromForm(base({ quietHours: true, quietStart: '20:30', quietEnd: '06:00', quietTimeZone: ' America/New_York ' })).quietHours).toEqual({ start: '20:30', end: '06:00', timeZone: 'America/New_York' });
    // Unticked, the remembered times are not sent.
    expect(createBodyFromForm(base({ quietHours: false, quietStart: '20:30' })).quietHours).toBeNull();
  });

  it('a webhook sends its URL and a timeout only when one was given; events and severity as chosen', () => {
    const form = base({ kind: 'webhook', url: ' https://siem.agency.example/hook ', minSeverity: 'critical', events: { alerts: true, reports: true } });
    expect(createBodyFromForm(form)).toEqual({
      kind: 'webhook',
      name: 'Ops',
      config: { url: 'https://siem.agency.example/hook' },
      enabled: true,
      minSeverity: 'critical',
      events: ['alerts', 'reports'],
      quietHours: null,
    } satisfies CreateChannelBody);
    expect(createBodyFromForm({ ...form, timeoutMs: '2500' }).config).toEqual({ url: 'https://siem.agency.example/hook', timeoutMs: 2500 });
  });
});

describe('channel form ← stored channel → update body', () => {
  it('round-trips a client-bound channel and spells out the binding (null = organization)', () => {
    const channel = stored({ clientId: 'c-acme', events: ['alerts', 'reports'], minSeverity: 'info', quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' } });
    const form = formFromChannel(channel);
    expect(form).toMatchObject({ scope: 'client', clientId: 'c-acme', recipients: 'ops@agency.example', quietHours: true, quietTimeZone: 'Europe/Paris', events: { alerts: true, reports: true } });
    expect(updateBodyFromForm(form, channel)).toEqual({
      name: 'Ops',
      config: { recipients: ['ops@agency.example'] },
      clientId: 'c-acme',
      domainId: null,
      enabled: true,
      minSeverity: 'info',
      events: ['alerts', 'reports'],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
    } satisfies UpdateChannelBody);
    // Back to the whole organization, quiet hours removed.
    expect(updateBodyFromForm({ ...form, scope: 'organization', quietHours: false }, channel)).toMatchObject({ clientId: null, domainId: null, quietHours: null });
    expect(updateBodyFromForm({ ...form, scope: 'domain', domainId: 'd-shop' }, channel)).toMatchObject({ clientId: null, domainId: 'd-shop' });
  });

  it('never sends a Slack URL’s mask back; a new URL replaces the config', () => {
    const masked = 'https://hooks.slack.com/services/T0/B0/••••';
    const channel = stored({ kind: 'slack', config: { url: masked, timeoutMs: 10_000 } });
    const form = formFromChannel(channel);
    expect(form.timeoutMs).toBe('');
    expect(channelFormProblems(form, channel)).toEqual({});
    expect(updateBodyFromForm({ ...form, name: 'Slack #ops' }, channel)).not.toHaveProperty('config');
    expect(updateBodyFromForm({ ...form, url: 'https://hooks.slack.com/services/T0/B0/new' }, channel).config).toEqual({ url: 'https://hooks.slack.com/services/T0/B0/new' });
    // A timeout change needs the real URL, which only the user has.
    expect(channelFormProblems({ ...form, timeoutMs: '3000' }, channel).url).toMatch(/Paste the Slack URL again/);
    // On a new channel, a pasted mask is refused.
    expect(channelFormProblems({ ...emptyChannelForm('slack'), name: 'x', url: masked }).url).toBe('Paste the whole URL again.');
  });
});

describe('channel form problems and API errors', () => {
  it('finds what the API would refuse, per field', () => {
    expect(channelFormProblems(base())).toEqual({});
    expect(channelFormProblems(base({ name: ' ', recipients: '' }))).toEqual({ name: 'Give the channel a name.', recipients: 'Add at least one address.' });
    expect(channelFormProblems(base({ recipients: 'ops@agency.example, not-an-address' })).recipients).toBe('“not-an-address” is not an email address.');
    expect(channelFormProblems(base({ recipients: 'ops@agency.example OPS@agency.example' })).recipients).toBe('Each address only once.');
    expect(channelFormProblems(base({ kind: 'webhook', url: 'ftp://x.example/hook', timeoutMs: '60000' }))).toEqual({ url: 'Expected an http(s) URL.', timeoutMs: 'Whole milliseconds from 500 to 30000 (empty = 10000).' });
    expect(channelFormProblems(base({ scope: 'client' })).clientId).toBe('Choose a client.');
    expect(channelFormProblems(base({ scope: 'domain' })).domainId).toBe('Choose a domain.');
    expect(channelFormProblems(base({ events: { alerts: false, reports: false } })).events).toBe('Choose at least one.');
    expect(channelFormProblems(base({ quietHours: true, quietStart: '07:00', quietEnd: '07:00' })).quietEnd).toBe('Must differ from the start.');
    expect(channelFormProblems(base({ quietHours: true, quietStart: '', quietEnd: '07:00' })).quietStart).toBe('A time (HH:MM).');
  });

  it('maps the API’s issue paths onto the fields; a recipient’s index names the address', () => {
    const form = base({ recipients: 'a@agency.example\nb@agency' });
    expect(
      errorsFromApi(
        { 'config.recipients.1': 'Expected an email address', 'quietHours.timeZone': 'Unknown time zone', clientId: 'No client x in this organization', 'events.0': 'Invalid option', '': 'Unrecognized key: "colour"' },
        form,
      ),
    ).toEqual({ recipients: 'b@agency: Expected an email address', quietTimeZone: 'Unknown time zone', clientId: 'No client x in this organization', events: 'Invalid option', form: 'Unrecognized key: "colour"' });
    expect(errorsFromApi({ 'config.url': 'Expected an http(s) URL', 'quietHours.end': 'start and end must differ' }, form)).toEqual({ url: 'Expected an http(s) URL', quietEnd: 'start and end must differ' });
    expect(parseRecipients(' , ;\n')).toEqual([]);
  });

  it('describes attempts in words: the server’s reply, or the error and what it said', () => {
    expect(describeAttempt({ status: 'delivered', responseCode: 250, response: '250 2.0.0 Ok: queued as 1A2B', error: null })).toBe('250 2.0.0 Ok: queued as 1A2B');
    expect(describeAttempt({ status: 'delivered', responseCode: 204, response: null, error: null })).toBe('204');
    expect(describeAttempt({ status: 'failed', responseCode: 503, response: 'down for maintenance', error: 'HTTP 503' })).toBe('HTTP 503 — down for maintenance');
    expect(describeAttempt({ status: 'failed', responseCode: null, response: null, error: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
    expect(describeAttempt({ status: 'failed', responseCode: 421, response: '421 Service not available', error: 'Can’t send mail - all recipients were rejected' })).toBe('Can’t send mail - all recipients were rejected — 421 Service not available');
  });
});
