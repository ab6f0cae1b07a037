import type { Qualifier } from '../parser/types';
import type { AnalysisStatus, AuthorizedNetwork } from '../types/analysis';

export type ChangeSeverity = 'breaking' | 'warning' | 'info';

export type ChangeKind =
  | 'record-added'
  | 'record-removed'
  | 'record-changed'
  | 'terms-added'
  | 'terms-removed'
  | 'service-added'
  | 'service-removed'
  | 'network-added'
  | 'network-removed'
  | 'lookups-changed'
  | 'voids-changed'
  | 'status-changed'
  | 'all-changed'
  | 'multiple-records'
  /** A record inside the tree (an include or redirect target) changed. */
  | 'include-changed';

export interface Change {
  kind: ChangeKind;
  severity: ChangeSeverity;
  /** Plain words for an email or a dashboard. */
  message: string;
  before?: unknown;
  after?: unknown;
  /** True when the change came only from a shared include (a provider's change, not the domain owner's). */
  fromSharedInclude: boolean;
  /** The include domain(s) where it originated, when fromSharedInclude. */
  sources?: string[];
}

export interface ChangedInclude {
  domain: string;
  /** The record text, null when the name had no SPF record (or could not be fetched). */
  before: string | null;
  after: string | null;
}

export interface AnalysisDiff {
  domain: string;
  changed: boolean;
  /** Most severe first. */
  changes: Change[];
  /** Terms of the domain's own record, as written, compared order-insensitively. */
  termsAdded: string[];
  termsRemoved: string[];
  /** Service ids (see findService for names). */
  servicesAdded: string[];
  servicesRemoved: string[];
  /** Compared by cidr; each keeps the provenance (path, term) of its side. */
  networksAdded: AuthorizedNetwork[];
  networksRemoved: AuthorizedNetwork[];
  lookupDelta: number;
  voidDelta: number;
  recordBefore: string | null;
  recordAfter: string | null;
  statusBefore: AnalysisStatus;
  statusAfter: AnalysisStatus;
  allBefore: Qualifier | null;
  allAfter: Qualifier | null;
  /** True when every change originates in shared includes and the domain's own record text is unchanged. */
  providerOnly: boolean;
  /** Include/redirect targets present in both trees whose record text changed. */
  changedIncludes: ChangedInclude[];
  maxSeverity: ChangeSeverity | null;
}
