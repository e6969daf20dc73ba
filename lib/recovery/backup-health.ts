/** §2 Backup health: what the tenant's backup *inputs* say. Never a statement about restore success. */
import { describeAge, isFutureDated, validTime } from "./age";
import {
  BACKUP_ACTION_LABELS,
  BACKUP_HEALTH_HEADLINES,
  BACKUP_HEALTH_MESSAGES,
  POSITIVE_CLAIM_BOUNDARY,
} from "./copy";
import type { BackupSetInput } from "./types";
import {
  BACKUP_SET_COMPLETED_STATUSES,
  BACKUP_SET_IGNORED_STATUSES,
  BACKUP_SET_STATUSES,
  includes,
  type BackupHealthReason,
  type BackupPosture,
} from "./vocabulary";

export interface ActionTarget {
  label: string;
  url: string;
}

export interface TenantBackupHealthAssessment {
  tenantId: number;
  posture: BackupPosture;
  primaryReason: BackupHealthReason | null;
  headline: string;
  supportingMessage: string | null;
  healthyClaimAllowed: boolean;
  primaryActionTarget: ActionTarget | null;
  positiveClaimBoundary: string;
}

const HOUR_MS = 3_600_000;

/**
 * A set counts as completed evidence only with a completed status AND a readable `completedAt`.
 * A completed-status set with a null (or invalid) `completedAt` cannot show freshness, so it is
 * conservatively treated as not completed: it can never be the "latest" backup.
 */
export function isCompletedBackupEvidence(set: BackupSetInput): boolean {
  return includes(BACKUP_SET_COMPLETED_STATUSES, set.status) && validTime(set.completedAt) !== null;
}

/**
 * A backup attempt that did not produce usable inputs: status `failed`, or a status outside the
 * vocabulary (unknown data degrades toward less confidence, so it is read as a failed attempt).
 */
export function isFailedBackupAttempt(set: BackupSetInput): boolean {
  return set.status === "failed" || !includes(BACKUP_SET_STATUSES, set.status);
}

/** Latest first: greatest `completedAt`, ties by greatest id. Only for completed evidence. */
function compareLatestCompleted(a: BackupSetInput, b: BackupSetInput): number {
  return (validTime(b.completedAt) ?? 0) - (validTime(a.completedAt) ?? 0) || b.id - a.id;
}

/** The latest completed backup set, or null. */
export function latestCompletedBackupSet(sets: readonly BackupSetInput[]): BackupSetInput | null {
  return sets.filter(isCompletedBackupEvidence).sort(compareLatestCompleted)[0] ?? null;
}

/**
 * Is this failed attempt newer than the latest completed set? Its time is `completedAt`, else
 * `startedAt`; ties go by greater id (as for "latest"). An attempt with no readable time cannot be
 * placed before the completed set, so it conservatively counts as newer.
 */
function isNewerThan(attempt: BackupSetInput, latest: BackupSetInput): boolean {
  const attemptTime = validTime(attempt.completedAt) ?? validTime(attempt.startedAt);
  const latestTime = validTime(latest.completedAt) ?? 0;
  if (attemptTime === null) return true;
  return attemptTime > latestTime || (attemptTime === latestTime && attempt.id > latest.id);
}

/** An attempt's place in time; one with no readable time sorts newest (it cannot be placed before anything). */
function attemptOrder(attempt: BackupSetInput): number {
  return validTime(attempt.completedAt) ?? validTime(attempt.startedAt) ?? Number.POSITIVE_INFINITY;
}

/** Stale means strictly older than the threshold: age == threshold is still current. */
export function isBackupStale(completedAt: Date, staleAfterHours: number, now: Date): boolean {
  const age = (validTime(now) ?? Number.NaN) - (validTime(completedAt) ?? Number.NaN);
  // Written as !(age <= limit) so an unreadable time or threshold (NaN) reads as stale, never as current.
  return !(age <= staleAfterHours * HOUR_MS);
}

export function resolveBackupHealth(input: {
  tenantId: number;
  backupSets: BackupSetInput[];
  staleAfterHours: number;
  now: Date;
}): TenantBackupHealthAssessment {
  const { tenantId, staleAfterHours, now } = input;
  // "none at all" means the tenant has no backup set of any status; queued/running sets are then ignored.
  const noSetsAtAll = input.backupSets.length === 0;
  const sets = input.backupSets.filter((set) => !includes(BACKUP_SET_IGNORED_STATUSES, set.status));
  const latest = latestCompletedBackupSet(sets);

  const assess = (
    posture: BackupPosture,
    primaryReason: BackupHealthReason | null,
    supportingMessage: string,
  ): TenantBackupHealthAssessment => ({
    tenantId,
    posture,
    primaryReason,
    headline: BACKUP_HEALTH_HEADLINES[primaryReason ?? "none"],
    supportingMessage,
    healthyClaimAllowed: posture === "healthy",
    primaryActionTarget: latest
      ? { label: BACKUP_ACTION_LABELS.latestSet, url: `/backup-sets/${latest.id}` }
      : { label: BACKUP_ACTION_LABELS.allSets, url: "/backup-sets" },
    positiveClaimBoundary: POSITIVE_CLAIM_BOUNDARY,
  });

  if (!latest) {
    return noSetsAtAll
      ? assess("absent", "no_backup_sets", BACKUP_HEALTH_MESSAGES.noBackupSets)
      : assess("absent", "no_completed_backup", BACKUP_HEALTH_MESSAGES.noCompletedBackup);
  }
  // isCompletedBackupEvidence guarantees a readable completedAt here.
  const completedAt = latest.completedAt as Date;
  const age = describeAge(completedAt, now);
  // §9 clock skew, before `stale`: a completion time after now cannot be placed in time and buys nothing.
  if (isFutureDated(completedAt, now)) {
    return assess(
      "degraded",
      "latest_backup_time_in_future",
      BACKUP_HEALTH_MESSAGES.timeInFuture(latest.id, completedAt.toISOString()),
    );
  }
  if (isBackupStale(completedAt, staleAfterHours, now)) {
    return assess("stale", "latest_backup_stale", BACKUP_HEALTH_MESSAGES.stale(age, staleAfterHours));
  }
  const withErrors = latest.status === "completed_with_errors";
  const failedItems = Number.isFinite(latest.failedItemCount) ? latest.failedItemCount : 1;
  if (withErrors || failedItems > 0) {
    return assess(
      "degraded",
      "latest_backup_has_failed_items",
      BACKUP_HEALTH_MESSAGES.failedItems(latest.id, withErrors, Math.max(failedItems, 0)),
    );
  }
  // The newest failed attempt, whatever order the sets came in (so every caller names the same set).
  const newerFailure = sets
    .filter((set) => isFailedBackupAttempt(set) && isNewerThan(set, latest))
    .sort((a, b) => attemptOrder(b) - attemptOrder(a) || b.id - a.id)[0];
  if (newerFailure) {
    return assess(
      "degraded",
      "latest_backup_attempt_failed",
      BACKUP_HEALTH_MESSAGES.attemptFailed(newerFailure.id),
    );
  }
  return assess("healthy", null, BACKUP_HEALTH_MESSAGES.current(age, staleAfterHours));
}
