/**
 * The demo agency's fleet: six clients, fifty domains, each with the SPF records it published
 * over the six weeks of the timeline. The stories come from ../shared/seeds (the bounces users
 * brought) and the real-world shapes in fixtures/providers.yaml; names are under `.example`
 * and own addresses are documentation ranges (RFC 5737 / 3849), except the seed's own
 * 38.106.5.33. Day 0 is the first check, day DEMO_DAYS is today.
 */

/** Length of the replayed history, in days. */
export const DEMO_DAYS = 42;

/** One TXT RR: a string, or several character-strings of one RR. */
export type TxtRecord = string | readonly string[];

export interface RecordVersion {
  /** The first day this version is published. */
  day: number;
  /** The name's TXT RRs from that day (SPF or not); empty = no TXT at all. */
  txt: readonly TxtRecord[];
}

export interface DemoDomain {
  name: string;
  client: string;
  tags: readonly string[];
  /** What this domain shows in the demo (README, fleet test). */
  story: string;
  versions: readonly RecordVersion[];
  /** Days on which the domain's nameserver does not answer TXT queries (DNS timeouts). */
  txtTimeoutDays?: readonly number[];
  a?: readonly string[];
  mx?: readonly string[];
}

export interface DemoClient {
  name: string;
  notes: string;
  /** Client contacts who get the weekly compliance report (and critical alerts) by email. */
  reportRecipients?: readonly string[];
}

export const DEMO_ORGANIZATION = { name: 'Northstar IT (demo agency)', timeZone: 'Europe/London' } as const;

/** The agency's own on-call address: every warning or critical alert of the fleet. */
export const AGENCY_ONCALL = 'oncall@northstar-it.example';

export const DEMO_CLIENTS: readonly DemoClient[] = [
  { name: 'Northwind Traders', notes: 'Google Workspace for staff, Mailjet for newsletters (seed 000).', reportRecipients: ['it@northwind.example'] },
  { name: 'Town of Smyrna', notes: 'The town website sends eNotifications through its web host (seed 002).', reportRecipients: ['clerk@smyrna-town.example'] },
  { name: 'Topel Print & Copy', notes: 'Mail rejected by a receiver that asks for SPF (seed 001).' },
  { name: 'Acme Logistics', notes: 'Many sending services: the 10-lookup limit is close.', reportRecipients: ['it@acme-logistics.example'] },
  { name: 'Bluebird Dental Group', notes: 'A Postfix VPS sends the booking mail (seed 004).' },
  {
    name: 'Globex Retail',
    notes: 'Salesforce, HubSpot and Campaign Monitor. The Campaign Monitor records in this demo are illustrative (documentation address ranges): their published text is not recorded.',
  },
];

const GOOGLE_MX = ['1 aspmx.l.google.com', '5 alt1.aspmx.l.google.com', '5 alt2.aspmx.l.google.com'];
const always = (...txt: TxtRecord[]): RecordVersion[] => [{ day: 0, txt }];
const SITE_VERIFICATION = 'google-site-verification=demo-token-4Xk2';

export const DEMO_DOMAINS: readonly DemoDomain[] = [
  // ── Northwind Traders ─────────────────────────────────────────────────────────────
  {
    name: 'northwind.example',
    client: 'Northwind Traders',
    tags: ['vip', 'google-workspace'],
    story: 'Seed 000: Google Workspace + Mailjet; `mx` only covers Google’s inbound servers, so mail sent through Google was rejected. On day 24 the owner adds include:_spf.google.com (and loosens -all to ~all while at it).',
    versions: [
      { day: 0, txt: ['v=spf1 mx include:spf.mailjet.com -all', SITE_VERIFICATION] },
      { day: 24, txt: ['v=spf1 include:_spf.google.com include:spf.mailjet.com ip4:198.51.100.143 ip4:198.51.100.144 mx ~all', SITE_VERIFICATION] },
    ],
    mx: GOOGLE_MX,
  },
  { name: 'shop.northwind.example', client: 'Northwind Traders', tags: ['shop'], story: 'Google Workspace + SendGrid.', versions: always('v=spf1 include:_spf.google.com include:sendgrid.net ~all') },
  { name: 'news.northwind.example', client: 'Northwind Traders', tags: ['marketing'], story: 'Mailchimp only; Mailchimp tightens its record on day 5.', versions: always('v=spf1 include:servers.mcsv.net -all') },
  { name: 'support.northwind.example', client: 'Northwind Traders', tags: [], story: 'Zendesk + Google Workspace.', versions: always('v=spf1 include:mail.zendesk.com include:_spf.google.com ~all') },
  { name: 'northwind-events.example', client: 'Northwind Traders', tags: ['marketing'], story: 'Brevo (Sendinblue); Brevo changes its record on day 27.', versions: always('v=spf1 include:spf.sendinblue.com ~all') },
  { name: 'northwind-traders.example', client: 'Northwind Traders', tags: [], story: 'redirect= to the main domain’s policy.', versions: always('v=spf1 redirect=northwind.example') },
  { name: 'billing.northwind.example', client: 'Northwind Traders', tags: [], story: 'Amazon SES; SES adds ranges on days 12 and 33.', versions: always('v=spf1 include:amazonses.com -all') },
  { name: 'careers.northwind.example', client: 'Northwind Traders', tags: [], story: 'HubSpot’s per-customer include + Google.', versions: always('v=spf1 include:7593890.spf10.hubspotemail.net include:_spf.google.com -all') },
  { name: 'northwind-labs.example', client: 'Northwind Traders', tags: ['google-workspace'], story: 'Mailjet + Google; Mailjet changes ranges on day 21.', versions: always('v=spf1 include:spf.mailjet.com include:_spf.google.com -all') },

  // ── Town of Smyrna ───────────────────────────────────────────────────────────────
  {
    name: 'smyrna-town.example',
    client: 'Town of Smyrna',
    tags: ['vip'],
    story: 'Seed 002: the web host’s notification server (enotification.visioninternet.example) sends as the town but is not authorised; on day 22 the town adds its include.',
    versions: [
      { day: 0, txt: ['v=spf1 mx a ip4:38.106.5.33/32 ~all'] },
      { day: 22, txt: ['v=spf1 mx a ip4:38.106.5.33/32 include:_spf.visioninternet.example ~all'] },
    ],
    a: ['38.106.5.33'],
    mx: ['10 mail.smyrna-town.example'],
  },
  { name: 'library.smyrna-town.example', client: 'Town of Smyrna', tags: ['m365'], story: 'Microsoft 365; Microsoft drops its nested include on day 14.', versions: always('v=spf1 include:spf.protection.outlook.com -all') },
  { name: 'parks.smyrna-town.example', client: 'Town of Smyrna', tags: ['m365'], story: 'Microsoft 365 + Mailchimp.', versions: always('v=spf1 include:spf.protection.outlook.com include:servers.mcsv.net -all') },
  { name: 'smyrna-utilities.example', client: 'Town of Smyrna', tags: ['m365'], story: 'Own relay by ip4 + Microsoft 365.', versions: always('v=spf1 ip4:198.51.100.40 include:spf.protection.outlook.com ~all') },
  {
    name: 'smyrna-police.example',
    client: 'Town of Smyrna',
    tags: ['m365'],
    story: 'Someone loosens -all to ~all on day 31; it is put back on day 37 (the alert resolves itself).',
    versions: [
      { day: 0, txt: ['v=spf1 include:spf.protection.outlook.com -all'] },
      { day: 31, txt: ['v=spf1 include:spf.protection.outlook.com ~all'] },
      { day: 37, txt: ['v=spf1 include:spf.protection.outlook.com -all'] },
    ],
  },
  { name: 'smyrna-schools.example', client: 'Town of Smyrna', tags: ['google-workspace', 'm365'], story: 'Google Workspace and Microsoft 365 side by side.', versions: always('v=spf1 include:_spf.google.com include:spf.protection.outlook.com ~all') },
  { name: 'friends-of-smyrna-library.example', client: 'Town of Smyrna', tags: ['marketing'], story: 'Mailchimp newsletter.', versions: always('v=spf1 include:servers.mcsv.net ~all') },

  // ── Topel Print & Copy ───────────────────────────────────────────────────────────
  { name: 'topel.example', client: 'Topel Print & Copy', tags: ['vip'], story: 'Seed 001: no SPF policy published at all.', versions: always(SITE_VERIFICATION), a: ['192.0.2.30'], mx: ['10 mail.topel.example'] },
  { name: 'topel-copy.example', client: 'Topel Print & Copy', tags: [], story: 'A typo: "nclude:" — receivers answer permerror.', versions: always('v=spf1 nclude:spf.protection.outlook.com -all') },
  { name: 'topelprint.example', client: 'Topel Print & Copy', tags: [], story: 'No spaces: "v=spf1include:…" is not an SPF record at all.', versions: always('v=spf1include:_spf.google.cominclude:amazonses.com~all') },
  { name: 'shop.topel.example', client: 'Topel Print & Copy', tags: ['shop'], story: 'Terms after "all" (never evaluated).', versions: always('v=spf1 +a +mx include:_spf.google.com -all ~all'), a: ['192.0.2.31'], mx: ['10 mail.topel.example'] },
  { name: 'topel-online.example', client: 'Topel Print & Copy', tags: [], story: 'No "all" and no redirect: the default result is neutral.', versions: always('v=spf1 include:_spf.google.com') },
  {
    name: 'topel-archive.example',
    client: 'Topel Print & Copy',
    tags: ['m365'],
    story: 'Gets its first SPF record on day 15.',
    versions: [
      { day: 0, txt: [] },
      { day: 15, txt: ['v=spf1 include:spf.protection.outlook.com -all'] },
    ],
  },

  // ── Acme Logistics ───────────────────────────────────────────────────────────────
  {
    name: 'acme-logistics.example',
    client: 'Acme Logistics',
    tags: ['vip'],
    story: 'Exactly 10 lookups while sendgrid.net includes sendgrid.biz; 9 after SendGrid’s change on day 18, without the owner editing anything.',
    versions: always('v=spf1 a mx include:_spf.google.com include:sendgrid.net include:mail.zendesk.com include:mktomail.com -all'),
    a: ['203.0.113.10'],
    mx: ['10 mx1.acme-logistics.example', '20 mx2.acme-logistics.example'],
  },
  {
    name: 'tracking.acme-logistics.example',
    client: 'Acme Logistics',
    tags: [],
    story: 'Lookup creep: 5 lookups, 8 on day 10 (warning), 11 on day 16 (broken: receivers answer permerror).',
    versions: [
      { day: 0, txt: ['v=spf1 include:_spf.google.com include:mail.zendesk.com ~all'] },
      { day: 10, txt: ['v=spf1 include:_spf.google.com include:mail.zendesk.com include:mailgun.org ~all'] },
      { day: 16, txt: ['v=spf1 include:_spf.google.com include:mail.zendesk.com include:mailgun.org include:mktomail.com include:amazonses.com include:spf.mandrillapp.com ~all'] },
    ],
  },
  {
    name: 'acme-freight.example',
    client: 'Acme Logistics',
    tags: [],
    story: 'Over the limit from the start: four own includes add up to 11 lookups.',
    versions: always('v=spf1 include:s._spf.acme-freight.example include:c._spf.acme-freight.example include:p._spf.acme-freight.example include:p2._spf.acme-freight.example ~all'),
  },
  {
    name: 'acme-hr.example',
    client: 'Acme Logistics',
    tags: ['google-workspace', 'm365'],
    story: 'A second SPF record is published on day 19 instead of merging (permerror); merged on day 23.',
    versions: [
      { day: 0, txt: ['v=spf1 include:_spf.google.com ~all'] },
      { day: 19, txt: ['v=spf1 include:_spf.google.com ~all', 'v=spf1 include:spf.protection.outlook.com -all'] },
      { day: 23, txt: ['v=spf1 include:_spf.google.com include:spf.protection.outlook.com ~all'] },
    ],
  },
  {
    name: 'acme-cargo.example',
    client: 'Acme Logistics',
    tags: [],
    story: 'The SPF record disappears in a DNS migration on day 26 and comes back on day 29.',
    versions: [
      { day: 0, txt: ['v=spf1 include:amazonses.com include:_spf.google.com -all', SITE_VERIFICATION] },
      { day: 26, txt: [SITE_VERIFICATION] },
      { day: 29, txt: ['v=spf1 include:amazonses.com include:_spf.google.com -all', SITE_VERIFICATION] },
    ],
  },
  {
    name: 'acme-parcel.example',
    client: 'Acme Logistics',
    tags: ['m365'],
    story: 'Its DNS host times out on day 20 (one failed check, no alert) and on days 36–38 (three in a row: a temperror alert, resolved on day 39).',
    versions: always('v=spf1 include:spf.protection.outlook.com include:sendgrid.net -all'),
    txtTimeoutDays: [20, 36, 37, 38],
  },
  {
    name: 'acme-intl.example',
    client: 'Acme Logistics',
    tags: ['m365'],
    story: 'Leftovers of an ESP the company left years ago: three names that no longer exist (void lookups > 2).',
    versions: always('v=spf1 include:spf.protection.outlook.com include:oldesp.acme-intl.example include:gone-mailer.example a:legacy-relay.acme-intl.example ~all'),
  },
  { name: 'mail.acme-logistics.example', client: 'Acme Logistics', tags: [], story: 'Its own mail servers, by mx.', versions: always('v=spf1 mx -all'), mx: ['10 mx1.acme-logistics.example', '20 mx2.acme-logistics.example'] },
  { name: 'acme-depot.example', client: 'Acme Logistics', tags: ['m365'], story: 'Microsoft 365 + Amazon SES.', versions: always('v=spf1 include:spf.protection.outlook.com include:amazonses.com -all') },

  // ── Bluebird Dental Group ────────────────────────────────────────────────────────
  { name: 'bluebird-dental.example', client: 'Bluebird Dental Group', tags: ['vip'], story: '"+all": anyone may send as this domain.', versions: always('v=spf1 a mx +all'), a: ['192.0.2.50'], mx: ['10 mail.bluebird-dental.example'] },
  { name: 'bluebird-smiles.example', client: 'Bluebird Dental Group', tags: [], story: 'Uses the deprecated ptr mechanism, and ?all.', versions: always('v=spf1 ptr:mail-out.bluebird-smiles.example ptr:mail.bluebird-smiles.example ip4:192.0.2.105/32 ?all') },
  { name: 'bluebird-vps.example', client: 'Bluebird Dental Group', tags: [], story: 'Seed 004: a Postfix VPS authorised by its ip4 only.', versions: always('v=spf1 ip4:203.0.113.26 ~all') },
  {
    name: 'bluebird-booking.example',
    client: 'Bluebird Dental Group',
    tags: ['google-workspace', 'illustrative'],
    story: 'Seed 004’s full record: the VPS, Google and Campaign Monitor’s older include (cmail1.com, illustrative).',
    versions: always('v=spf1 ip4:203.0.113.26 include:_spf.google.com include:cmail1.com ~all'),
  },
  {
    name: 'bluebird-kids.example',
    client: 'Bluebird Dental Group',
    tags: ['google-workspace'],
    story: 'Adds Mailchimp on day 28.',
    versions: [
      { day: 0, txt: ['v=spf1 include:_spf.google.com -all'] },
      { day: 28, txt: ['v=spf1 include:_spf.google.com include:servers.mcsv.net -all'] },
    ],
  },
  {
    name: 'bluebird-ortho.example',
    client: 'Bluebird Dental Group',
    tags: ['google-workspace'],
    story: 'Drops SendGrid on day 34 (an authorised service removed).',
    versions: [
      { day: 0, txt: ['v=spf1 include:_spf.google.com include:sendgrid.net -all'] },
      { day: 34, txt: ['v=spf1 include:_spf.google.com -all'] },
    ],
  },
  {
    name: 'bluebird-care.example',
    client: 'Bluebird Dental Group',
    tags: [],
    story: 'One TXT record of two strings (joined without a space).',
    versions: always(['v=spf1 ip4:192.0.2.128/25 ip4:198.51.100.0/25 ip4:203.0.113.0/25 ip4:192.0.2.64/27', ' ip4:198.51.100.192/26 ip4:203.0.113.192/26 -all']),
  },

  // ── Globex Retail ────────────────────────────────────────────────────────────────
  { name: 'globex.example', client: 'Globex Retail', tags: ['vip', 'm365'], story: 'Salesforce’s exists:%{i} macro (not statically resolvable) + Microsoft 365.', versions: always('v=spf1 include:_spf.salesforce.com include:spf.protection.outlook.com -all') },
  { name: 'news.globex.example', client: 'Globex Retail', tags: ['marketing', 'illustrative'], story: 'Campaign Monitor (its record here is illustrative).', versions: always('v=spf1 include:_spf.createsend.com ~all') },
  { name: 'globex-shop.example', client: 'Globex Retail', tags: ['shop'], story: 'HubSpot + SendGrid.', versions: always('v=spf1 include:7593890.spf10.hubspotemail.net include:sendgrid.net ~all') },
  { name: 'globex-eu.example', client: 'Globex Retail', tags: [], story: 'A vendor’s per-IP macro include (%{i}, %{h}, %{d}).', versions: always('v=spf1 include:%{i}._ip.%{h}._ehlo.%{d}._spf.vali.email ~all') },
  { name: 'globex-outlet.example', client: 'Globex Retail', tags: ['m365'], story: 'Mandrill + Microsoft 365.', versions: always('v=spf1 include:spf.mandrillapp.com include:spf.protection.outlook.com -all') },
  { name: 'globex-marketing.example', client: 'Globex Retail', tags: ['marketing'], story: 'Marketo + Mailchimp.', versions: always('v=spf1 include:mktomail.com include:servers.mcsv.net ~all') },
  { name: 'globex-ops.example', client: 'Globex Retail', tags: ['google-workspace'], story: 'Own IPv6 and IPv4 networks + Google.', versions: always('v=spf1 ip6:2001:db8:10::/48 ip4:192.0.2.64/26 include:_spf.google.com -all') },
  { name: 'globex-pay.example', client: 'Globex Retail', tags: [], story: 'Amazon SES + Mailgun.', versions: always('v=spf1 include:amazonses.com include:mailgun.org -all') },
  { name: 'globex-careers.example', client: 'Globex Retail', tags: ['google-workspace'], story: 'Brevo + Google.', versions: always('v=spf1 include:spf.sendinblue.com include:_spf.google.com ~all') },
  { name: 'globex-help.example', client: 'Globex Retail', tags: ['m365'], story: 'Zendesk + Microsoft 365.', versions: always('v=spf1 include:mail.zendesk.com include:spf.protection.outlook.com -all') },
  {
    name: 'globex-stores.example',
    client: 'Globex Retail',
    tags: ['google-workspace'],
    story: 'An ip4 Google’s include already covers, and an ip4 with host bits set.',
    versions: always('v=spf1 ip4:64.233.160.0/19 ip4:192.0.2.77/24 include:_spf.google.com -all'),
  },
  {
    name: 'globex-loyalty.example',
    client: 'Globex Retail',
    tags: [],
    story: 'Includes a partner domain that publishes no SPF record (permerror).',
    versions: always('v=spf1 include:loyalty-partner.example -all'),
  },
];

/**
 * Names the fleet's records point at besides the providers of providers.yaml: own sub-includes,
 * mail hosts, the notification server of seed 002, and illustrative records for services whose
 * published text is not recorded (Campaign Monitor). Record text or A/MX data, all days alike.
 */
export const DEMO_SUPPORT_RECORDS: Readonly<Record<string, { TXT?: readonly TxtRecord[]; A?: readonly string[]; MX?: readonly string[] }>> = {
  // Google's inbound MX hosts: `mx` authorises these, which never send Workspace mail.
  'aspmx.l.google.com': { A: ['142.250.153.27'] },
  'alt1.aspmx.l.google.com': { A: ['142.250.115.27'] },
  'alt2.aspmx.l.google.com': { A: ['64.233.171.27'] },
  'mail.smyrna-town.example': { A: ['38.106.5.33'] },
  '_spf.visioninternet.example': { TXT: ['v=spf1 ip4:198.51.100.25 ip4:198.51.100.26 -all'] },
  'enotification.visioninternet.example': { A: ['198.51.100.25'] },
  'mail.topel.example': { A: ['192.0.2.32'] },
  'mx1.acme-logistics.example': { A: ['203.0.113.11'] },
  'mx2.acme-logistics.example': { A: ['203.0.113.12'] },
  's._spf.acme-freight.example': { TXT: ['v=spf1 include:_spf.google.com ~all'] },
  'c._spf.acme-freight.example': { TXT: ['v=spf1 include:servers.mcsv.net ip4:198.51.100.60 ~all'] },
  'p._spf.acme-freight.example': { TXT: ['v=spf1 include:mail.zendesk.com -all'] },
  'p2._spf.acme-freight.example': { TXT: ['v=spf1 a:relay.acme-freight.example -all'] },
  'relay.acme-freight.example': { A: ['198.51.100.61'] },
  'mail.bluebird-dental.example': { A: ['192.0.2.51'] },
  'mail-out.bluebird-smiles.example': { A: ['192.0.2.105'] },
  'loyalty-partner.example': { A: ['198.51.100.90'] },
  // Illustrative (not the providers' published text): documentation ranges.
  '_spf.createsend.com': { TXT: ['v=spf1 ip4:192.0.2.192/26 ip4:198.51.100.224/27 ~all'] },
  'cmail1.com': { TXT: ['v=spf1 ip4:203.0.113.224/27 ~all'] },
};
