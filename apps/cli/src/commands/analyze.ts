import { Option, type Command } from 'commander';
import { analyze, type Analysis, type Resolver } from '@spfwatch/spf';
import { lineWriter, processLinesInOrder, readLines } from '../batch';
import { hasFindingsAtLeast, renderAnalysis } from '../format/analysis';
import { FAIL_ON_LEVELS, parseConcurrency, resolverSettingsFrom, validateDomain, type FailOnLevel, type ResolverSettings } from '../options';
import { openResolver } from '../resolver';
import { usageError, type CliContext } from './context';

interface AnalyzeCommandOptions {
  json?: boolean;
  batch?: boolean;
  failOn?: FailOnLevel;
  concurrency: number;
}

/** Analyses walk whole trees (dozens of queries each), so fewer run at once than checks. */
export const DEFAULT_ANALYZE_CONCURRENCY = 16;

const EXAMPLES = `
Examples:
  $ spfwatch analyze example.com
  $ spfwatch analyze example.com example.org --json
  $ spfwatch analyze example.com --fail-on warning     # exit 1 on any warning or error (CI)
  $ printf 'example.com\\nexample.org\\n' | spfwatch analyze --batch --dns 127.0.0.1:5353

Exit code: 0 when every analysis ran (whatever it found); 1 with --fail-on when lint has a
finding of that severity or worse; 2 for usage errors (bad option, invalid domain).

--batch reads one domain per line from stdin and writes one JSON line per domain, in input
order: the analysis, or {"domain": "…", "error": "…"} for a line that is not a valid domain.`;

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command('analyze')
    .summary('walk the whole SPF tree of domains: costs, services, networks, lint, flattening')
    .description(
      'Analyse the SPF record of each DOMAIN as a monitor sees it: the include/redirect tree with DNS lookup costs (past the limit of 10), services, authorised networks with provenance, lint findings with fixes, and a flattened record to publish.',
    )
    .argument('[domains...]', 'domains to analyse')
    .option('--json', 'print the Analysis as JSON (an object for one domain, an array for several)')
    .option('--batch', 'read domains from stdin, one per line; write one JSON line each')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when lint has findings of this severity or worse').choices(FAIL_ON_LEVELS))
    .option('--concurrency <n>', 'analyses in flight with --batch', parseConcurrency, DEFAULT_ANALYZE_CONCURRENCY)
    .addHelpText('after', EXAMPLES)
    .action(async (domainArgs: string[], opts: AnalyzeCommandOptions, command: Command) => {
      const settings = resolverSettingsFrom(command.optsWithGlobals());
      if (opts.batch) {
        if (domainArgs.length > 0) usageError(command, '--batch reads the domains from stdin; do not also give them as arguments');
        await runAnalyzeBatch(ctx, settings, opts);
        return;
      }
      if (domainArgs.length === 0) usageError(command, "missing required argument 'domains': give at least one domain, or --batch to read them from stdin");
      const domains = domainArgs.map((arg) => {
        const check = validateDomain(arg);
        return check.ok ? check.domain : usageError(command, check.message);
      });
      await runAnalyze(ctx, settings, domains, opts);
    });
}

async function runAnalyze(ctx: CliContext, settings: ResolverSettings, domains: string[], opts: AnalyzeCommandOptions): Promise<void> {
  const dns = openResolver(settings);
  let analyses: Analysis[];
  try {
    // One shared cache: domains that include the same providers resolve them once.
    analyses = await Promise.all(domains.map((domain) => analyzeDomain(domain, dns.resolver, settings)));
  } finally {
    dns.close();
  }
  if (opts.json) {
    const json = analyses.length === 1 ? analyses[0] : analyses;
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    ctx.stdout.write(analyses.map(renderAnalysis).join('\n'));
  }
  failOnFindings(ctx, analyses, opts.failOn);
}

async function runAnalyzeBatch(ctx: CliContext, settings: ResolverSettings, opts: AnalyzeCommandOptions): Promise<void> {
  const dns = openResolver(settings);
  const failing: Analysis[] = [];
  try {
    await processLinesInOrder(
      readLines(ctx.stdin),
      async (line) => {
        const domain = line.trim();
        const check = validateDomain(domain);
        if (!check.ok) return JSON.stringify({ domain, error: check.message });
        const analysis = await analyzeDomain(check.domain, dns.resolver, settings);
        if (opts.failOn && hasFindingsAtLeast(analysis.lint, opts.failOn)) failing.push(analysis);
        return JSON.stringify(analysis);
      },
      lineWriter(ctx.stdout),
      (line, error) => JSON.stringify({ domain: line.trim(), error: `internal error: ${error instanceof Error ? error.message : String(error)}` }),
      { concurrency: opts.concurrency },
    );
  } finally {
    dns.close();
  }
  failOnFindings(ctx, failing, opts.failOn);
}

function analyzeDomain(domain: string, resolver: Resolver, settings: ResolverSettings): Promise<Analysis> {
  // node:dns cannot ask for type 99, so the deprecated-SPF-RR lint only runs on the wire resolver.
  return analyze(domain, { resolver, checkSpfRr: settings.implementation === 'wire' });
}

function failOnFindings(ctx: CliContext, analyses: readonly Analysis[], level: FailOnLevel | undefined): void {
  if (level !== undefined && analyses.some((a) => hasFindingsAtLeast(a.lint, level))) ctx.exitCode = 1;
}
