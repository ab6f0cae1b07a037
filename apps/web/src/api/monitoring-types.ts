/**
 * Response shapes the API returns that @spfwatch/contracts does not describe yet: the
 * monitoring DTOs (snapshot detail and diff, check-now, alerts) and the parts of the engine's
 * Analysis/AnalysisDiff that contracts pass through untyped (`.loose()` / `object`).
 * Built on the contract types wherever they exist; when the contract package gains these
 * schemas, this file becomes re-exports and nothing else in the web app changes.
 */
import type { AlertSeverity, AlertState, AlertType, AlertTypeSettings, AnalysisResponse, AuthorizedNetworkResponse, SnapshotSummary } from '@spfwatch/contracts';

export type NodeStatus = 'ok' | 'none' | 'nxdomain' | 'multiple' | 'syntax' | 'temperror' | 'loop' | 'ignored' | 'invalid-target' | 'unresolvable' | 'truncated';

export interface TermView {
  text: string;
  kind: string;
  qualifier?: '+' | '-' | '~' | '?';
  cost: number;
  addresses?: string[];
  mxHosts?: string[];
  void?: boolean;
  unreachable?: boolean;
  error?: string;
}

/** One record in the include tree (the engine's AnalysisNode). */
export interface AnalysisNodeView {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  term?: string;
  record: string | null;
  status: NodeStatus;
  errors: Array<{ code: string; message: string }>;
  ownCost: number;
  totalCost: number;
  voidLookups: number;
  terms: TermView[];
  children: AnalysisNodeView[];
}

export interface LintFindingView {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  domain: string;
  term?: string;
  fix?: string;
}

export interface DetectedServiceView {
  id: string;
  name: string;
  include: string;
  path: string[];
  illustrative?: boolean;
}

/** The engine's full Analysis, as stored in a snapshot and returned by check-now. */
export type AnalysisDetail = Pick<AnalysisResponse, 'domain' | 'analyzedAt' | 'record' | 'status' | 'lookupCount' | 'voidLookups' | 'networks'> & {
  allQualifier: '+' | '-' | '~' | '?' | null;
  tree: AnalysisNodeView;
  lint: LintFindingView[];
  services: DetectedServiceView[];
  unresolvable: Array<{ term: string; domain: string; path: string[]; reason: string }>;
  dnsErrors: Array<{ name: string; type: string; error: string }>;
  flattened?: { records: Array<{ name: string; text: string }>; lookupCount: number; withinLimits: boolean; notes: string[] };
};

/** `GET /api/snapshots/:id` */
export interface SnapshotDetail extends SnapshotSummary {
  domainId: string;
  domain: string;
  networks: string[];
  analysis: AnalysisDetail;
}

export type ChangeSeverity = 'breaking' | 'warning' | 'info';

export interface ChangeView {
  kind: string;
  severity: ChangeSeverity;
  message: string;
  before?: unknown;
  after?: unknown;
  fromSharedInclude: boolean;
  sources?: string[];
}

/** The engine's AnalysisDiff. */
export interface AnalysisDiffView {
  domain: string;
  changed: boolean;
  changes: ChangeView[];
  termsAdded: string[];
  termsRemoved: string[];
  servicesAdded: string[];
  servicesRemoved: string[];
  networksAdded: AuthorizedNetworkResponse[];
  networksRemoved: AuthorizedNetworkResponse[];
  lookupDelta: number;
  voidDelta: number;
  recordBefore: string | null;
  recordAfter: string | null;
  statusBefore: string;
  statusAfter: string;
  allBefore: string | null;
  allAfter: string | null;
  providerOnly: boolean;
  changedIncludes: Array<{ domain: string; before: string | null; after: string | null }>;
  maxSeverity: ChangeSeverity | null;
}

/** `GET /api/domains/:id/diff?from&to` */
export interface SnapshotDiffResponse {
  from: SnapshotSummary;
  to: SnapshotSummary;
  diff: AnalysisDiffView;
}

export interface AlertChangeView {
  id: string;
  type: string;
  severity: string;
  title: string;
}

/** `POST /api/domains/:id/check` */
export interface CheckNowResponse {
  outcome: 'unchanged' | 'changed' | 'error' | 'duplicate';
  changed: boolean;
  analysis: AnalysisDetail;
  diff: AnalysisDiffView | null;
  snapshotId: string | null;
  alerts: AlertChangeView[];
  resolvedAlerts: AlertChangeView[];
}

/** `GET /api/alerts` items */
export interface AlertView {
  id: string;
  domainId: string;
  domain: string;
  clientId: string;
  type: AlertType;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  detail: { message?: string } & Record<string, unknown>;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  fromSnapshotId: string | null;
  toSnapshotId: string | null;
  providerEventId: string | null;
}

/** `GET /api/alerts/:id`, `POST /api/alerts/:id/acknowledge` */
export interface AlertWithDiffView extends AlertView {
  diff: AnalysisDiffView | null;
}

export interface AlertThresholdsView {
  lookupWarn: number;
  lookupLimit: number;
  tempErrorChecks: number;
  voidLimit: number;
}

/** One stored policy (absent/null fields inherit from the wider scope). */
export interface AlertPolicyView {
  id: string;
  scope: 'organization' | 'client' | 'domain';
  clientId: string | null;
  domainId: string | null;
  thresholds: Partial<Record<keyof AlertThresholdsView, number | null>>;
  types: AlertTypeSettings;
  updatedAt: string;
}

/** `GET/PUT /api/alert-policies` */
export interface AlertPoliciesResponse {
  effective: { thresholds: AlertThresholdsView; types: Record<AlertType, { enabled: boolean; severity: AlertSeverity }> };
  policies: AlertPolicyView[];
}
