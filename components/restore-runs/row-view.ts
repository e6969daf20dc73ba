import type { RestoreRunListRow } from "@/db/queries/restore-runs";
import { ATTENTION_STATE_LABELS } from "@/lib/recovery/copy";
import { resolveResultAttention } from "@/lib/recovery/result-attention";
import type { AttentionState, Tone } from "@/lib/recovery/vocabulary";

/** One table row, serializable for the client table. Attention is recomputed from the row, never the cache. */
export interface RestoreRunRowView {
  id: number;
  backupSet: { id: number; name: string } | null;
  status: string;
  isDryRun: boolean;
  archived: boolean;
  attention: { state: AttentionState; label: string; tone: Tone };
  /** ISO instant, or null when the run has not completed. */
  completedAt: string | null;
  /** The linked operation run's outcome, or null when none is linked. */
  operationOutcome: string | null;
  isLatestRelevant: boolean;
}

export function toRestoreRunRowView(row: RestoreRunListRow, latestRelevantRunId: number | null): RestoreRunRowView {
  const { run } = row;
  // The list selects exactly the operation-run fields OperationRunInput needs.
  const attention = resolveResultAttention(run, row.operationRun);
  return {
    id: run.id,
    backupSet: row.backupSet,
    status: run.status,
    isDryRun: run.isDryRun,
    archived: run.archivedAt !== null,
    attention: { state: attention.state, label: ATTENTION_STATE_LABELS[attention.state], tone: attention.tone },
    completedAt: run.completedAt ? run.completedAt.toISOString() : null,
    operationOutcome: row.operationRun?.outcome ?? null,
    isLatestRelevant: run.id === latestRelevantRunId,
  };
}
