import "server-only";
import { restoreRunExportBatch, type RestoreRunExportRow } from "../../db/queries/restore-run-export";
import { EXPORT_CLAIM_BOUNDARIES } from "../../lib/recovery/fleet-copy";
import { resolveResultAttention, type RestoreResultAttention } from "../../lib/recovery/result-attention";
import { restoreRunJson } from "../api/restore-run-json";
import { exportResponse, type Cell, type ExportFormat } from "./stream";

interface ExportedRun {
  row: RestoreRunExportRow;
  attention: RestoreResultAttention;
}

const COLUMNS = [
  "id", "tenant_id", "backup_set_id", "operation_run_id", "status", "is_dry_run", "created_at", "completed_at",
  "archived_at", "operation_outcome", "attention_state", "attention_summary", "follow_up_required", "recovery_claim_boundary",
];

const iso = (d: Date | null) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null);

function cells({ row: { run, operationRun }, attention }: ExportedRun): Cell[] {
  return [
    run.id, run.tenantId, run.backupSetId, run.operationRunId, run.status, run.isDryRun, iso(run.createdAt), iso(run.completedAt),
    iso(run.archivedAt), operationRun?.outcome ?? null, attention.state, attention.summary, attention.followUpRequired,
    attention.recoveryClaimBoundary,
  ];
}

/** Keyset batches of the tenant's runs, each with its attention computed from the row (never the cache). */
async function* batches(tenantId: number): AsyncGenerator<ExportedRun[]> {
  let before: number | null = null;
  for (;;) {
    const rows = await restoreRunExportBatch(tenantId, before);
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      row,
      attention: resolveResultAttention(row.run, row.operationRun),
    }));
    before = rows[rows.length - 1]!.run.id;
  }
}

/** Every run of one tenant (the caller has checked the role may view restore history). */
export function restoreRunExport(tenantId: number, now: Date, format: ExportFormat): Promise<Response> {
  return exportResponse<ExportedRun>(
    {
      filename: `restore-runs-tenant-${tenantId}-${now.toISOString().slice(0, 10)}`,
      computedAt: now,
      claimBoundaries: [...EXPORT_CLAIM_BOUNDARIES.restoreRuns],
      columns: COLUMNS,
      batches: batches(tenantId),
      toCells: cells,
      toJson: ({ row, attention }) => ({ ...restoreRunJson(row.run, attention), operation_outcome: row.operationRun?.outcome ?? null }),
      jsonKey: "restoreRuns",
      jsonExtra: () => ({ tenantId }),
    },
    format,
  );
}
