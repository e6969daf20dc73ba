import type { RestoreRunListRow } from "@/db/queries/restore-runs";
import { ATTENTION_STATE_LABELS } from "@/lib/recovery/copy";
import { inFlightLabel } from "@/lib/recovery/cause-copy";
import { describeAge } from "@/lib/recovery/age";
import { resolveResultAttention } from "@/lib/recovery/result-attention";
import { isInFlightStatus } from "@/lib/recovery/vocabulary";
import type { AttentionState, Tone } from "@/lib/recovery/vocabulary";

/** One table row (rendered on the server). Attention is recomputed from the row, never the cache. */
export interface RestoreRunRowView {
  id: number;
  backupSet: { id: number; name: string } | null;
  status: string;
  isDryRun: boolean;
  archived: boolean;
  attention: { state: AttentionState; label: string; tone: Tone };
  /** ISO instant, or null when the run has not completed. */
  completedAt: string | null;
  /** "3 days ago" beside the completion time (computed on the server against one `now`). */
  completedAge: string | null;
  /** The linked operation run's outcome, or null when none is linked. */
  operationOutcome: string | null;
  isLatestRelevant: boolean;
}

export function toRestoreRunRowView(row: RestoreRunListRow, latestRelevantRunId: number | null, now: Date): RestoreRunRowView {
  const { run } = row;
  // The list selects exactly the operation-run fields OperationRunInput needs.
  const attention = resolveResultAttention(run, row.operationRun);
  return {
    id: run.id,
    backupSet: row.backupSet,
    status: run.status,
    isDryRun: run.isDryRun,
    archived: run.archivedAt !== null,
    attention: {
      state: attention.state,
      // Queued and running runs read "not evidence yet", never like a preview.
      label:
        !run.isDryRun && isInFlightStatus(run.status)
          ? inFlightLabel(run.status as "queued" | "running")
          : ATTENTION_STATE_LABELS[attention.state],
      tone: attention.tone,
    },
    completedAt: run.completedAt ? run.completedAt.toISOString() : null,
    completedAge: run.completedAt ? describeAge(run.completedAt, now) : null,
    operationOutcome: row.operationRun?.outcome ?? null,
    isLatestRelevant: run.id === latestRelevantRunId,
  };
}
