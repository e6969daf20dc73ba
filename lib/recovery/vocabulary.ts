/**
 * The one definition of every recovery vocabulary: status sets, state keys, reason keys.
 * SQL filters (db/), badges and banners (components/) import from here.
 */

export const RESTORE_PRE_EXECUTION_STATUSES = ["draft", "scoped", "checked", "previewed"] as const;
export const RESTORE_IN_FLIGHT_STATUSES = ["queued", "running"] as const;
export const RESTORE_TERMINAL_STATUSES = ["completed", "partial", "failed", "cancelled"] as const;
/** Statuses that can never be relevant restore evidence (pre-execution or in flight). */
export const RESTORE_NON_EXECUTED_STATUSES = [
  ...RESTORE_PRE_EXECUTION_STATUSES,
  ...RESTORE_IN_FLIGHT_STATUSES,
] as const;
export const RESTORE_KNOWN_STATUSES = [
  ...RESTORE_NON_EXECUTED_STATUSES,
  ...RESTORE_TERMINAL_STATUSES,
] as const;

export const BACKUP_SET_STATUSES = [
  "queued",
  "running",
  "completed",
  "completed_with_errors",
  "failed",
] as const;
export const BACKUP_SET_IGNORED_STATUSES = ["queued", "running"] as const;
export const BACKUP_SET_COMPLETED_STATUSES = ["completed", "completed_with_errors"] as const;

export const OPERATION_RUN_STATUSES = ["queued", "running", "completed"] as const;
export const OPERATION_RUN_OUTCOMES = [
  "pending",
  "succeeded",
  "partially_succeeded",
  "failed",
  "blocked",
  "cancelled",
] as const;

export const RESULT_ENTRY_STATUSES = ["applied", "partial", "failed", "skipped"] as const;
export const RESULT_ENTRY_GROUPS = ["items", "foundations", "assignments"] as const;

export const BACKUP_POSTURES = ["absent", "stale", "degraded", "healthy"] as const;
export const BACKUP_HEALTH_REASONS = [
  "no_backup_sets",
  "no_completed_backup",
  "latest_backup_stale",
  "latest_backup_has_failed_items",
  "latest_backup_attempt_failed",
] as const;

export const ATTENTION_STATES = [
  "not_executed",
  "failed",
  "partial",
  "completed_with_follow_up",
  "completed",
] as const;

export const RECOVERY_CLAIM_BOUNDARIES = [
  "preview_only",
  "no_recovery_claim",
  "partial_recovery_only",
  "follow_up_weakens_confidence",
  "run_outcome_only",
] as const;
export const TONES = ["neutral", "danger", "warning", "success"] as const;

export const OVERVIEW_STATES = ["unvalidated", "weakened", "no_recent_issues_visible"] as const;

/** List-continuity reasons for /restore-runs?recovery_posture_reason=… (never persisted). */
export const RECOVERY_POSTURE_REASONS = [
  "no_history",
  "failed",
  "partial",
  "completed_with_follow_up",
  "no_recent_issues_visible",
] as const;

export const MEMBERSHIP_ROLES = ["owner", "operator", "viewer"] as const;
export const RESTORE_HISTORY_ROLES = ["owner", "operator"] as const;

export type RestoreStatus = (typeof RESTORE_KNOWN_STATUSES)[number];
export type BackupSetStatus = (typeof BACKUP_SET_STATUSES)[number];
export type ResultEntryStatus = (typeof RESULT_ENTRY_STATUSES)[number];
export type ResultEntryGroup = (typeof RESULT_ENTRY_GROUPS)[number];
export type BackupPosture = (typeof BACKUP_POSTURES)[number];
export type BackupHealthReason = (typeof BACKUP_HEALTH_REASONS)[number];
export type AttentionState = (typeof ATTENTION_STATES)[number];
export type RecoveryClaimBoundary = (typeof RECOVERY_CLAIM_BOUNDARIES)[number];
export type Tone = (typeof TONES)[number];
export type OverviewState = (typeof OVERVIEW_STATES)[number];
export type RecoveryPostureReason = (typeof RECOVERY_POSTURE_REASONS)[number];
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}

export function isPreExecutionStatus(status: string): boolean {
  return includes(RESTORE_PRE_EXECUTION_STATUSES, status);
}
export function isInFlightStatus(status: string): boolean {
  return includes(RESTORE_IN_FLIGHT_STATUSES, status);
}
export function canViewRestoreHistory(role: MembershipRole): boolean {
  return includes(RESTORE_HISTORY_ROLES, role);
}

/**
 * Why a restore run got its attention state (the rule row that matched). Drives the run's summary copy;
 * not part of the seed's value object and never persisted.
 */
export const ATTENTION_REASONS = [
  // not_executed
  "dry_run",
  "pre_execution",
  "in_flight",
  // failed
  "status_failed",
  "operation_failed",
  "cancelled_nothing_applied",
  "all_entries_failed",
  // partial
  "status_partial",
  "operation_partially_succeeded",
  "cancelled_some_applied",
  "entry_failed_or_partial",
  // completed_with_follow_up (status completed), most fundamental first
  "results_unreadable",
  "results_empty",
  "nothing_applied",
  "entry_skipped",
  "non_applied",
  "non_applied_unreadable",
  "operation_blocked",
  "operation_cancelled",
  "operation_outcome_unrecognized",
  // completed_with_follow_up (status unrecognized)
  "status_unrecognized",
  // completed
  "clean",
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];
