import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getRecoveryEvidenceInputs } from "@/db/queries/evidence-inputs";
import { assessTenant } from "@/lib/recovery/assessment";
import { BackupHealthCard } from "./backup-health-card";
import { NeedsAttentionCard } from "./needs-attention-card";
import { RecoveryEvidenceCard } from "./recovery-evidence-card";

/**
 * Data-fetching wrappers of the dashboard cards. Each card is its own async component (the page wraps
 * each in <Suspense>); the one evidence read and the one assessment are deduplicated per request with
 * React `cache`. Query errors are not caught here: they reach the error boundary, which makes no claim.
 */

/** One `now` per request, so every card measures ages against the same instant. */
export const requestNow = cache(() => new Date());

/** One statement and one assessment for every card (the page has already checked the membership). */
const assessmentOf = cache(async (tenantId: number, canViewRestoreHistory: boolean) => {
  const inputs = await getRecoveryEvidenceInputs(tenantId);
  if (!inputs) notFound();
  return assessTenant(inputs, { now: requestNow(), canViewRestoreHistory });
});

type SectionProps = { tenantId: number; canViewRestoreHistory: boolean };

export async function BackupHealthSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  return <BackupHealthCard assessment={(await assessmentOf(tenantId, canViewRestoreHistory)).backupHealth} />;
}

export async function RecoveryEvidenceSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  const { evidence } = await assessmentOf(tenantId, canViewRestoreHistory);
  return <RecoveryEvidenceCard summary={evidence} now={requestNow()} />;
}

export async function NeedsAttentionSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  return <NeedsAttentionCard items={(await assessmentOf(tenantId, canViewRestoreHistory)).needsAttention} />;
}
