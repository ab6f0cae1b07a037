export type { DnsAnswer, DnsErrorKind, MxRecord, RecordByType, Resolver, ResolverStats, RRType } from './dns/types';
export { SpfEngineError, ResolverConfigError, isSpfEngineError, isResolverConfigError } from './errors';
export type { SpfResult, SpfLimits } from './types/result';
export { SPF_RESULTS, RFC_LIMITS } from './types/result';
export type {
  MacroLetter,
  MacroPart,
  MacroString,
  Mechanism,
  MechanismKind,
  MechanismTerm,
  ModifierTerm,
  ParseResult,
  Qualifier,
  SpfRecord,
  SyntaxIssue,
  Term,
} from './parser/types';
export { DNS_QUERYING_MECHANISMS } from './parser/types';
export { parseRecord, isSpfRecordText, suggestMechanism } from './parser/record';
export { parseMacroString, parseDomainSpec } from './parser/macro';
export type { MacroContext, MacroParseResult } from './parser/macro';
export { normalizeDomain, toQueryName, MAX_DOMAIN_LENGTH } from './domain';
export type { DomainCheck } from './domain';
export { parseClientIp, isStrictIPv4, isStrictIPv6 } from './ip';
export type { ClientIp } from './ip';
export { checkHost } from './eval/check-host';
export type { CheckHostInput, CheckHostResult, MatchedTerm, TraceEntry, TraceEvent } from './eval/check-host';
export { lookupSpfRecord } from './eval/record-lookup';
export type { RecordLookup } from './eval/record-lookup';
export { buildReceivedSpf } from './eval/received-spf';
export type {
  Analysis,
  AnalysisNode,
  AnalysisStatus,
  AuthorizedNetwork,
  DetectedService,
  FlattenSuggestion,
  LintFinding,
  LintSeverity,
  NodeError,
  NodeStatus,
  TermAnalysis,
  UnresolvableTerm,
} from './types/analysis';
export { analyze } from './analyze/analyze';
export type { AnalyzeOptions } from './analyze/analyze';
export { collapseNetworks } from './analyze/networks';
export { txtAnswerSize, splitIntoStrings } from './analyze/wire-size';
export { detectService, detectServicesInTree, hostedProviderForMx, findService, listServices } from './catalogue/detect';
export type { CatalogueService, ServiceCategory } from './catalogue/services';
export { createResolverStack } from './dns/stack';
export type { ResolverStack, ResolverStackOptions, ResolverStackStats } from './dns/stack';
export { createNodeResolver } from './dns/node-resolver';
export { createWireResolver } from './dns/wire-resolver';
export type { WireResolver, WireResolverOptions } from './dns/wire-resolver';
export { createCachingResolver } from './dns/cache';
export type { CachingResolver, CachingResolverOptions } from './dns/cache';
export { createCountingResolver } from './dns/counting';
export type { CountingResolver } from './dns/counting';
export { createRetryingResolver } from './dns/retry';
export type { RetryingResolver, RetryingResolverOptions } from './dns/retry';
export { parseDnsServer, parseDnsServers, formatDnsServer } from './dns/options';
export type { ResolverOptions, DnsServer } from './dns/options';
export { createZoneFakeResolver } from './dns/zone-fake-resolver';
export type { FakeZone, FakeZoneEntry, FakeQuery, ZoneFakeResolver } from './dns/zone-fake-resolver';
export { createAnalysisRunCache } from './analyze/analyze';
export type { AnalysisRunCache } from './analyze/analyze';
export { diffAnalyses } from './diff/diff-analyses';
export { summarizeDiff } from './diff/summarize';
export type { AnalysisDiff, Change, ChangeKind, ChangeSeverity, ChangedInclude } from './diff/types';
export { SERVICES } from './catalogue/services';
export { describeReason, describeAuthorised, summariseAuthorised, needsAuthorisedSummary, REASON_NETWORK_LIMIT } from './explain/reason';
export type { AuthorisedSummary } from './explain/reason';
