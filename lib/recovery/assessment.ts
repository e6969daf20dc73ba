/**
 * One tenant's assessment: backup health (§2), the recovery evidence summary (§4) and the Needs
 * Attention items with their severity (§10), from the tenant's evidence inputs and an explicit `now`.
 * Every surface — dashboard, per-tenant APIs, fleet, exports, change events — derives from this one
 * function, so they cannot disagree.
 */
import { resolveBackupHealth, type TenantBackupHealthAssessment } from "./backup-health";
import { resolveRecoveryEvidence, type LatestRelevantRestore, type RecoveryEvidenceSummary } from "./evidence-summary";
import { highestSeverity, needsAttentionItems, type NeedsAttentionItem, type SeverityOrNone } from "./needs-attention";
import type { BackupSetInput } from "./types";

export interface TenantAssessmentInputs {
  tenant: { id: number; backupStaleAfterHours: number };
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
  });
  const needsAttention = needsAttentionItems(backupHealth, evidence);
  return { backupHealth, evidence, needsAttention, severity: highestSeverity(needsAttention) };
}
