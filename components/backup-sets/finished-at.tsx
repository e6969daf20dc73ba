import { DateTime } from "@/components/ui/date-time";
import type { BackupSet } from "@/db/schema";
import { describeAge } from "@/lib/recovery/age";
import { BACKUP_SET_COMPLETED_STATUSES, BACKUP_SET_IGNORED_STATUSES, includes } from "@/lib/recovery/vocabulary";

/**
 * How a backup set ended, in words that fit its status: only a completed set "completed"; a failed set
 * "failed at"; a queued or running set has not finished; a status outside the vocabulary "ended".
 */
export function finishedTerm(status: string): string {
  if (includes(BACKUP_SET_COMPLETED_STATUSES, status)) return "Completed at";
  if (status === "failed") return "Failed at";
  if (includes(BACKUP_SET_IGNORED_STATUSES, status)) return "Finished at";
  return "Ended at";
}

export function FinishedAt({ set, now, withTerm = false }: { set: Pick<BackupSet, "status" | "completedAt">; now: Date; withTerm?: boolean }) {
  if (includes(BACKUP_SET_IGNORED_STATUSES, set.status)) {
    return <span className="text-slate-700">Not finished ({set.status})</span>;
  }
  if (!set.completedAt) {
    return <span className="text-slate-700">{set.status === "failed" ? "Failed (no end time recorded)" : "No end time recorded"}</span>;
  }
  const term = finishedTerm(set.status);
  return (
    <span className="flex flex-col">
      <span>
        {withTerm ? <span className="font-medium">{term.replace(/ at$/, "")}: </span> : null}
        <DateTime value={set.completedAt} />
      </span>
      <span className="text-xs text-slate-700">{describeAge(set.completedAt, now)}</span>
    </span>
  );
}
