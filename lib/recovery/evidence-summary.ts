/** §4 Recovery evidence summary: derived at render time from the latest relevant restore run. */
import { validTime } from "./age";
import {
  OVERVIEW_ACTION_LABELS,
  OVERVIEW_CLAIM_BOUNDARIES,
  OVERVIEW_HEADLINES,
  OVERVIEW_SUMMARIES,
  VIEWER_RESTORE_HISTORY_HELPER_TEXT,
} from "./copy";
import { isRestoreEvidenceStale } from "./freshness";
import { resolveResultAttention } from "./result-attention";
import type { OperationRunInput, RestoreRunInput } from "./types";
import {
  RESTORE_NON_EXECUTED_STATUSES,
  includes,
  type AttentionState,
  type BackupPosture,
  type OverviewState,
  type RecoveryPostureReason,
} from "./vocabulary";

export interface EvidenceAction {
  label: string;
  url: string | null;
  disabled: boolean;
  helperText: string | null;
}

export interface RecoveryEvidenceSummary {
  tenantId: number;
  backupPosture: BackupPosture;
  relevantRestoreHistoryPresent: boolean;
  latestRelevantRestoreRunId: number | null;
  latestRelevantAttentionState: AttentionState | null;
  overviewState: OverviewState;
  headline: string;
  summary: string;
  claimBoundary: string;
  action: EvidenceAction | null;
  /** ISO time of the latest relevant run (completedAt ?? createdAt), for its age; null when none or unreadable. */
  latestRelevantRestoreAt: string | null;
  /** §9: a relevant run exists and is older than the tenant's freshness window (computed against `now`). */
  restoreEvidenceStale: boolean;
}

export interface LatestRelevantRestore {
  run: RestoreRunInput;
  operationRun: OperationRunInput | null;
}

/**
 * Relevant restore evidence: not a dry run and not pre-execution / in flight. This is exactly the SQL
 * filter (db/ builds it from RESTORE_NON_EXECUTED_STATUSES), and such a run's attention is never
 * `not_executed`, so it also satisfies the seed's third condition. Archived runs stay relevant.
 */
export function isRelevantRestoreRun(run: Pick<RestoreRunInput, "isDryRun" | "status">): boolean {
  return run.isDryRun !== true && !includes(RESTORE_NON_EXECUTED_STATUSES, run.status);
}

/** coalesce(completed_at, created_at). An unreadable completedAt falls back to createdAt. */
export function relevanceTime(run: Pick<RestoreRunInput, "completedAt" | "createdAt">): Date {
  return validTime(run.completedAt) !== null ? (run.completedAt as Date) : run.createdAt;
}

/** Sort comparator, latest first: greatest relevanceTime, ties by greatest id. Unreadable times sort last. */
export function compareLatestRelevant(
  a: Pick<RestoreRunInput, "id" | "completedAt" | "createdAt">,
  b: Pick<RestoreRunInput, "id" | "completedAt" | "createdAt">,
): number {
  const ta = validTime(relevanceTime(a)) ?? Number.NEGATIVE_INFINITY;
  const tb = validTime(relevanceTime(b)) ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return tb > ta ? 1 : -1;
  return b.id - a.id;
}

/** The list reason a dashboard link carries to /restore-runs. */
export function reasonForOverview(
  summary: Pick<RecoveryEvidenceSummary, "overviewState" | "latestRelevantAttentionState">,
): RecoveryPostureReason {
  if (summary.overviewState === "unvalidated") return "no_history";
  if (summary.overviewState === "no_recent_issues_visible") return "no_recent_issues_visible";
  const state = summary.latestRelevantAttentionState;
  return state === "partial" || state === "completed_with_follow_up" ? state : "failed";
}

function listUrl(reason: RecoveryPostureReason): string {
  return `/restore-runs?recovery_posture_reason=${reason}`;
}

function makeAction(label: string, url: string, canView: boolean): EvidenceAction {
  return canView
    ? { label, url, disabled: false, helperText: null }
    : { label, url: null, disabled: true, helperText: VIEWER_RESTORE_HISTORY_HELPER_TEXT };
}

export function resolveRecoveryEvidence(input: {
  tenantId: number;
  backupPosture: BackupPosture;
  latestRelevant: LatestRelevantRestore | null;
  canViewRestoreHistory: boolean;
  now: Date;
  /** The tenant's `restore_evidence_stale_after_days`. */
  staleAfterDays: number;
}): RecoveryEvidenceSummary {
  const { tenantId, backupPosture, canViewRestoreHistory } = input;
  // Defensive: a run the SQL filter should not have returned is not evidence.
  const latest = input.latestRelevant && isRelevantRestoreRun(input.latestRelevant.run) ? input.latestRelevant : null;

  if (!latest) {
    return {
      tenantId,
      backupPosture,
      relevantRestoreHistoryPresent: false,
      latestRelevantRestoreRunId: null,
      latestRelevantAttentionState: null,
      overviewState: "unvalidated",
      headline: OVERVIEW_HEADLINES.unvalidated,
      summary: OVERVIEW_SUMMARIES.unvalidated,
      claimBoundary: OVERVIEW_CLAIM_BOUNDARIES.unvalidated,
      action: makeAction(OVERVIEW_ACTION_LABELS.openHistory, listUrl("no_history"), canViewRestoreHistory),
      latestRelevantRestoreAt: null,
      restoreEvidenceStale: false,
    };
  }

  const { run } = latest;
  const attention = resolveResultAttention(run, latest.operationRun);
  const time = relevanceTime(run);
  const common = {
    tenantId,
    backupPosture,
    relevantRestoreHistoryPresent: true,
    latestRelevantRestoreRunId: run.id,
    latestRelevantAttentionState: attention.state,
    latestRelevantRestoreAt: validTime(time) === null ? null : time.toISOString(),
    restoreEvidenceStale: isRestoreEvidenceStale({
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreAt: time,
      now: input.now,
      staleAfterDays: input.staleAfterDays,
    }),
  };

  if (attention.state === "completed") {
    return {
      ...common,
      overviewState: "no_recent_issues_visible",
      headline: OVERVIEW_HEADLINES.no_recent_issues_visible,
      summary: OVERVIEW_SUMMARIES.noRecentIssues(run.id),
      claimBoundary: OVERVIEW_CLAIM_BOUNDARIES.no_recent_issues_visible,
      action: makeAction(
        OVERVIEW_ACTION_LABELS.viewHistory,
        listUrl("no_recent_issues_visible"),
        canViewRestoreHistory,
      ),
    };
  }

  // failed, partial or completed_with_follow_up (a relevant run is never not_executed; if it ever were,
  // it would still weaken rather than calm the overview).
  const state = attention.state === "not_executed" ? "completed_with_follow_up" : attention.state;
  const archived = run.archivedAt !== null && run.archivedAt !== undefined;
  return {
    ...common,
    overviewState: "weakened",
    headline: OVERVIEW_HEADLINES.weakened,
    summary: OVERVIEW_SUMMARIES.weakened(run.id, state, archived),
    claimBoundary: OVERVIEW_CLAIM_BOUNDARIES.weakened,
    action: makeAction(
      OVERVIEW_ACTION_LABELS.reviewRun(run.id),
      archived ? listUrl(state) : `/restore-runs/${run.id}`,
      canViewRestoreHistory,
    ),
  };
}

/** Reference path over a whole history: select the latest relevant run, then delegate. */
export function resolveRecoveryEvidenceFromHistory(input: {
  tenantId: number;
  backupPosture: BackupPosture;
  runs: RestoreRunInput[];
  operationRuns: OperationRunInput[];
  canViewRestoreHistory: boolean;
  now: Date;
  staleAfterDays: number;
}): RecoveryEvidenceSummary {
  const run = input.runs.filter(isRelevantRestoreRun).sort(compareLatestRelevant)[0];
  const operationRun =
    run && run.operationRunId !== null
      ? (input.operationRuns.find((op) => op.id === run.operationRunId) ?? null)
      : null;
  return resolveRecoveryEvidence({
    tenantId: input.tenantId,
    backupPosture: input.backupPosture,
    latestRelevant: run ? { run, operationRun } : null,
    canViewRestoreHistory: input.canViewRestoreHistory,
    now: input.now,
    staleAfterDays: input.staleAfterDays,
  });
}
