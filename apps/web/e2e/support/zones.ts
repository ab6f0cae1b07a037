import type { Zone } from '@spfwatch/dns-fixture';

/** Provider records (trimmed versions of fixtures/providers.yaml) shared by every zone below. */
const PROVIDERS: Zone['records'] = {
  '_spf.google.com': { TXT: 'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all' },
  '_netblocks.google.com': { TXT: 'v=spf1 ip4:209.85.128.0/17 ip4:74.125.0.0/16 ~all' },
  '_netblocks2.google.com': { TXT: 'v=spf1 ip6:2001:4860:4000::/36 ~all' },
  '_netblocks3.google.com': { TXT: 'v=spf1 ip4:172.217.0.0/19 ~all' },
  'aspmx.l.google.com': { A: '142.250.4.26' },
  'spf.protection.outlook.com': { TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' },
  'spf.mailjet.com': { TXT: 'v=spf1 ip4:87.253.232.0/21 ip4:185.189.236.0/22 ~all' },
  'sendgrid.net': { TXT: 'v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ~all' },
  'mailgun.org': { TXT: 'v=spf1 include:_spf.mailgun.org include:_spf.eu.mailgun.org -all' },
  '_spf.mailgun.org': { TXT: 'v=spf1 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ~all' },
  '_spf.eu.mailgun.org': { TXT: 'v=spf1 ip4:141.193.32.0/23 ~all' },
  'servers.mcsv.net': { TXT: 'v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ~all' },
  'mail.zendesk.com': { TXT: 'v=spf1 ip4:192.161.144.0/20 ~all' },
  'amazonses.com': { TXT: 'v=spf1 ip4:54.240.0.0/18 ip4:23.249.208.0/20 -all' },
};

/** The agency's fleet as first imported: one warning (mx only), one near the limit, one without a record. */
export const ZONE_BEFORE: Zone = {
  ttl: 1,
  records: {
    ...PROVIDERS,
    // Seed 000's mistake: Google Workspace mailboxes, "mx" instead of Google's include.
    'acme.example': { TXT: 'v=spf1 mx include:spf.mailjet.com -all', MX: { priority: 1, exchange: 'aspmx.l.google.com' } },
    'shop.acme.example': { TXT: 'v=spf1 include:_spf.google.com include:sendgrid.net ~all' },
    'globex.example': { TXT: 'v=spf1 include:spf.protection.outlook.com -all' },
    'news.globex.example': { TXT: 'v=spf1 include:_spf.google.com include:mailgun.org include:servers.mcsv.net ~all' },
    'initech.example': { A: '203.0.113.20' },
    'blog.initech.example': { TXT: 'v=spf1 a -all', A: '203.0.113.10' },
  },
};

/** Later: the shop adds four services and needs 11 lookups (was 5); SendGrid adds a netblock. */
export const ZONE_AFTER: Zone = {
  ...ZONE_BEFORE,
  records: {
    ...ZONE_BEFORE.records,
    'sendgrid.net': { TXT: 'v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:149.72.0.0/16 ~all' },
    'shop.acme.example': { TXT: 'v=spf1 include:_spf.google.com include:sendgrid.net include:mailgun.org include:servers.mcsv.net include:mail.zendesk.com include:amazonses.com ~all' },
  },
};

/** The import the test pastes: the last line is invalid, so the first attempt imports nothing. */
export const IMPORT_CSV_WITH_ERROR = [
  'client,domain,tags',
  'Acme,acme.example,vip',
  'Acme,shop.acme.example,shop;eu',
  'Globex,globex.example,',
  'Globex,news.globex.example,newsletter',
  'Initech,initech.example,',
  'Initech,blog.initech.example,',
  'Initech,not a domain!,',
].join('\n');

export const IMPORT_CSV = IMPORT_CSV_WITH_ERROR.split('\n').slice(0, -1).join('\n');
