/** The JSON body of GET /api/restore-runs/{id}: the run's §1 columns in snake_case, plus `attention` (§3). */
import type { RestoreRun } from "../../db/schema";
import type { RestoreResultAttention } from "../../lib/recovery/result-attention";

export interface RestoreRunJson {
  id: number;
  tenant_id: number;
  backup_set_id: number | null;
  operation_run_id: number | null;
  status: string;
  is_dry_run: boolean;
  results: unknown;
  metadata: unknown;
  created_at: string | null;
  completed_at: string | null;
  archived_at: string | null;
  attention: RestoreResultAttention;
}

/** ISO-8601, or null for a missing or unreadable time (e.g. a PostgreSQL 'infinity' that no Date can hold). */
function iso(date: Date | null): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** The internal `attention_state` cache column is deliberately not part of the contract. */
export function restoreRunJson(run: RestoreRun, attention: RestoreResultAttention): RestoreRunJson {
  return {
    id: run.id,
    tenant_id: run.tenantId,
    backup_set_id: run.backupSetId,
    operation_run_id: run.operationRunId,
    status: run.status,
    is_dry_run: run.isDryRun,
    // `undefined` would drop the key from the JSON; a SQL NULL is reported as null.
    results: run.results ?? null,
    metadata: run.metadata ?? null,
    created_at: iso(run.createdAt),
    completed_at: iso(run.completedAt),
    archived_at: iso(run.archivedAt),
    attention,
  };
}
