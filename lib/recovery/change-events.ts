/**
 * §13 change events, decided from two assessments of one tenant: the one last emitted and the one now.
 * Pure: the caller stores the emitted state and writes the outbox. The event types and what each
 * compares live only here.
 */
import type { TenantBackupHealthAssessment } from "./backup-health";
import type { RecoveryEvidenceSummary } from "./evidence-summary";

export const WEBHOOK_EVENT_TYPES = ["recovery_evidence.changed", "backup_health.changed", "restore_evidence.stale"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The per-tenant state the events compare: the full objects, so `previous` in a payload is what was sent. */
export interface EmittedState {
  backupHealth: TenantBackupHealthAssessment | null;
  evidence: RecoveryEvidenceSummary | null;
  restoreEvidenceStale: boolean;
}

/** What `current` is, and the freshness of the evidence, after a write or at a sweep. */
export interface CurrentState {
  backupHealth: TenantBackupHealthAssessment;
  evidence: RecoveryEvidenceSummary;
  restoreEvidenceStale: boolean;
}

export interface ChangeEvent {
  type: WebhookEventType;
  previous: TenantBackupHealthAssessment | RecoveryEvidenceSummary | null;
  current: TenantBackupHealthAssessment | RecoveryEvidenceSummary;
}

/**
 * `restore_evidence.stale` follows the evidence summary's own `restoreEvidenceStale` (§9: a relevant run
 * exists and is older than the tenant's `restore_evidence_stale_after_days`), computed by the one resolver.
 */
export function restoreEvidenceStaleOf(evidence: RecoveryEvidenceSummary): boolean {
  return evidence.restoreEvidenceStale;
}

/**
 * The events from `previous` to `current`, in a fixed order. A tenant seen for the first time
 * (`previous` null) is a baseline, not a change: nothing is emitted.
 */
export function changeEvents(previous: EmittedState | null, current: CurrentState): ChangeEvent[] {
  if (!previous || !previous.backupHealth || !previous.evidence) return [];
  const events: ChangeEvent[] = [];
  const pe = previous.evidence;
  const ce = current.evidence;
  if (
    pe.overviewState !== ce.overviewState ||
    pe.latestRelevantRestoreRunId !== ce.latestRelevantRestoreRunId ||
    pe.latestRelevantAttentionState !== ce.latestRelevantAttentionState
  ) {
    events.push({ type: "recovery_evidence.changed", previous: pe, current: ce });
  }
  const pb = previous.backupHealth;
  const cb = current.backupHealth;
  if (pb.posture !== cb.posture || pb.primaryReason !== cb.primaryReason) {
    events.push({ type: "backup_health.changed", previous: pb, current: cb });
  }
  if (!previous.restoreEvidenceStale && current.restoreEvidenceStale) {
    events.push({ type: "restore_evidence.stale", previous: pe, current: ce });
  }
  return events;
}

/** Whether the stored state should be rewritten (anything an event compares, or the objects' text, moved). */
export function stateDiffers(previous: EmittedState | null, current: CurrentState): boolean {
  return JSON.stringify(previous) !== JSON.stringify(current);
}
