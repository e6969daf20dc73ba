import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getRecoveryEvidenceInputs } from "@/db/queries/recovery-evidence";
import { resolveBackupHealth } from "@/lib/recovery/backup-health";
import { resolveRecoveryEvidence } from "@/lib/recovery/evidence-summary";
import { BackupHealthCard } from "./backup-health-card";
import { NeedsAttentionCard } from "./needs-attention-card";
import { needsAttentionItems } from "./needs-attention-items";
import { RecoveryEvidenceCard } from "./recovery-evidence-card";

/**
 * Data-fetching wrappers of the dashboard cards. Each card is its own async component (the page wraps
 * each in <Suspense>); shared reads are deduplicated per request with React `cache`. Query errors are
 * not caught here: they reach the error boundary, which makes no claim.
 */

/** One `now` per request, so every card measures ages against the same instant. */
export const requestNow = cache(() => new Date());

/** One statement for every card (the page has already checked the viewer's membership). */
const inputsOf = cache(async (tenantId: number) => {
  const inputs = await getRecoveryEvidenceInputs(tenantId);
  if (!inputs) notFound();
  return inputs;
});

const backupHealthOf = cache(async (tenantId: number) => {
  const { tenant, backupSets } = await inputsOf(tenantId);
  return resolveBackupHealth({ tenantId, backupSets, staleAfterHours: tenant.backupStaleAfterHours, now: requestNow() });
});

const recoveryEvidenceOf = cache(async (tenantId: number, canViewRestoreHistory: boolean) => {
  const [health, { latestRelevant }] = await Promise.all([backupHealthOf(tenantId), inputsOf(tenantId)]);
  return resolveRecoveryEvidence({ tenantId, backupPosture: health.posture, latestRelevant, canViewRestoreHistory });
});

export async function BackupHealthSection({ tenantId }: { tenantId: number }) {
  return <BackupHealthCard assessment={await backupHealthOf(tenantId)} />;
}

export async function RecoveryEvidenceSection({ tenantId, canViewRestoreHistory }: { tenantId: number; canViewRestoreHistory: boolean }) {
  return <RecoveryEvidenceCard summary={await recoveryEvidenceOf(tenantId, canViewRestoreHistory)} now={requestNow()} />;
}

export async function NeedsAttentionSection({ tenantId, canViewRestoreHistory }: { tenantId: number; canViewRestoreHistory: boolean }) {
  const [health, evidence] = await Promise.all([backupHealthOf(tenantId), recoveryEvidenceOf(tenantId, canViewRestoreHistory)]);
  return <NeedsAttentionCard items={needsAttentionItems(health, evidence)} />;
}
