import type { Command } from 'commander';
import { analyze, checkHost, parseClientIp, type CheckHostResult, type Resolver } from '@spfwatch/spf';
import { lineWriter, processLinesInOrder, readLines } from '../batch';
import { renderCheckHost, toBatchError, toBatchLine, type CheckHostJson } from '../format/check-host';
import { describeReason, needsAuthorisedSummary, summariseAuthorised, type AuthorisedSummary } from '@spfwatch/spf';
import { parseConcurrency, parseIpAddress, resolverSettingsFrom, type ResolverSettings } from '../options';
import { openResolver } from '../resolver';
import { usageError, type CliContext } from './context';

interface CheckHostOptions {
  ip?: string;
  sender?: string;
  helo?: string;
  receiver?: string;
  json?: boolean;
  batch?: boolean;
  trace?: boolean;
  concurrency: number;
}

export const DEFAULT_CHECK_CONCURRENCY = 64;

const EXAMPLES = `
Examples:
  $ spfwatch check-host --ip 209.85.128.5 --sender alice@example.com
  $ spfwatch check-host --ip 2001:db8::25 --sender "" --helo mail.example.com --json
  $ spfwatch check-host --ip 192.0.2.1 --sender bob@example.org --dns 127.0.0.1:5353 --timeout-ms 500
  $ printf '%s\\n' '{"ip":"192.0.2.1","sender":"bob@example.org","helo":"mx.example.org"}' | spfwatch check-host --batch

The exit code is 0 whenever the check ran, whatever the SPF result (pass, fail, none, permerror,
temperror …): read the result from the output. It is 2 for usage errors (bad option, malformed IP).

--batch reads JSON lines {"ip","sender","helo"} from stdin and writes, in input order, one line
{"result","explanation","matchedTerm","lookups"} per input. A malformed line gets
{"result":"permerror","explanation":null,"matchedTerm":null,"lookups":0,"error":"…"}.
Empty lines are skipped; an empty sender checks the HELO identity.`;

export function registerCheckHost(program: Command, ctx: CliContext): void {
  program
    .command('check-host')
    .summary('run check_host() for one connection (or a batch from stdin)')
    .description(
      'Evaluate SPF (RFC 7208 check_host) for a client IP and a MAIL FROM sender or HELO name, and say in plain words why the result is what it is.',
    )
    .option('--ip <address>', 'the SMTP client IP (IPv4 or IPv6)', parseIpAddress)
    .option('--sender <address>', 'the MAIL FROM address; "" checks the HELO identity')
    .option('--helo <name>', 'the HELO/EHLO name')
    .option('--receiver <name>', 'this host\'s name, for %{r} and the Received-SPF header', 'unknown')
    .option('--json', 'print one JSON object: the full result plus "reason"')
    .option('--trace', 'also print the evaluation trace (text output)')
    .option('--batch', 'read JSON lines {"ip","sender","helo"} from stdin, write one JSON line per input')
    .option('--concurrency <n>', 'checks in flight with --batch', parseConcurrency, DEFAULT_CHECK_CONCURRENCY)
    .addHelpText('after', EXAMPLES)
    .action(async (opts: CheckHostOptions, command: Command) => {
      const settings = resolverSettingsFrom(command.optsWithGlobals());
      if (opts.batch) {
        if (opts.ip !== undefined || opts.sender !== undefined || opts.helo !== undefined) {
          usageError(command, '--batch reads the checks from stdin; do not combine it with --ip, --sender or --helo');
        }
        await runCheckHostBatch(ctx, settings, opts);
        return;
      }
      if (opts.ip === undefined) usageError(command, "required option '--ip <address>' not specified");
      if ((opts.sender ?? '') === '' && (opts.helo ?? '') === '') {
        usageError(command, 'give --sender (the MAIL FROM address) or --helo (to check the HELO identity)');
      }
      await runCheckHost(ctx, settings, opts as CheckHostOptions & { ip: string });
    });
}

async function runCheckHost(ctx: CliContext, settings: ResolverSettings, opts: CheckHostOptions & { ip: string }): Promise<void> {
  const dns = openResolver(settings);
  try {
    const result = await checkHost({
      ip: opts.ip,
      sender: opts.sender ?? '',
      helo: opts.helo ?? '',
      resolver: dns.resolver,
      ...(opts.receiver !== undefined ? { receiver: opts.receiver } : {}),
    });
    const authorised = needsAuthorisedSummary(result) ? await authorisedSummary(result.domain, dns.resolver) : null;
    const reason = describeReason(result, authorised);
    if (opts.json) {
      const json: CheckHostJson = { ...result, reason };
      ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      ctx.stdout.write(renderCheckHost(result, reason, { trace: opts.trace ?? false }));
    }
  } finally {
    dns.close();
  }
}

/** What the domain's record authorises, from the analyser; null when that could not be worked out. */
async function authorisedSummary(domain: string, resolver: Resolver): Promise<AuthorisedSummary | null> {
  try {
    return summariseAuthorised(await analyze(domain, { resolver }));
  } catch {
    // The reason is a courtesy: without the list it still says the IP is not authorised.
    return null;
  }
}

async function runCheckHostBatch(ctx: CliContext, settings: ResolverSettings, opts: CheckHostOptions): Promise<void> {
  const dns = openResolver(settings);
  try {
    await processLinesInOrder(
      readLines(ctx.stdin),
      async (line) => {
        const input = parseBatchInput(line);
        if (!input.ok) return JSON.stringify(toBatchError(input.error));
        const result = await checkHost({
          ...input.check,
          resolver: dns.resolver,
          ...(opts.receiver !== undefined ? { receiver: opts.receiver } : {}),
        });
        return JSON.stringify(toBatchLine(result));
      },
      lineWriter(ctx.stdout),
      (_line, error) => JSON.stringify(toBatchError(`internal error: ${error instanceof Error ? error.message : String(error)}`)),
      { concurrency: opts.concurrency },
    );
  } finally {
    dns.close();
  }
}

export type BatchInput = { ok: true; check: { ip: string; sender: string; helo: string } } | { ok: false; error: string };

/** One --batch input line: {"ip": string, "sender"?: string, "helo"?: string}. */
export function parseBatchInput(line: string): BatchInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'expected a JSON object {"ip","sender","helo"}' };
  }
  const { ip, sender, helo } = value as Record<string, unknown>;
  if (ip === undefined || ip === null) return { ok: false, error: 'missing "ip"' };
  if (typeof ip !== 'string') return { ok: false, error: '"ip" must be a string' };
  if (!parseClientIp(ip.trim())) return { ok: false, error: `"ip": '${ip}' is not a valid IPv4 or IPv6 address` };
  if (sender !== undefined && sender !== null && typeof sender !== 'string') return { ok: false, error: '"sender" must be a string' };
  if (helo !== undefined && helo !== null && typeof helo !== 'string') return { ok: false, error: '"helo" must be a string' };
  return { ok: true, check: { ip: ip.trim(), sender: sender ?? '', helo: helo ?? '' } };
}
