import type { ImportLine } from '@spfwatch/contracts';
import { parseImport } from './parse-import';
import { planImport, type ImportContext } from './plan-import';

const ACME = { id: '00000000-0000-7000-8000-000000000001', name: 'Acme' };

function plan(text: string, ctx: Partial<ImportContext> = {}) {
  return planImport(parseImport(text).lines, { clients: [ACME], existingDomains: new Map(), ...ctx });
}

function statuses(lines: ImportLine[]): Array<[number, string, string | undefined]> {
  return lines.map((l) => [l.line, l.status, l.domain]);
}

describe('planImport', () => {
  it('creates valid lines, normalising names (case, trailing dot, IDN → A-label) and tags', () => {
    const p = plan('client,domain,tags\nAcme,Example.COM.,VIP;eu;vip\nAcme,bücher.example,\n');
    expect(p.lines).toEqual([
      { line: 2, input: 'Acme,Example.COM.,VIP;eu;vip', status: 'created', domain: 'example.com', client: 'Acme', tags: ['vip', 'eu'] },
      { line: 3, input: 'Acme,bücher.example,', status: 'created', domain: 'xn--bcher-kva.example', client: 'Acme', tags: [] },
    ]);
    expect(p.domains).toEqual([
      { name: 'example.com', tags: ['vip', 'eu'], clientKey: 'acme' },
      { name: 'xn--bcher-kva.example', tags: [], clientKey: 'acme' },
    ]);
    expect(p.existingClientIds).toEqual(new Map([['acme', ACME.id]]));
    expect(p.newClients.size).toBe(0);
    expect([p.created, p.duplicates, p.invalid]).toEqual([2, 0, 0]);
  });

  it('gives the engine’s reason for an invalid domain', () => {
    const p = plan('Acme,localhost\nAcme,exa mple.com\nAcme,192.0.2.1\n');
    expect(p.lines.map((l) => [l.status, l.reason])).toEqual([
      ['invalid', "'localhost' is not a fully qualified domain name (it has a single label)"],
      ['invalid', "'exa mple.com' has an invalid label 'exa mple'"],
      ['invalid', "'192.0.2.1' looks like an IP address, not a domain name"],
    ]);
    expect(p.domains).toEqual([]);
    expect(p.invalid).toBe(3);
  });

  it('marks a name already in the organization as a duplicate, naming its client', () => {
    const p = plan('Acme,example.com\n', { existingDomains: new Map([['example.com', 'Globex']]) });
    expect(p.lines).toEqual([
      { line: 1, input: 'Acme,example.com', status: 'duplicate', domain: 'example.com', client: 'Acme', reason: 'example.com is already monitored (client Globex)' },
    ]);
    expect([p.created, p.duplicates]).toEqual([0, 1]);
  });

  it('marks a repeat within the file as a duplicate of the earlier line, however it was spelled', () => {
    const p = plan('Acme,example.com\nAcme,EXAMPLE.com.\nAcme,example.org\n');
    expect(statuses(p.lines)).toEqual([
      [1, 'created', 'example.com'],
      [2, 'duplicate', 'example.com'],
      [3, 'created', 'example.org'],
    ]);
    expect(p.lines[1]!.reason).toBe('example.com is already on line 1');
    expect(p.domains.map((d) => d.name)).toEqual(['example.com', 'example.org']);
  });

  it('an invalid earlier line does not make a later valid one a duplicate', () => {
    const p = plan('Acme,example.com,bad;tag|with,comma\nAcme,example.com\n');
    // The first line has 4 fields (the comma splits the tags field), so it is unreadable.
    expect(statuses(p.lines)).toEqual([
      [1, 'invalid', undefined],
      [2, 'created', 'example.com'],
    ]);
  });

  it('finds clients by name regardless of case and creates missing ones once, as first spelled', () => {
    const p = plan('acme,a.example\nGlobex,b.example\nGLOBEX ,c.example\n');
    expect(p.lines.map((l) => l.client)).toEqual(['Acme', 'Globex', 'Globex']);
    expect(p.newClients).toEqual(new Map([['globex', 'Globex']]));
    expect(p.domains.map((d) => d.clientKey)).toEqual(['acme', 'globex', 'globex']);
  });

  it('does not create a client for lines that create no domain', () => {
    const p = plan('Globex,example.com\nInitech,not_a_domain\n', { existingDomains: new Map([['example.com', 'Acme']]) });
    expect(p.newClients.size).toBe(0);
  });

  it('uses the default client (by name or existing) for lines without one, and rejects them without it', () => {
    expect(plan('a.example\n', { defaultClient: { kind: 'name', name: 'Hooli' } }).lines[0]).toMatchObject({ status: 'created', client: 'Hooli' });
    expect(plan('a.example\n', { defaultClient: { kind: 'name', name: 'acme' } }).existingClientIds).toEqual(new Map([['acme', ACME.id]]));
    const byId = plan('a.example\n', { defaultClient: { kind: 'existing', client: ACME } });
    expect(byId.lines[0]).toMatchObject({ status: 'created', client: 'Acme' });
    expect(byId.existingClientIds.get('acme')).toBe(ACME.id);
    expect(plan('a.example\n').lines[0]).toMatchObject({ status: 'invalid', domain: 'a.example', reason: 'no client on this line and no default client chosen' });
  });

  it('rejects a bad tag or too many tags with the reason', () => {
    const long = 'x'.repeat(65);
    const many = Array.from({ length: 33 }, (_, i) => `t${i}`).join(';');
    const p = plan(`Acme,a.example,${long}\nAcme,b.example,${many}\n`);
    expect(p.lines.map((l) => [l.status, l.reason])).toEqual([
      ['invalid', `tag "${long}": a tag is at most 64 characters`],
      ['invalid', 'at most 32 tags per domain (found 33)'],
    ]);
  });

  it('rejects an over-long client name', () => {
    const p = plan(`${'c'.repeat(201)},a.example\n`);
    expect(p.lines[0]).toMatchObject({ status: 'invalid', reason: 'the client name is longer than 200 characters' });
  });

  it('carries unreadable lines through as invalid', () => {
    const p = plan('Acme,a.example\n"Acme" x,b.example\n');
    expect(statuses(p.lines)).toEqual([
      [1, 'created', 'a.example'],
      [2, 'invalid', undefined],
    ]);
    expect(p.lines[1]!.reason).toMatch(/quoted field/);
  });
});
