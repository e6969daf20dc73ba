/**
 * The fleet distribution, pure: how an operator's tenants spread over severity, overview state and the
 * age of their latest relevant restore. Computed at read time from the fleet's own rows (the §10 row of
 * lib/recovery/fleet.ts, which comes from assessTenant), so the picture cannot say more than the table.
 */
import { SEVERITY_FILTERS, type SeverityOrNone } from "./needs-attention";
import { OVERVIEW_STATES, type OverviewState } from "./vocabulary";

/** What the distribution reads of a fleet row (a structural subset of FleetRow). */
export interface DistributionRow {
  severity: SeverityOrNone;
  overviewState: OverviewState;
  /** ISO time of the latest relevant restore, or null when there is none (or it is unreadable). */
  latestRelevantRestoreAt: string | null;
  /** The row's age bucket when already computed at the same `now` (a rank row's, fleet-schedule.ts). */
  evidenceAge?: EvidenceAgeBucket;
  /** How many tenants the row stands for (a group of equal rank rows); 1 when absent. */
  n?: number;
}

/** Evidence age buckets, oldest and absent last; `future`: dated after now (clock skew), which buys nothing. */
export const EVIDENCE_AGE_BUCKETS = ["under_30", "from_30_to_90", "from_90_to_365", "over_365", "future", "none"] as const;
export type EvidenceAgeBucket = (typeof EVIDENCE_AGE_BUCKETS)[number];

const DAY_MS = 86_400_000;
/** The clock-skew tolerance of §9: more than 5 minutes after now is future-dated. */
const FUTURE_MS = 5 * 60_000;

/** Where a time's bucket changes, relative to the time (the rank schedule's instants, fleet-schedule.ts). */
export const EVIDENCE_AGE_EDGES_MS = [-FUTURE_MS, 30 * DAY_MS, 90 * DAY_MS, 365 * DAY_MS] as const;

export function evidenceAgeBucket(at: string | null, now: Date): EvidenceAgeBucket {
  const t = at === null ? Number.NaN : Date.parse(at);
  if (Number.isNaN(t)) return "none";
  const age = now.getTime() - t;
  if (age < -FUTURE_MS) return "future";
  if (age < 30 * DAY_MS) return "under_30";
  if (age < 90 * DAY_MS) return "from_30_to_90";
  if (age < 365 * DAY_MS) return "from_90_to_365";
  return "over_365";
}

export interface FleetDistribution {
  total: number;
  severity: Record<SeverityOrNone, number>;
  overviewState: Record<OverviewState, number>;
  evidenceAge: Record<EvidenceAgeBucket, number>;
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function fleetDistribution(rows: readonly DistributionRow[], now: Date): FleetDistribution {
  const d: FleetDistribution = {
    total: 0,
    severity: zero(SEVERITY_FILTERS),
    overviewState: zero(OVERVIEW_STATES),
    evidenceAge: zero(EVIDENCE_AGE_BUCKETS),
  };
  for (const r of rows) {
    const n = r.n ?? 1;
    d.total += n;
    d.severity[r.severity] += n;
    d.overviewState[r.overviewState] += n;
    d.evidenceAge[r.evidenceAge ?? evidenceAgeBucket(r.latestRelevantRestoreAt, now)] += n;
  }
  return d;
}

/** The bars' drawing order: worst first. */
export const SEVERITY_ORDER = SEVERITY_FILTERS;
export const OVERVIEW_ORDER: readonly OverviewState[] = ["weakened", "unvalidated", "no_recent_issues_visible"];
