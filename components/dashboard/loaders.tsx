import "server-only";
import { notFound } from "next/navigation";
import { getLatestInFlightRestoreRun } from "@/db/queries/in-flight";
import { getRecoveryEvidenceInputs } from "@/db/queries/evidence-inputs";
import { getHistoryStripGroups } from "@/db/queries/history-strip";
import { assessTenant } from "@/lib/recovery/assessment";
import { latestCompletedBackupSet } from "@/lib/recovery/backup-health";
import { buildHistoryStrip, historyStripWindow } from "@/lib/recovery/history-strip";
import { requestRead } from "@/server/pages/read";
import { HistoryStripCard } from "./history-strip";
import { BackupHealthCard } from "./backup-health-card";
import { NeedsAttentionCard } from "./needs-attention-card";
import { RecoveryEvidenceCard } from "./recovery-evidence-card";

/**
 * The dashboard's data-fetching wrapper: its three reads (the evidence inputs that feed every card, the
 * in-flight run beside the evidence, the strip's per-day groups) start together, then one assessment at
 * one `now` feeds every card. No <Suspense> boundary (issue 14): the reads are independent of each other
 * but each is one index lookup, so a boundary per card would stream nothing a reader could use, and the
 * page as served then shows without script. Query errors are not caught here: they reach the error
 * boundary, which makes no claim.
 */
export async function DashboardCards({ tenantId, canViewRestoreHistory }: { tenantId: number; canViewRestoreHistory: boolean }) {
  const now = new Date();
  // The request's read handle (replica within the lag bound, else the primary); the page shows its "as of".
  const { db } = await requestRead();
  const [inputs, inFlight, groups] = await Promise.all([
    getRecoveryEvidenceInputs(tenantId, { db }),
    // Context beside the evidence, never part of it (it does not enter the assessment).
    getLatestInFlightRestoreRun(tenantId, db),
    // The window's per-day groups, index ranges only.
    getHistoryStripGroups(tenantId, historyStripWindow(now), { includeRestores: canViewRestoreHistory, db }),
  ]);
  if (!inputs) notFound();
  const { backupHealth, evidence, needsAttention } = assessTenant(inputs, { now, canViewRestoreHistory });
  // The strip's latest marks come from the same evidence the other cards show.
  const strip = buildHistoryStrip({
    groups,
    now,
    canViewRestoreHistory,
    latestBackupAt: latestCompletedBackupSet(inputs.backupSets)?.completedAt ?? null,
    latestRelevantAt: evidence.latestRelevantRestoreAt === null ? null : new Date(evidence.latestRelevantRestoreAt),
  });
  return (
    <>
      <BackupHealthCard assessment={backupHealth} />
      <RecoveryEvidenceCard summary={evidence} now={now} inFlight={inFlight} canViewRestoreHistory={canViewRestoreHistory} />
      <div className="lg:col-span-2">
        <NeedsAttentionCard items={needsAttention} />
      </div>
      <div className="lg:col-span-2">
        <HistoryStripCard strip={strip} />
      </div>
    </>
  );
}
