/**
 * The §8 record format (validated by db/import/dataset-schema.ts) mapped onto stored rows, and the
 * comparison that makes a repeated write a no-op. One mapping for import, `--merge` and ingest.
 */
import { isDeepStrictEqual } from "node:util";
import type { BackupSetRecord, OperationRunRecord, RestoreRunRecord } from "../import/dataset-schema";
import type { BackupSet, OperationRun, RestoreRun } from "../schema";

export interface EvidenceRecords {
  backup_sets: BackupSetRecord[];
  operation_runs: OperationRunRecord[];
  restore_runs: RestoreRunRecord[];
}

export const EVIDENCE_ARRAYS = ["backup_sets", "operation_runs", "restore_runs"] as const;
export type EvidenceArray = (typeof EVIDENCE_ARRAYS)[number];

export function backupSetValues(b: BackupSetRecord) {
  return {
    id: b.id,
    tenantId: b.tenant_id,
    name: b.name,
    status: b.status,
    itemCount: b.item_count,
    failedItemCount: b.failed_item_count,
    startedAt: b.started_at,
    completedAt: b.completed_at,
    // Omitted: kept as stored on a replace, now() on a create.
    ...(b.created_at !== undefined ? { createdAt: b.created_at } : {}),
  };
}

export function operationRunValues(o: OperationRunRecord) {
  return {
    id: o.id,
    tenantId: o.tenant_id,
    type: o.type,
    status: o.status,
    outcome: o.outcome,
    startedAt: o.started_at,
    completedAt: o.completed_at,
  };
}

export function restoreRunValues(r: RestoreRunRecord, attentionState: string) {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    backupSetId: r.backup_set_id,
    operationRunId: r.operation_run_id,
    status: r.status,
    isDryRun: r.is_dry_run,
    results: r.results,
    metadata: r.metadata,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    archivedAt: r.archived_at,
    attentionState,
  };
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  // jsonb does not keep key order; isDeepStrictEqual ignores it. A SQL NULL and a JSON null are both null.
  return isDeepStrictEqual(a ?? null, b ?? null);
}

/** True when writing `values` would leave `stored` exactly as it is (keys absent from `values` are kept). */
export function unchanged(stored: BackupSet | OperationRun | RestoreRun, values: Record<string, unknown>): boolean {
  const row = stored as unknown as Record<string, unknown>;
  return Object.entries(values).every(([key, value]) => value === undefined || same(row[key], value));
}

/** The stored row in the §8 record format (snake_case, ISO times), as the ingest API answers it. */
export function recordJson(row: BackupSet | OperationRun | RestoreRun): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "attentionState") continue; // an internal cache, not part of the contract
    const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    out[snake] = value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString()) : (value ?? null);
  }
  return out;
}
