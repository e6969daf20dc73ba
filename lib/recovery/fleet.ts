/**
 * §10 fleet overview, pure: one row per tenant from its assessment (assessTenant), the default order
 * (worst first), the filters and the summary counts. The fleet page, `GET /api/fleet` and the fleet
 * export all use these, so they cannot disagree with each other or with the per-tenant APIs.
 */
import type { TenantAssessment } from "./assessment";
import { evidenceAgeBucket } from "./fleet-distribution";
import type { RankSignature } from "./fleet-schedule";
import type { NeedsAttentionKind, Severity, SeverityOrNone } from "./needs-attention";
import { compareTenantsWorstFirst, evidenceTime, type TenantOrderKey } from "./tenant-order";
import {
  BACKUP_POSTURES,
  OVERVIEW_STATES,
  type AttentionState,
  type BackupHealthReason,
  type BackupPosture,
  type MembershipRole,
  type OverviewState,
} from "./vocabulary";

/** The §10 row, field for field (`GET /api/fleet`'s `tenants[]`). */
export interface FleetRow {
  tenantId: number;
  name: string;
  role: MembershipRole;
  backupPosture: BackupPosture;
  backupPrimaryReason: BackupHealthReason | null;
  latestCompletedBackupAt: string | null;
  overviewState: OverviewState;
  latestRelevantRestoreRunId: number | null;
  latestRelevantAttentionState: AttentionState | null;
  latestRelevantRestoreAt: string | null;
  restoreEvidenceStale: boolean;
  needsAttention: { kind: NeedsAttentionKind; severity: Severity }[];
  severity: SeverityOrNone;
}

export function toFleetRow(tenant: { id: number; name: string }, role: MembershipRole, a: TenantAssessment): FleetRow {
  return {
    tenantId: tenant.id,
    name: tenant.name,
    role,
    backupPosture: a.backupHealth.posture,
    backupPrimaryReason: a.backupHealth.primaryReason,
    latestCompletedBackupAt: a.latestCompletedBackupAt,
    overviewState: a.evidence.overviewState,
    latestRelevantRestoreRunId: a.evidence.latestRelevantRestoreRunId,
    latestRelevantAttentionState: a.evidence.latestRelevantAttentionState,
    latestRelevantRestoreAt: a.evidence.latestRelevantRestoreAt,
    restoreEvidenceStale: a.evidence.restoreEvidenceStale,
    needsAttention: a.needsAttention.map((i) => ({ kind: i.kind, severity: i.severity })),
    severity: a.severity,
  };
}

/**
 * What ranks, filters and counts a row: the §10 row's fields the default order, the filters and the summary
 * counts read. The fleet has them for every tenant (from the rank schedule, lib/recovery/fleet-schedule.ts,
 * or from a full assessment) and full rows only for the page it shows.
 */
export interface FleetRankRow extends RankSignature {
  tenantId: number;
  name: string;
  latestRelevantRestoreAt: string | null;
}

/** A full row's rank fields at `now` (the instant it was assessed at). */
export function rankRowOf(row: FleetRow, now: Date): FleetRankRow {
  return {
    tenantId: row.tenantId,
    name: row.name,
    severity: row.severity,
    itemCount: row.needsAttention.length,
    overviewState: row.overviewState,
    backupPosture: row.backupPosture,
    restoreEvidenceStale: row.restoreEvidenceStale,
    evidenceAge: evidenceAgeBucket(row.latestRelevantRestoreAt, now),
    latestRelevantRestoreAt: row.latestRelevantRestoreAt,
  };
}

/** A rank row's place in the §10 default order (tenant-order.ts, the one comparator); also the fleet's keyset cursor. */
export function rankKey(r: Omit<FleetRankRow, "evidenceAge" | "overviewState" | "backupPosture" | "restoreEvidenceStale">): TenantOrderKey {
  return {
    id: r.tenantId,
    name: r.name,
    severity: r.severity,
    itemCount: r.itemCount,
    latestRelevantRestoreAt: r.latestRelevantRestoreAt,
    evidenceMs: evidenceTime(r.latestRelevantRestoreAt),
  };
}

/** A row's place in the default order. */
export function fleetSortKey(row: FleetRow): TenantOrderKey {
  return {
    id: row.tenantId,
    name: row.name,
    severity: row.severity,
    itemCount: row.needsAttention.length,
    latestRelevantRestoreAt: row.latestRelevantRestoreAt,
    evidenceMs: evidenceTime(row.latestRelevantRestoreAt),
  };
}

/** compareTenantsWorstFirst on two fleet rows. */
export function compareFleetRows(a: FleetRow, b: FleetRow): number {
  return compareTenantsWorstFirst(fleetSortKey(a), fleetSortKey(b));
}

export interface FleetFilter {
  state?: OverviewState;
  /** Only tenants whose highest Needs Attention severity is this ("none": no visible issues). */
  severity?: SeverityOrNone;
  backup?: BackupPosture;
  /** Only tenants with at least one Needs Attention item. */
  attention?: boolean;
  /** Only tenants whose restore evidence is older than their window. */
  stale?: boolean;
  /** Case-insensitive fragment of the tenant name. */
  q?: string;
}

export function matchesFleetFilter(row: RankSignature & { name: string }, f: FleetFilter): boolean {
  if (f.state && row.overviewState !== f.state) return false;
  if (f.severity && row.severity !== f.severity) return false;
  if (f.backup && row.backupPosture !== f.backup) return false;
  if (f.attention && row.itemCount === 0) return false;
  if (f.stale && !row.restoreEvidenceStale) return false;
  if (f.q && !row.name.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

/**
 * Summary counts. Tenants with no item are `noVisibleIssues` — never "healthy" or "protected": the
 * absence of an item is not proof that a tenant can be recovered.
 */
export interface FleetCounts {
  total: number;
  critical: number;
  high: number;
  medium: number;
  noVisibleIssues: number;
  restoreEvidenceStale: number;
  overviewState: Record<OverviewState, number>;
  backupPosture: Record<BackupPosture, number>;
}

/** Counts of rank rows, or of groups of equal ones (`n` tenants each). */
export function fleetCounts(rows: readonly (RankSignature & { n?: number })[]): FleetCounts {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const c: FleetCounts = {
    total: 0,
    critical: 0,
    high: 0,
    medium: 0,
    noVisibleIssues: 0,
    restoreEvidenceStale: 0,
    overviewState: zero(OVERVIEW_STATES),
    backupPosture: zero(BACKUP_POSTURES),
  };
  for (const r of rows) {
    const n = r.n ?? 1;
    c.total += n;
    if (r.severity === "none") c.noVisibleIssues += n;
    else c[r.severity] += n;
    if (r.restoreEvidenceStale) c.restoreEvidenceStale += n;
    c.overviewState[r.overviewState] += n;
    c.backupPosture[r.backupPosture] += n;
  }
  return c;
}

/**
 * One page of the matching rows in the default order, after a cursor key (exclusive), and the key to
 * continue from (null on the last page). `sorted` must already be in compareTenantsWorstFirst order, each
 * item carrying its row's fleetSortKey.
 */
export function fleetPage<T extends { key: TenantOrderKey }>(
  sorted: readonly T[],
  opts: { after: TenantOrderKey | null; limit: number },
): { items: T[]; next: TenantOrderKey | null } {
  const after = opts.after;
  let start = 0;
  if (after) {
    // Binary search: the first row strictly after the cursor.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTenantsWorstFirst(sorted[mid]!.key, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + opts.limit);
  const more = start + opts.limit < sorted.length;
  return { items, next: more && items.length ? items[items.length - 1]!.key : null };
}
