import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** The providers' SPF records as published over time (oldest first): fixtures/providers.yaml. */
export const PROVIDERS_FILE = resolve(__dirname, '../../../../fixtures/providers.yaml');

interface ProvidersFile {
  services: Array<{ name: string; records?: Record<string, string[]> }>;
}

/**
 * The day of the demo timeline on which each provider published its next record version.
 * A name with n versions in providers.yaml has n − 1 days here (checked by the fleet test).
 * These are the provider changes the demo's provider events come from.
 */
export const PROVIDER_CHANGE_DAYS: Readonly<Record<string, readonly number[]>> = {
  // Mailchimp tightens its own record from ?all to -all.
  'servers.mcsv.net': [5],
  // Google renumbers its first netblock: every Google Workspace domain gains and loses networks.
  '_netblocks.google.com': [9],
  // Amazon SES adds ranges twice.
  'amazonses.com': [12, 33],
  // Microsoft 365 drops its nested include: one lookup fewer for every M365 domain.
  'spf.protection.outlook.com': [14],
  // SendGrid drops include:sendgrid.biz: acme-logistics.example goes from 10 lookups to 9.
  'sendgrid.net': [18],
  // Mailjet replaces its older ranges.
  'spf.mailjet.com': [21],
  // Brevo adds a range and moves to -all.
  'spf.sendinblue.com': [27],
  // Google's third netblock, empty until now, gets its ranges.
  '_netblocks3.google.com': [30],
};

/** Every provider record name → its versions, oldest first. */
export function loadProviderVersions(file: string = PROVIDERS_FILE): Map<string, string[]> {
  const parsed = parse(readFileSync(file, 'utf8')) as ProvidersFile;
  const versions = new Map<string, string[]>();
  for (const service of parsed.services) {
    for (const [name, texts] of Object.entries(service.records ?? {})) versions.set(name, texts.map((t) => t.trim()));
  }
  return versions;
}

/** The version of `name` published on `day`. */
export function providerVersionOn(name: string, versions: readonly string[], day: number): string {
  const changes = PROVIDER_CHANGE_DAYS[name] ?? [];
  const index = changes.filter((changeDay) => changeDay <= day).length;
  return versions[Math.min(index, versions.length - 1)]!;
}
