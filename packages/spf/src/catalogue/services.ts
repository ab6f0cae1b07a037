/**
 * Sending services a customer's SPF record names through an include, and the inbound MX hosts of
 * the hosted providers among them. Data only: detection lives in ./detect.
 *
 * Every include name here is one the service tells customers to publish or one seen in
 * published records (fixtures/providers.yaml and its catalogue_hints first). Where a name was
 * not certain, the service is matched by a suffix on a zone the provider owns, or left out.
 */

export type ServiceCategory = 'mailbox' | 'marketing' | 'transactional' | 'helpdesk' | 'crm' | 'security' | 'hosting' | 'other';

export interface CatalogueService {
  /** Stable kebab-case identifier, stored in snapshots and alerts. */
  readonly id: string;
  readonly name: string;
  readonly category: ServiceCategory;
  /** Include domains that identify the service exactly (lower-case, no trailing dot). */
  readonly includes: readonly string[];
  /**
   * Per-customer includes: any strict subdomain ending in one of these (each starts with "."),
   * e.g. ".hubspotemail.net" for "7593890.spf10.hubspotemail.net".
   */
  readonly suffixes?: readonly string[];
  /**
   * Host suffixes of the provider's inbound MX hosts. "aspmx.l.google.com" matches that host and
   * its subdomains; a leading "." (".mail.protection.outlook.com") matches subdomains only.
   * An `mx` term pointing there authorises inbound servers, not the provider's outbound ones.
   */
  readonly mxPatterns?: readonly string[];
  /** The include to suggest when the service is missing; defaults to includes[0]. */
  readonly recommendedInclude?: string;
  /** The service's published record text is not recorded: fixtures for it are illustrative. */
  readonly illustrative?: boolean;
  readonly docs?: string;
  readonly note?: string;
}

export const SERVICES: readonly CatalogueService[] = [
  // Mailbox providers
  {
    id: 'google-workspace',
    name: 'Google Workspace',
    category: 'mailbox',
    includes: ['_spf.google.com', '_netblocks.google.com', '_netblocks2.google.com', '_netblocks3.google.com', 'aspmx.googlemail.com'],
    mxPatterns: ['aspmx.l.google.com', 'googlemail.com', 'smtp.google.com'],
    recommendedInclude: '_spf.google.com',
  },
  {
    id: 'microsoft-365',
    name: 'Microsoft 365',
    category: 'mailbox',
    includes: ['spf.protection.outlook.com', 'spfd.protection.outlook.com'],
    mxPatterns: ['.mail.protection.outlook.com'],
    recommendedInclude: 'spf.protection.outlook.com',
  },
  {
    id: 'microsoft-365-gcc-high',
    name: 'Microsoft 365 (GCC High)',
    category: 'mailbox',
    includes: ['spf.protection.office365.us'],
    mxPatterns: ['.mail.protection.office365.us'],
  },
  {
    id: 'zoho-mail',
    name: 'Zoho Mail',
    category: 'mailbox',
    includes: ['zohomail.com', 'zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au'],
    mxPatterns: ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au'],
    recommendedInclude: 'zohomail.com',
    note: 'EU, India and Australia accounts use the include of their data centre (zoho.eu, zoho.in, zoho.com.au).',
  },
  { id: 'fastmail', name: 'Fastmail', category: 'mailbox', includes: ['spf.messagingengine.com'], mxPatterns: ['messagingengine.com'] },
  { id: 'proton-mail', name: 'Proton Mail', category: 'mailbox', includes: ['_spf.protonmail.ch'], mxPatterns: ['protonmail.ch'] },
  { id: 'icloud', name: 'iCloud Mail (custom domain)', category: 'mailbox', includes: ['icloud.com'], mxPatterns: ['mail.icloud.com'] },
  { id: 'yandex-360', name: 'Yandex 360', category: 'mailbox', includes: ['_spf.yandex.net'], mxPatterns: ['mx.yandex.net', 'mx.yandex.ru'] },
  { id: 'mail-ru', name: 'Mail.ru for Business', category: 'mailbox', includes: ['_spf.mail.ru'], mxPatterns: ['emx.mail.ru', 'mxs.mail.ru'] },
  { id: 'mailbox-org', name: 'mailbox.org', category: 'mailbox', includes: ['mailbox.org'], mxPatterns: ['mailbox.org'] },
  { id: 'tuta', name: 'Tuta (Tutanota)', category: 'mailbox', includes: ['spf.tutanota.de'], mxPatterns: ['mail.tutanota.de'] },
  { id: 'namecheap-private-email', name: 'Namecheap Private Email', category: 'mailbox', includes: ['spf.privateemail.com'], mxPatterns: ['privateemail.com'] },
  { id: 'rackspace-email', name: 'Rackspace Email', category: 'mailbox', includes: ['emailsrvr.com'], mxPatterns: ['emailsrvr.com'] },

  // Hosting companies' mail
  { id: 'godaddy-email', name: 'GoDaddy Email', category: 'hosting', includes: ['secureserver.net'], mxPatterns: ['secureserver.net'] },
  { id: 'ovhcloud', name: 'OVHcloud', category: 'hosting', includes: ['mx.ovh.com'], mxPatterns: ['mail.ovh.net'] },
  {
    id: 'ionos',
    name: 'IONOS',
    category: 'hosting',
    includes: ['_spf-eu.ionos.com', '_spf-us.ionos.com'],
    mxPatterns: ['ionos.com', 'ionos.de', 'ionos.co.uk', 'kundenserver.de'],
  },
  { id: 'gandi', name: 'Gandi', category: 'hosting', includes: ['_mailcust.gandi.net'], mxPatterns: ['mail.gandi.net'] },
  { id: 'infomaniak', name: 'Infomaniak', category: 'hosting', includes: ['spf.infomaniak.ch'], mxPatterns: ['infomaniak.ch'] },
  { id: 'hostinger', name: 'Hostinger', category: 'hosting', includes: ['_spf.mail.hostinger.com'], mxPatterns: ['hostinger.com'] },
  {
    id: 'cloudflare-email-routing',
    name: 'Cloudflare Email Routing',
    category: 'hosting',
    includes: ['_spf.mx.cloudflare.net'],
    note: 'Forwards inbound mail only; its MX hosts are not listed because Cloudflare does not send the domain’s own outgoing mail.',
  },
  { id: 'mailchannels', name: 'MailChannels', category: 'hosting', includes: ['relay.mailchannels.net'] },

  // Security gateways (inbound filtering, often outbound relay too)
  {
    id: 'mimecast',
    name: 'Mimecast',
    category: 'security',
    includes: ['_netblocks.mimecast.com'],
    suffixes: ['._netblocks.mimecast.com'],
    mxPatterns: ['mimecast.com'],
    note: 'Regional customers include their region, e.g. eu._netblocks.mimecast.com or us._netblocks.mimecast.com.',
  },
  {
    id: 'barracuda',
    name: 'Barracuda Email Protection',
    category: 'security',
    includes: ['_spf.ess.barracudanetworks.com'],
    mxPatterns: ['ess.barracudanetworks.com'],
  },
  {
    id: 'proofpoint',
    name: 'Proofpoint',
    category: 'security',
    includes: [],
    suffixes: ['.pphosted.com'],
    mxPatterns: ['pphosted.com'],
    note: 'Each customer gets its own include (spf-<id>.pphosted.com).',
  },
  {
    id: 'proofpoint-essentials',
    name: 'Proofpoint Essentials',
    category: 'security',
    includes: [],
    suffixes: ['.ppe-hosted.com'],
    mxPatterns: ['ppe-hosted.com'],
    note: 'The include depends on the region (e.g. _spf-us.ppe-hosted.com); older setups use a:dispatch-us.ppe-hosted.com.',
  },
  { id: 'knowbe4', name: 'KnowBe4', category: 'security', includes: ['_spf.psm.knowbe4.com'] },

  // Transactional email
  { id: 'sendgrid', name: 'SendGrid', category: 'transactional', includes: ['sendgrid.net', 'sendgrid.biz'], recommendedInclude: 'sendgrid.net' },
  {
    id: 'mailgun',
    name: 'Mailgun',
    category: 'transactional',
    includes: ['mailgun.org', '_spf.mailgun.org', '_spf.eu.mailgun.org', 'mailgun.net'],
    recommendedInclude: 'mailgun.org',
  },
  { id: 'amazon-ses', name: 'Amazon SES', category: 'transactional', includes: ['amazonses.com'] },
  { id: 'postmark', name: 'Postmark', category: 'transactional', includes: ['spf.mtasv.net'] },
  { id: 'sparkpost', name: 'SparkPost', category: 'transactional', includes: ['_spf.sparkpostmail.com', 'sparkpostmail.com'] },
  { id: 'mandrill', name: 'Mandrill', category: 'transactional', includes: ['spf.mandrillapp.com'] },
  { id: 'elastic-email', name: 'Elastic Email', category: 'transactional', includes: ['_spf.elasticemail.com'] },
  { id: 'smtp2go', name: 'SMTP2GO', category: 'transactional', includes: ['spf.smtp2go.com'] },
  { id: 'socketlabs', name: 'SocketLabs', category: 'transactional', includes: ['email-od.com'] },
  {
    id: 'firebase',
    name: 'Firebase (SendGrid + Google)',
    category: 'transactional',
    includes: ['_spf.firebasemail.com'],
  },

  // Marketing email
  { id: 'mailchimp', name: 'Mailchimp', category: 'marketing', includes: ['servers.mcsv.net'] },
  { id: 'mailjet', name: 'Mailjet', category: 'marketing', includes: ['spf.mailjet.com'] },
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    category: 'marketing',
    includes: ['spf.brevo.com', 'spf.sendinblue.com'],
    recommendedInclude: 'spf.brevo.com',
  },
  {
    id: 'campaign-monitor',
    name: 'Campaign Monitor',
    category: 'marketing',
    includes: ['_spf.createsend.com', 'cmail1.com', 'cmail2.com'],
    recommendedInclude: '_spf.createsend.com',
    illustrative: true,
    note: 'Older setups used cmail1.com / cmail2.com. Its record text is not recorded: fixtures use documentation address ranges.',
  },
  { id: 'hubspot', name: 'HubSpot', category: 'marketing', includes: [], suffixes: ['.hubspotemail.net'], note: 'Each portal gets its own include, e.g. 7593890.spf10.hubspotemail.net.' },
  { id: 'marketo', name: 'Marketo', category: 'marketing', includes: ['mktomail.com'] },
  { id: 'pardot', name: 'Pardot (Salesforce Account Engagement)', category: 'marketing', includes: ['aspmx.pardot.com'] },
  { id: 'salesforce-marketing-cloud', name: 'Salesforce Marketing Cloud', category: 'marketing', includes: ['cust-spf.exacttarget.com'] },
  { id: 'klaviyo', name: 'Klaviyo', category: 'marketing', includes: ['send.klaviyo.com'] },
  { id: 'constant-contact', name: 'Constant Contact', category: 'marketing', includes: ['spf.constantcontact.com'] },
  { id: 'aweber', name: 'AWeber', category: 'marketing', includes: ['send.aweber.com'] },
  { id: 'activecampaign', name: 'ActiveCampaign', category: 'marketing', includes: ['spf.activecampaign.com', 'emsd1.com'] },
  { id: 'getresponse', name: 'GetResponse', category: 'marketing', includes: ['_spf.getresponse.com'] },
  { id: 'mailerlite', name: 'MailerLite', category: 'marketing', includes: ['_spf.mlsend.com'] },
  {
    id: 'customer-io',
    name: 'Customer.io',
    category: 'marketing',
    includes: ['customeriomail.com'],
    suffixes: ['.customeriomail.com'],
    note: 'Usually published on a cio<id> subdomain, not the root domain.',
  },

  // CRM
  { id: 'salesforce', name: 'Salesforce', category: 'crm', includes: ['_spf.salesforce.com'], note: 'Macro-based (exists:%{i}…): cannot be flattened to a fixed list.' },
  { id: 'keap', name: 'Keap (Infusionsoft)', category: 'crm', includes: ['infusionmail.com'] },

  // Help desks
  { id: 'zendesk', name: 'Zendesk', category: 'helpdesk', includes: ['mail.zendesk.com'] },
  { id: 'freshdesk', name: 'Freshdesk', category: 'helpdesk', includes: ['email.freshdesk.com'] },
  { id: 'help-scout', name: 'Help Scout', category: 'helpdesk', includes: ['helpscoutemail.com'] },
  { id: 'intercom', name: 'Intercom', category: 'helpdesk', includes: ['_spf.intercom.io'] },
  { id: 'atlassian', name: 'Atlassian (Jira, Confluence)', category: 'helpdesk', includes: ['_spf.atlassian.net'] },

  // Other senders
  { id: 'shopify', name: 'Shopify', category: 'other', includes: ['shops.shopify.com'] },
  { id: 'greenhouse', name: 'Greenhouse', category: 'other', includes: ['mg-spf.greenhouse.io'] },
  { id: 'statuspage', name: 'Statuspage', category: 'other', includes: ['stspg-customer.com'] },
  { id: 'qualtrics', name: 'Qualtrics', category: 'other', includes: ['_spf.qualtrics.com'] },
  { id: 'oracle-cloud', name: 'Oracle Cloud', category: 'other', includes: ['spf_c.oracle.com'] },
];
