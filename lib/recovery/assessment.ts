/**
 * One tenant's assessment: backup health (§2), the recovery evidence summary (§4) and the Needs
 * Attention items with their severity (§10), from the tenant's evidence inputs and an explicit `now`.
 * Every surface — dashboard, per-tenant APIs, fleet, exports, change events — derives from this one
 * function, so they cannot disagree.
 */
import { latestCompletedBackupSet, resolveBackupHealth, type TenantBackupHealthAssessment } from "./backup-health";
import { resolveRecoveryEvidence, type LatestRelevantRestore, type RecoveryEvidenceSummary } from "./evidence-summary";
import { highestSeverity, needsAttentionItems, type NeedsAttentionItem, type SeverityOrNone } from "./needs-attention";
import { evidenceAgeDays } from "./freshness";
import type { BackupSetInput } from "./types";
import { BACKUP_SET_IGNORED_STATUSES, includes } from "./vocabulary";

export interface TenantAssessmentInputs {
  tenant: { id: number; backupStaleAfterHours: number; restoreEvidenceStaleAfterDays: number };
  /** The backup sets that can decide §2 (all of them, or the representatives the query selects). */
  backupSets: BackupSetInput[];
  latestRelevant: LatestRelevantRestore | null;
}

export interface TenantAssessment {
  backupHealth: TenantBackupHealthAssessment;
  evidence: RecoveryEvidenceSummary;
  needsAttention: NeedsAttentionItem[];
  /** The highest item severity, or "none". */
  severity: SeverityOrNone;
  /** ISO completion time of the latest completed backup set (the §2 "latest"), or null: fleet context. */
  latestCompletedBackupAt: string | null;
}

export function assessTenant(
  inputs: TenantAssessmentInputs,
  opts: { now: Date; canViewRestoreHistory: boolean },
): TenantAssessment {
  const tenantId = inputs.tenant.id;
  const backupHealth = resolveBackupHealth({
    tenantId,
    backupSets: inputs.backupSets,
    staleAfterHours: inputs.tenant.backupStaleAfterHours,
    now: opts.now,
  });
  const evidence = resolveRecoveryEvidence({
    tenantId,
    backupPosture: backupHealth.posture,
    latestRelevant: inputs.latestRelevant,
    canViewRestoreHistory: opts.canViewRestoreHistory,
    now: opts.now,
    staleAfterDays: inputs.tenant.restoreEvidenceStaleAfterDays,
  });
  const latestAt = evidence.latestRelevantRestoreAt === null ? null : new Date(evidence.latestRelevantRestoreAt);
  const needsAttention = needsAttentionItems(backupHealth, evidence, {
    ageDays: evidenceAgeDays(latestAt, opts.now),
    staleAfterDays: inputs.tenant.restoreEvidenceStaleAfterDays,
    canViewRestoreHistory: opts.canViewRestoreHistory,
  });
  const latestSet = latestCompletedBackupSet(
    inputs.backupSets.filter((set) => !includes(BACKUP_SET_IGNORED_STATUSES, set.status)),
  );
  return {
    backupHealth,
    evidence,
    needsAttention,
    severity: highestSeverity(needsAttention),
    latestCompletedBackupAt: latestSet?.completedAt ? latestSet.completedAt.toISOString() : null,
  };
}
