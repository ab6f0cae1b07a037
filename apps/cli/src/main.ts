#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { registerAnalyze } from './commands/analyze';
import { registerCheckHost } from './commands/check-host';
import { USAGE_EXIT_CODE, type CliContext } from './commands/context';
import { collectDnsServer, parseTimeoutMs, RESOLVER_IMPLEMENTATIONS } from './options';
import { DnsSettingsError } from './resolver';

/** Read at run time: package.json sits one level above both src/ (tests) and dist/ (built). */
function readVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const GLOBAL_HELP = `
Exit codes: 0 success (check-host: whatever the SPF result), 1 analyze --fail-on found
findings or an unexpected failure, 2 usage error (unknown option or command, malformed value).

Examples:
  $ spfwatch check-host --ip 209.85.128.5 --sender alice@example.com
  $ spfwatch analyze example.com --dns 127.0.0.1:5353 --dns [::1]:5353 --timeout-ms 2000
  $ spfwatch help analyze`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('spfwatch');
  // Settings before the subcommands are added, so that they inherit them.
  program
    .description('Check and analyse SPF records (RFC 7208): check_host() for one connection, or a whole-tree analysis of a domain.')
    .version(readVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({ writeOut: (text) => ctx.stdout.write(text) })
    .option('--dns <host:port>', 'DNS server to ask, an IP with optional port ("127.0.0.1:5353", "::1", "[::1]:53"); repeatable. Default: the system\'s', collectDnsServer)
    .option('--timeout-ms <n>', 'DNS timeout per query attempt, in milliseconds', parseTimeoutMs)
    .addOption(new Option('--resolver <implementation>', 'DNS client: node (node:dns) or wire (own UDP/TCP client, TTLs, type 99)').choices(RESOLVER_IMPLEMENTATIONS).default('node'))
    .addHelpText('after', GLOBAL_HELP);
  registerCheckHost(program, ctx);
  registerAnalyze(program, ctx);
  return program;
}

/** Runs the CLI and resolves to the process exit code; never rejects. */
export async function main(argv: readonly string[], ctx: CliContext, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (and the --help hint) to stderr. Help and
      // --version come through here too, with exit code 0; everything else is a usage error.
      return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    }
    if (error instanceof DnsSettingsError) {
      stderr.write(`error: ${error.message}\n(add --help for usage)\n`);
      return USAGE_EXIT_CODE;
    }
    stderr.write(`spfwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** The process entry: real stdin/stdout, exit code set when everything is written. */
export function run(): void {
  // A reader that closed the pipe early (| head) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const ctx: CliContext = { stdin: process.stdin, stdout: process.stdout, exitCode: 0 };
  void main(process.argv.slice(2), ctx).then((code) => {
    // Let pending output drain instead of process.exit(), which could cut a piped stdout short.
    process.exitCode = code;
  });
}

// Run when executed directly (node dist/main.js); bin/spfwatch.js calls run() itself.
if (require.main === module) run();
