/**
 * A tenant's fleet ranking as a function of time (issue 10, docs/decisions/0020-fleet-rank-schedule.md).
 *
 * The fleet ranks, filters and counts every tenant at `now`, but a tenant's rank fields change with `now`
 * only at a few instants its evidence fixes: its latest completed backup stops being future-dated (§9) and
 * later goes stale (§2); its latest relevant restore stops being future-dated and later leaves its
 * freshness window (§9). Between two such instants the assessment's rank fields are constant. So, from
 * the evidence alone, the one tenant assessment (assessTenant) is evaluated once per interval and the
 * results are stored as a schedule: nothing stored depends on `now`, and at read time `now` picks the
 * interval. Only the fields that rank, filter and count are scheduled; the page's rows are assessed in
 * full at the read's `now`, and checked against their schedule.
 */
import { assessTenant, type TenantAssessmentInputs } from "./assessment";
import { FUTURE_DATED_AFTER_MS, validTime } from "./age";
import { latestCompletedBackupSet } from "./backup-health";
import { isRelevantRestoreRun, relevanceTime } from "./evidence-summary";
import { EVIDENCE_AGE_BUCKETS, evidenceAgeBucket, EVIDENCE_AGE_EDGES_MS, type EvidenceAgeBucket } from "./fleet-distribution";
import { SEVERITY_FILTERS, severityRank, type SeverityOrNone } from "./needs-attention";
import {
  BACKUP_POSTURES,
  BACKUP_SET_IGNORED_STATUSES,
  includes,
  OVERVIEW_STATES,
  type BackupPosture,
  type OverviewState,
} from "./vocabulary";

/** Bump when the assessment's rank fields change meaning: stored schedules of another version are not read. */
export const FLEET_SCHEDULE_VERSION = 2;

/** What ranks, filters and counts a tenant in the fleet at one instant (the §10 row's time-dependent part). */
export interface RankSignature {
  severity: SeverityOrNone;
  itemCount: number;
  overviewState: OverviewState;
  backupPosture: BackupPosture;
  restoreEvidenceStale: boolean;
  /** The fleet distribution's evidence-age bucket (fleet-distribution.ts). */
  evidenceAge: EvidenceAgeBucket;
}

export interface FleetSchedule {
  v: number;
  /** The tenant's windows the schedule was computed with (a changed window invalidates it). */
  h: number;
  d: number;
  /** The latest relevant restore's time (ISO), or null: fixed by the evidence, part of the order. */
  at: string | null;
  /** Intervals in ascending order: [first instant in epoch ms (null: since ever), the signature from it on]. */
  s: [number | null, RankSignature][];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Instants beyond what a Date can hold are never `now`. */
const MAX_MS = 8.64e15;

export function rankSignature(a: ReturnType<typeof assessTenant>, now: Date): RankSignature {
  return {
    severity: a.severity,
    itemCount: a.needsAttention.length,
    overviewState: a.evidence.overviewState,
    backupPosture: a.backupHealth.posture,
    restoreEvidenceStale: a.evidence.restoreEvidenceStale,
    evidenceAge: evidenceAgeBucket(a.evidence.latestRelevantRestoreAt, now),
  };
}

/**
 * Where the assessment's flips can be: each of them, the millisecond before and after (so a strict or
 * non-strict comparison flips at a listed instant either way). The rest of the assessment reads no time.
 */
function candidateInstants(inputs: TenantAssessmentInputs): number[] {
  const points: number[] = [];
  const sets = inputs.backupSets.filter((set) => !includes(BACKUP_SET_IGNORED_STATUSES, set.status));
  const backupAt = validTime(latestCompletedBackupSet(sets)?.completedAt);
  if (backupAt !== null) points.push(backupAt - FUTURE_DATED_AFTER_MS, backupAt + inputs.tenant.backupStaleAfterHours * HOUR_MS);
  const run = inputs.latestRelevant?.run;
  const restoreAt = run && isRelevantRestoreRun(run) ? validTime(relevanceTime(run)) : null;
  if (restoreAt !== null) {
    points.push(restoreAt - FUTURE_DATED_AFTER_MS, restoreAt + inputs.tenant.restoreEvidenceStaleAfterDays * DAY_MS);
    // The distribution's age buckets (of the same time, as the summary reports it: ISO, milliseconds).
    points.push(...EVIDENCE_AGE_EDGES_MS.map((edge) => restoreAt + edge));
  }
  const around = points.flatMap((p) => [p - 1, p, p + 1]).filter((p) => Number.isFinite(p) && Math.abs(p) < MAX_MS);
  return [...new Set(around)].sort((a, b) => a - b);
}

const same = (a: RankSignature, b: RankSignature) =>
  a.severity === b.severity &&
  a.itemCount === b.itemCount &&
  a.overviewState === b.overviewState &&
  a.backupPosture === b.backupPosture &&
  a.restoreEvidenceStale === b.restoreEvidenceStale &&
  a.evidenceAge === b.evidenceAge;

/** The schedule of one tenant's evidence: assessTenant evaluated once in every interval. */
export function fleetSchedule(inputs: TenantAssessmentInputs): FleetSchedule {
  // The rank fields do not depend on the role (it changes links and helper text only); a test proves it.
  const at = (ms: number) => {
    const now = new Date(ms);
    return rankSignature(assessTenant(inputs, { now, canViewRestoreHistory: true }), now);
  };
  const points = candidateInstants(inputs);
  const first = at(points.length ? points[0]! - 1 : 0);
  const s: FleetSchedule["s"] = [[null, first]];
  for (const p of points) {
    const sig = at(p);
    if (!same(sig, s[s.length - 1]![1])) s.push([p, sig]);
  }
  const latest = assessTenant(inputs, { now: new Date(0), canViewRestoreHistory: true }).evidence.latestRelevantRestoreAt;
  return {
    v: FLEET_SCHEDULE_VERSION,
    h: inputs.tenant.backupStaleAfterHours,
    d: inputs.tenant.restoreEvidenceStaleAfterDays,
    at: latest,
    s,
  };
}

/** Stored bounds of "since ever" and "ever after" (PostgreSQL bigint's range; no Date reaches them). */
export const SINCE_EVER = -9_007_199_254_740_991;
export const EVER_AFTER = 9_007_199_254_740_991;

/** The schedule as half-open intervals [from, until) of epoch ms, each with its signature. */
export function scheduleSegments(schedule: Pick<FleetSchedule, "s">): { from: number; until: number; sig: RankSignature }[] {
  return schedule.s.map(([from, sig], i) => ({
    from: from ?? SINCE_EVER,
    until: schedule.s[i + 1]?.[0] ?? EVER_AFTER,
    sig,
  }));
}

/** The signature in force at `nowMs` (the last interval starting at or before it). */
export function signatureAt(schedule: Pick<FleetSchedule, "s">, nowMs: number): RankSignature {
  let current = schedule.s[0]![1];
  for (const [from, sig] of schedule.s) if (from === null || from <= nowMs) current = sig;
  return current;
}

/**
 * A signature stored as one integer (decision 0022): the fields as digits of a mixed-radix number, most
 * significant first, so that the fleet's statement groups tenants by one column and orders by its high
 * digits. `severityRank` (critical first) and the inverted item count come first: the code divided by
 * `RANK_CODE_ORDER_DIVISOR` ascends exactly as (severity rank, item count descending) — the first two keys
 * of the §10 order.
 */
export const MAX_RANK_ITEMS = 999;
const RANK_CODE_FIELDS = [
  { field: "severity", radix: SEVERITY_FILTERS.length },
  { field: "items", radix: MAX_RANK_ITEMS + 1 },
  { field: "overviewState", radix: OVERVIEW_STATES.length },
  { field: "backupPosture", radix: BACKUP_POSTURES.length },
  { field: "restoreEvidenceStale", radix: 2 },
  { field: "evidenceAge", radix: EVIDENCE_AGE_BUCKETS.length },
] as const;
export type RankCodeField = (typeof RANK_CODE_FIELDS)[number]["field"];

/** Where a field's digit sits in a code: `floor(code / weight) mod radix` (the statement's filters use it). */
export function rankCodeDigit(field: RankCodeField): { weight: number; radix: number } {
  let weight = 1;
  for (let i = RANK_CODE_FIELDS.length - 1; i >= 0; i--) {
    const f = RANK_CODE_FIELDS[i]!;
    if (f.field === field) return { weight, radix: f.radix };
    weight *= f.radix;
  }
  throw new Error(`unknown rank code field ${field}`);
}

/** `floor(code / this)` = severityRank × (MAX_RANK_ITEMS + 1) + (MAX_RANK_ITEMS − itemCount). */
export const RANK_CODE_ORDER_DIVISOR = rankCodeDigit("items").weight;

function digitsOf(sig: RankSignature): Record<RankCodeField, number> {
  return {
    severity: severityRank(sig.severity),
    items: MAX_RANK_ITEMS - sig.itemCount,
    overviewState: OVERVIEW_STATES.indexOf(sig.overviewState),
    backupPosture: BACKUP_POSTURES.indexOf(sig.backupPosture),
    restoreEvidenceStale: sig.restoreEvidenceStale ? 1 : 0,
    evidenceAge: EVIDENCE_AGE_BUCKETS.indexOf(sig.evidenceAge),
  };
}

/** The signature's code, or null when it has no code (more items than a digit holds): no schedule is then stored. */
export function encodeRankSignature(sig: RankSignature): number | null {
  if (!Number.isInteger(sig.itemCount) || sig.itemCount < 0 || sig.itemCount > MAX_RANK_ITEMS) return null;
  const digits = digitsOf(sig);
  let code = 0;
  for (const f of RANK_CODE_FIELDS) {
    const d = digits[f.field];
    if (d < 0 || d >= f.radix) return null;
    code = code * f.radix + d;
  }
  return code;
}

/** A stored code read back, or null when it is not one: the reader then assesses live. */
export function decodeRankSignature(v: unknown): RankSignature | null {
  const code = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof code !== "number" || !Number.isSafeInteger(code) || code < 0) return null;
  const digits = {} as Record<RankCodeField, number>;
  let rest = code;
  for (let i = RANK_CODE_FIELDS.length - 1; i >= 0; i--) {
    const f = RANK_CODE_FIELDS[i]!;
    digits[f.field] = rest % f.radix;
    rest = Math.floor(rest / f.radix);
  }
  if (rest !== 0) return null;
  const severity = SEVERITY_FILTERS.find((s) => severityRank(s) === digits.severity);
  if (severity === undefined) return null;
  return {
    severity,
    itemCount: MAX_RANK_ITEMS - digits.items,
    overviewState: OVERVIEW_STATES[digits.overviewState]!,
    backupPosture: BACKUP_POSTURES[digits.backupPosture]!,
    restoreEvidenceStale: digits.restoreEvidenceStale === 1,
    evidenceAge: EVIDENCE_AGE_BUCKETS[digits.evidenceAge]!,
  };
}

/**
 * The schedule as stored (one row per tenant): the intervals' first instants (the first is SINCE_EVER) and
 * their signatures' codes, or null when a signature has no code.
 */
export function scheduleArrays(schedule: Pick<FleetSchedule, "s">): { validFrom: number[]; codes: number[] } | null {
  const validFrom: number[] = [];
  const codes: number[] = [];
  for (const { from, sig } of scheduleSegments(schedule)) {
    const code = encodeRankSignature(sig);
    if (code === null) return null;
    validFrom.push(from);
    codes.push(code);
  }
  return { validFrom, codes };
}

export { same as sameRankSignature };
