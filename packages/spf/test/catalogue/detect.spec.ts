import { existsSync, readFileSync } from 'fs';
import { parse } from 'yaml';
import { detectService, detectServicesInTree, findService, hostedProviderForMx, listServices } from '../../src/catalogue/detect';
import type { AnalysisNode } from '../../src/types/analysis';

const PROVIDERS_YAML = '/work/shared/fixtures/providers.yaml';

function node(domain: string, via: AnalysisNode['via'], children: AnalysisNode[] = [], record: string | null = 'v=spf1 ~all'): AnalysisNode {
  return { domain, via, ...(via === 'root' ? {} : { term: `${via === 'include' ? 'include:' : 'redirect='}${domain}` }), record, status: 'ok', errors: [], ownCost: children.length, totalCost: children.length, voidLookups: 0, terms: [], children };
}

describe('detectService', () => {
  it('matches exact include names', () => {
    expect(detectService('_spf.google.com')?.id).toBe('google-workspace');
    expect(detectService('spf.protection.outlook.com')?.id).toBe('microsoft-365');
    expect(detectService('sendgrid.net')?.name).toBe('SendGrid');
    expect(detectService('spf.mtasv.net')?.id).toBe('postmark');
  });

  it('matches per-customer includes by suffix', () => {
    expect(detectService('7593890.spf10.hubspotemail.net')?.id).toBe('hubspot');
    expect(detectService('eu._netblocks.mimecast.com')?.id).toBe('mimecast');
    expect(detectService('spf-0055bf01.pphosted.com')?.id).toBe('proofpoint');
  });

  it('needs a label boundary and a strict subdomain for suffix rules', () => {
    expect(detectService('hubspotemail.net')).toBeUndefined();
    expect(detectService('nothubspotemail.net')).toBeUndefined();
    expect(detectService('sendgrid.net.attacker.example')).toBeUndefined();
    expect(detectService('x.sendgrid.net')).toBeUndefined(); // exact names do not cover subdomains
  });

  it('ignores case and a trailing dot', () => {
    expect(detectService('_SPF.Google.COM.')?.id).toBe('google-workspace');
    expect(detectService(' 7593890.SPF10.HubSpotEmail.net. ')?.id).toBe('hubspot');
    expect(detectService('')).toBeUndefined();
    expect(detectService('.')).toBeUndefined();
  });

  it('prefers an exact include over a suffix rule of another zone', () => {
    expect(detectService('_netblocks.mimecast.com')?.id).toBe('mimecast');
    expect(detectService('customeriomail.com')?.id).toBe('customer-io');
    expect(detectService('mail.customeriomail.com')?.id).toBe('customer-io');
  });
});

describe('hostedProviderForMx', () => {
  it('recognises inbound MX hosts of hosted providers', () => {
    expect(hostedProviderForMx('aspmx.l.google.com')?.id).toBe('google-workspace');
    expect(hostedProviderForMx('ALT1.ASPMX.L.GOOGLE.COM.')?.id).toBe('google-workspace');
    expect(hostedProviderForMx('aspmx2.googlemail.com')?.id).toBe('google-workspace');
    expect(hostedProviderForMx('smtp.google.com')?.id).toBe('google-workspace');
    expect(hostedProviderForMx('example-com.mail.protection.outlook.com')?.id).toBe('microsoft-365');
    expect(hostedProviderForMx('mx1.emailsrvr.com')?.id).toBe('rackspace-email');
    expect(hostedProviderForMx('mail.protonmail.ch')?.id).toBe('proton-mail');
  });

  it('does not match the bare zone of a subdomain-only pattern or unrelated hosts', () => {
    expect(hostedProviderForMx('mail.protection.outlook.com')).toBeUndefined();
    expect(hostedProviderForMx('mail.example.com')).toBeUndefined();
    expect(hostedProviderForMx('google.com.example.net')).toBeUndefined();
    expect(hostedProviderForMx('')).toBeUndefined();
  });

  it('gives a service whose include can be suggested (seed 000)', () => {
    const google = hostedProviderForMx('aspmx.l.google.com');
    expect(google?.recommendedInclude ?? google?.includes[0]).toBe('_spf.google.com');
  });
});

describe('detectServicesInTree', () => {
  // example.com: include:_spf.example.com (own) → include:_spf.google.com; include:sendgrid.net;
  // include:7593890.spf10.hubspotemail.net; include:spf.customeriomail.com → sendgrid.net again
  const tree = node('example.com', 'root', [
    node('_spf.example.com', 'include', [node('_spf.google.com', 'include', [node('_netblocks.google.com', 'include')])]),
    node('sendgrid.net', 'include', [node('sendgrid.biz', 'include')]),
    node('7593890.spf10.hubspotemail.net', 'include'),
    node('unknown.example.net', 'include'),
    node('mail.customeriomail.com', 'include', [node('sendgrid.net', 'include')]),
    node('_spf.google.com', 'include'),
  ]);

  it('lists each service once, with the path to the record holding the include', () => {
    const services = detectServicesInTree(tree);
    expect(services.map((s) => s.id)).toEqual(['google-workspace', 'sendgrid', 'hubspot', 'customer-io']);
    expect(services[0]).toEqual({ id: 'google-workspace', name: 'Google Workspace', include: '_spf.google.com', path: ['example.com', '_spf.example.com'] });
    expect(services[1]).toMatchObject({ include: 'sendgrid.net', path: ['example.com'] });
    expect(services[2]).toMatchObject({ include: '7593890.spf10.hubspotemail.net', path: ['example.com'] });
  });

  it('follows redirects (gmail.com publishes redirect=_spf.google.com)', () => {
    const gmail = node('gmail.com', 'root', [node('_spf.google.com', 'redirect')]);
    expect(detectServicesInTree(gmail)).toEqual([{ id: 'google-workspace', name: 'Google Workspace', include: '_spf.google.com', path: ['gmail.com'] }]);
  });

  it('marks illustrative services', () => {
    const t = node('example.org', 'root', [node('cmail1.com', 'include', [], null)]);
    expect(detectServicesInTree(t)).toEqual([{ id: 'campaign-monitor', name: 'Campaign Monitor', include: 'cmail1.com', path: ['example.org'], illustrative: true }]);
  });

  it('finds nothing in a tree without includes', () => {
    expect(detectServicesInTree(node('example.com', 'root'))).toEqual([]);
  });
});

describe('catalogue data', () => {
  const services = listServices();

  it('has at least 45 services with unique ids and names', () => {
    expect(services.length).toBeGreaterThanOrEqual(45);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    expect(new Set(services.map((s) => s.name.toLowerCase())).size).toBe(services.length);
  });

  it('stores names lower-case without trailing dots, and never claims a name for two services', () => {
    const owner = new Map<string, string>();
    for (const s of services) {
      expect(s.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(s.includes.length + (s.suffixes?.length ?? 0)).toBeGreaterThan(0);
      for (const name of [...s.includes, ...(s.suffixes ?? []), ...(s.mxPatterns ?? [])]) {
        expect(name).toBe(name.toLowerCase());
        expect(name.endsWith('.')).toBe(false);
      }
      for (const suffix of s.suffixes ?? []) expect(suffix.startsWith('.')).toBe(true);
      for (const include of s.includes) {
        expect(owner.get(include)).toBeUndefined();
        owner.set(include, s.id);
        expect(detectService(include)?.id).toBe(s.id);
      }
      if (s.recommendedInclude) expect(detectService(s.recommendedInclude)?.id).toBe(s.id);
    }
  });

  it('finds services by id or name', () => {
    expect(findService('sendgrid')?.name).toBe('SendGrid');
    expect(findService('Google Workspace')?.id).toBe('google-workspace');
    expect(findService('google workspace')?.id).toBe('google-workspace');
    expect(findService('no such service')).toBeUndefined();
  });

  const yamlPresent = existsSync(PROVIDERS_YAML);
  (yamlPresent ? describe : describe.skip)('every service and hint of providers.yaml', () => {
    interface ProvidersFile {
      services: Array<{ name: string; include?: string; include_suffix?: string; records: Record<string, string[]> }>;
      catalogue_hints: Record<string, string>;
    }
    const data = yamlPresent ? (parse(readFileSync(PROVIDERS_YAML, 'utf8')) as ProvidersFile) : { services: [], catalogue_hints: {} };
    // "Brevo (Sendinblue)" → "brevo": the first word of the fixture's name must appear in ours.
    const firstWord = (name: string) => name.toLowerCase().split(/[\s(]+/)[0]!;

    it.each(data.services.map((s) => [s.name, s] as const))('%s resolves', (_name, s) => {
      const include = s.include ?? Object.keys(s.records).find((d) => s.include_suffix && d.endsWith(s.include_suffix));
      expect(include).toBeDefined();
      const service = detectService(include!);
      expect(service?.name.toLowerCase()).toContain(firstWord(s.name));
      expect(Boolean(service?.illustrative)).toBe(Object.keys(s.records).length === 0);
    });

    it.each(Object.entries(data.catalogue_hints))('%s → %s', (include, name) => {
      expect(detectService(include)?.name.toLowerCase()).toContain(firstWord(name));
    });
  });
});
