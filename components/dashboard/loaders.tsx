import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLatestInFlightRestoreRun } from "@/db/queries/in-flight";
import { getRecoveryEvidenceInputs } from "@/db/queries/evidence-inputs";
import { getHistoryStripGroups } from "@/db/queries/history-strip";
import { assessTenant } from "@/lib/recovery/assessment";
import { latestCompletedBackupSet } from "@/lib/recovery/backup-health";
import { requestRead } from "@/server/pages/read";
import { buildHistoryStrip, historyStripWindow } from "@/lib/recovery/history-strip";
import { HistoryStripCard } from "./history-strip";
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

/** One statement for every card (the page has already checked the membership). */
const inputsOf = cache(async (tenantId: number) => {
  const inputs = await getRecoveryEvidenceInputs(tenantId, { db: (await requestRead()).db });
  if (!inputs) notFound();
  return inputs;
});

/** One assessment for every card. */
const assessmentOf = cache(async (tenantId: number, canViewRestoreHistory: boolean) =>
  assessTenant(await inputsOf(tenantId), { now: requestNow(), canViewRestoreHistory }),
);

type SectionProps = { tenantId: number; canViewRestoreHistory: boolean };

export async function BackupHealthSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  return <BackupHealthCard assessment={(await assessmentOf(tenantId, canViewRestoreHistory)).backupHealth} />;
}

export async function RecoveryEvidenceSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  // The in-flight run is context beside the evidence, never part of it (it does not enter the assessment).
  const [{ evidence }, inFlight] = await Promise.all([
    assessmentOf(tenantId, canViewRestoreHistory),
    requestRead().then((read) => getLatestInFlightRestoreRun(tenantId, read.db)),
  ]);
  return (
    <RecoveryEvidenceCard summary={evidence} now={requestNow()} inFlight={inFlight} canViewRestoreHistory={canViewRestoreHistory} />
  );
}

export async function NeedsAttentionSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  return <NeedsAttentionCard items={(await assessmentOf(tenantId, canViewRestoreHistory)).needsAttention} />;
}

/**
 * The history strip: one more statement (the window's per-day groups, index ranges only), started
 * alongside the evidence read; the latest marks come from the same evidence the other cards show.
 */
export async function HistoryStripSection({ tenantId, canViewRestoreHistory }: SectionProps) {
  const now = requestNow();
  const [groups, inputs, { evidence }] = await Promise.all([
    requestRead().then((read) =>
      getHistoryStripGroups(tenantId, historyStripWindow(now), { includeRestores: canViewRestoreHistory, db: read.db }),
    ),
    inputsOf(tenantId),
    assessmentOf(tenantId, canViewRestoreHistory),
  ]);
  const latestBackup = latestCompletedBackupSet(inputs.backupSets);
  const strip = buildHistoryStrip({
    groups,
    now,
    canViewRestoreHistory,
    latestBackupAt: latestBackup?.completedAt ?? null,
    latestRelevantAt: evidence.latestRelevantRestoreAt === null ? null : new Date(evidence.latestRelevantRestoreAt),
  });
  return <HistoryStripCard strip={strip} />;
}
