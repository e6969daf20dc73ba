/**
 * Every operator-facing string of the recovery domain, once. Resolvers, badges, banners and cards import
 * from here. Rule for all copy: say only what the evidence supports. No sentence may claim the tenant is
 * healthy, protected, recoverable or safe; those words appear only inside negated boundary statements.
 */
import type {
  AttentionReason,
  AttentionState,
  BackupHealthReason,
  BackupPosture,
  OverviewState,
  RecoveryPostureReason,
} from "./vocabulary";

// ── Backup health (§2) ───────────────────────────────────────────────────────────────────────────────

export const POSITIVE_CLAIM_BOUNDARY =
  "Backup health reflects backup inputs only. It does not prove that a restore will succeed.";

/** Badge labels for backup posture. The `healthy` key is shown as input currency, never as "Healthy". */
export const BACKUP_POSTURE_LABELS: Record<BackupPosture, string> = {
  absent: "No backup inputs",
  stale: "Stale",
  degraded: "Degraded",
  healthy: "Inputs current",
};

export const BACKUP_HEALTH_HEADLINES: Record<BackupHealthReason | "none", string> = {
  no_backup_sets: "No backup inputs are recorded",
  no_completed_backup: "No backup has completed yet",
  latest_backup_stale: "Latest backup inputs are stale",
  latest_backup_has_failed_items: "Latest backup has failed items",
  latest_backup_attempt_failed: "Latest backup attempt failed",
  none: "Latest backup inputs look current",
};

export const BACKUP_HEALTH_MESSAGES = {
  noBackupSets: "This tenant has no backup sets, so there are no backup inputs to restore from.",
  noCompletedBackup:
    "No backup set has completed with a recorded completion time, so there are no usable backup inputs yet.",
  stale: (age: string, hours: number) =>
    `The latest completed backup finished ${age}, beyond the ${hours}-hour freshness threshold.`,
  failedItems: (setId: number, withErrors: boolean, failedItemCount: number) =>
    `Backup set #${setId} ${withErrors ? "completed with errors" : "completed"}` +
    (failedItemCount > 0
      ? ` and reported ${failedItemCount} failed item${failedItemCount === 1 ? "" : "s"}.`
      : "."),
  attemptFailed: (setId: number) =>
    `A backup attempt (set #${setId}) did not complete after the latest completed backup, so the latest backup inputs may not reflect the current configuration.`,
  current: (age: string, hours: number) =>
    `The latest completed backup finished ${age}, within the ${hours}-hour freshness threshold, and reported no failed items.`,
} as const;

/** The badge of a Needs Attention item: which card it comes from. */
export const NEEDS_ATTENTION_SOURCES = {
  backup: "Backup health",
  recovery: "Recovery evidence",
} as const;

export const BACKUP_ACTION_LABELS = {
  latestSet: "Open latest backup set",
  allSets: "Open backup sets",
} as const;

// ── Restore result attention (§3) ────────────────────────────────────────────────────────────────────

export const ATTENTION_STATE_LABELS: Record<AttentionState, string> = {
  not_executed: "Not executed",
  failed: "Failed",
  partial: "Partial",
  completed_with_follow_up: "Completed with follow-up",
  completed: "Completed",
};

const ATTENTION_SUMMARIES: Record<Exclude<AttentionReason, "status_unrecognized">, string> = {
  dry_run: "This was a dry run. It proves preview truth only and is not recovery evidence.",
  pre_execution: "This restore has not executed. It proves preview truth only and is not recovery evidence.",
  in_flight: "This restore is still queued or running. Its outcome is not known yet.",
  status_failed: "This restore failed. No recovery claim can be made from it.",
  operation_failed: "The operation behind this restore failed. No recovery claim can be made from it.",
  cancelled_nothing_applied: "This restore was cancelled before anything was applied. No recovery claim can be made from it.",
  all_entries_failed: "Every restored item failed. No recovery claim can be made from this run.",
  status_partial: "This restore finished partially. Some work was not applied.",
  operation_partially_succeeded: "The operation behind this restore only partially succeeded. Some work was not applied.",
  cancelled_some_applied: "This restore was cancelled after some work was applied. The tenant may be in a mixed state.",
  entry_failed_or_partial: "Some items, foundations or assignments failed or were only partially applied.",
  results_unreadable: "This restore reports completed, but its results could not be read. The outcome cannot be confirmed.",
  results_empty: "This restore reports completed, but it recorded no item outcomes. The outcome cannot be confirmed.",
  nothing_applied: "This restore reports completed, but no item was applied.",
  entry_skipped: "This restore completed, but some items, foundations or assignments were skipped.",
  non_applied: "This restore completed, but some work is listed as not applied.",
  non_applied_unreadable: "This restore completed, but its list of non-applied work could not be read.",
  operation_blocked: "This restore reports completed, but its operation was blocked.",
  operation_cancelled: "This restore reports completed, but its operation was cancelled.",
  operation_outcome_unrecognized: "This restore reports completed, but its operation outcome is not recognized. The outcome cannot be confirmed.",
  clean: "This run looks clean, with no visible follow-up. The tenant is still not proven recoverable.",
};

/** Summary for one attention reason; an unrecognized status is named verbatim (React escapes it). */
export function attentionSummary(reason: AttentionReason, status: string): string {
  if (reason === "status_unrecognized") {
    return `This restore has the unrecognized status "${status}". Its outcome cannot be confirmed.`;
  }
  return ATTENTION_SUMMARIES[reason];
}

export const ATTENTION_NEXT_ACTIONS: Record<AttentionState, string> & { inFlight: string } = {
  not_executed: "Run an executed restore to gather recovery evidence; previews do not count.",
  inFlight: "Wait for the run to finish, then review its outcome.",
  failed: "Review the failed entries and the operation run, fix the cause, and run the restore again.",
  partial: "Review the failed or partial entries and restore the missing work.",
  completed_with_follow_up: "Review the skipped, non-applied or unconfirmed work before relying on this run.",
  completed: "No follow-up is visible. Keep testing restores regularly.",
};

// ── Recovery evidence summary (§4) ───────────────────────────────────────────────────────────────────

export const OVERVIEW_STATE_LABELS: Record<OverviewState, string> = {
  unvalidated: "Unvalidated",
  weakened: "Weakened",
  no_recent_issues_visible: "No recent issues visible",
};

export const OVERVIEW_HEADLINES: Record<OverviewState, string> = {
  unvalidated: "Recovery confidence is unvalidated",
  weakened: "Recovery evidence is weakened",
  no_recent_issues_visible: "No recent restore issues are visible",
};

type WeakeningState = "failed" | "partial" | "completed_with_follow_up";
const WEAKENED_OUTCOME: Record<WeakeningState, string> = {
  failed: "failed",
  partial: "only partially applied",
  completed_with_follow_up: "completed but still needs follow-up",
};

export const OVERVIEW_SUMMARIES = {
  unvalidated:
    "No executed restore is recorded for this tenant, so recovery evidence is not yet known. Dry runs and previews do not count.",
  weakened: (runId: number, state: WeakeningState, archived: boolean) =>
    `The latest executed restore (run #${runId}) ${WEAKENED_OUTCOME[state]}.` +
    (archived ? " The run is archived; archiving does not remove it as evidence." : ""),
  noRecentIssues: (runId: number) =>
    `The latest executed restore (run #${runId}) completed with no visible follow-up.`,
} as const;

export const OVERVIEW_CLAIM_BOUNDARIES: Record<OverviewState, string> = {
  unvalidated:
    "Without an executed restore, recovery has not been tested. Backup health reflects backup inputs only.",
  weakened:
    "A failed, partial or follow-up restore weakens confidence until a later executed restore shows no issues. Archiving or hiding the run does not change this.",
  no_recent_issues_visible:
    "This reflects the latest executed restore run only. It is not proof that the tenant can be recovered.",
};

export const OVERVIEW_ACTION_LABELS = {
  openHistory: "Open restore history",
  reviewRun: (runId: number) => `Review restore run #${runId}`,
  viewHistory: "View restore history",
} as const;

export const VIEWER_RESTORE_HISTORY_HELPER_TEXT =
  "Your role (viewer) may not open restore history. Ask an owner or operator of this tenant.";

// ── Restore-run list banners, keyed by `recovery_posture_reason` ─────────────────────────────────────

export const REASON_BANNERS: Record<RecoveryPostureReason, { title: string; body: string }> = {
  no_history: {
    title: "No executed restore yet",
    body: "You arrived from the dashboard because this tenant has no executed restore run. Dry runs and previews listed here are not recovery evidence, so recovery confidence stays unvalidated.",
  },
  failed: {
    title: "The latest executed restore failed",
    body: "You arrived from the dashboard because the latest executed restore run failed. It weakens recovery confidence even if it is archived or hidden from this list.",
  },
  partial: {
    title: "The latest executed restore was partial",
    body: "You arrived from the dashboard because the latest executed restore run applied only part of its work. It weakens recovery confidence even if it is archived or hidden from this list.",
  },
  completed_with_follow_up: {
    title: "The latest executed restore needs follow-up",
    body: "You arrived from the dashboard because the latest executed restore run completed with skipped, non-applied or unconfirmed work. It weakens recovery confidence even if it is archived or hidden from this list.",
  },
  no_recent_issues_visible: {
    title: "No recent restore issues are visible",
    body: "You arrived from the dashboard, which shows no issues in the latest executed restore run. A clean run is not proof that the tenant can be recovered.",
  },
};
