import "server-only";
/**
 * A tenant's evidence inputs as the fleet projection holds them (tenant_evidence: the latest relevant run's
 * id and the backup-health representatives), with the run by primary key and its operation run: three
 * primary-key probes per tenant, however long its history (docs/decisions/0017-tenant-evidence-projection.md).
 * The fleet reads these for the tenants it shows; the projection writer reads them to compute each
 * tenant's rank schedule (db/write/fleet-schedule.ts). Raw rows (both drivers answer `execute` with plain
 * objects, timestamps as text or Date): for 5,000 tenants the ORM's per-column mapping cost more CPU than
 * the database spent on the statement.
 */
import { sql, type SQL } from "drizzle-orm";
import type { TenantAssessmentInputs } from "../../lib/recovery/assessment";
import { tenantEvidence } from "../projection-schema";
import { operationRuns, restoreRuns, tenants } from "../schema";
import { compareBackupSetsNewestFirst, parseBackupSetsJson } from "./backup-sets";

export interface ProjectedRowRaw {
  tenant_id: number;
  name: string;
  backup_stale_after_hours: number;
  restore_evidence_stale_after_days: number;
  projected: number | null;
  projected_run_id: number | null;
  health: unknown;
  run_id: number | null;
  run_backup_set_id: number | null;
  run_operation_run_id: number | null;
  run_status: string | null;
  run_is_dry_run: boolean | null;
  run_results: unknown;
  run_metadata: unknown;
  run_created_at: string | Date | null;
  run_completed_at: string | Date | null;
  run_archived_at: string | Date | null;
  op_id: number | null;
  op_type: string | null;
  op_status: string | null;
  op_outcome: string | null;
}

/** The select list (tenant `t`, projection `p`, run `r`, operation run `o`). */
export const projectedColumns = sql`t.id as tenant_id, t.name, t.backup_stale_after_hours, t.restore_evidence_stale_after_days,
      p.tenant_id as projected, p.latest_relevant_run_id as projected_run_id, p.backup_sets as health,
      r.id as run_id, r.backup_set_id as run_backup_set_id, r.operation_run_id as run_operation_run_id,
      r.status as run_status, r.is_dry_run as run_is_dry_run, r.results as run_results, r.metadata as run_metadata,
      r.created_at as run_created_at, r.completed_at as run_completed_at, r.archived_at as run_archived_at,
      o.id as op_id, o.type as op_type, o.status as op_status, o.outcome as op_outcome`;

/** The joins after `tenants t` (the projection row may be missing: `projected` is then null). */
export const projectedJoins = sql`left join ${tenantEvidence} p on p.tenant_id = t.id
    left join ${restoreRuns} r on r.id = p.latest_relevant_run_id and r.tenant_id = t.id
    left join ${operationRuns} o on o.id = r.operation_run_id and o.tenant_id = r.tenant_id`;

/** The projected inputs of the tenants `where` selects (over `tenants t`), in id order. */
export function projectedInputsStatement(where: SQL): SQL {
  return sql`select ${projectedColumns} from ${tenants} t ${projectedJoins} where ${where} order by t.id`;
}

/** True when the row cannot be read from the projection (no row, or its run is not there): read it live. */
export function projectionMissing(r: ProjectedRowRaw): boolean {
  return r.projected === null || (r.projected_run_id !== null && r.run_id === null);
}

/** A timestamp as either driver returns it in raw rows (text with an offset, or a Date), or null. */
export function instant(v: string | Date | null): Date | null {
  if (v === null) return null;
  return v instanceof Date ? v : new Date(v);
}

export type NamedInputs = TenantAssessmentInputs & { tenant: TenantAssessmentInputs["tenant"] & { name: string } };

/** The assessment's inputs from a projected row (the caller has checked projectionMissing). */
export function inputsOfProjectedRow(r: ProjectedRowRaw): NamedInputs {
  const tenant = {
    id: r.tenant_id,
    name: r.name,
    backupStaleAfterHours: r.backup_stale_after_hours,
    restoreEvidenceStaleAfterDays: r.restore_evidence_stale_after_days,
  };
  const createdAt = instant(r.run_created_at);
  const run =
    // A left join's nulls: no relevant run (the columns themselves are NOT NULL).
    r.run_id === null || createdAt === null || r.run_status === null || r.run_is_dry_run === null
      ? null
      : {
          id: r.run_id,
          tenantId: r.tenant_id,
          backupSetId: r.run_backup_set_id,
          operationRunId: r.run_operation_run_id,
          status: r.run_status,
          isDryRun: r.run_is_dry_run,
          results: r.run_results,
          metadata: r.run_metadata,
          createdAt,
          completedAt: instant(r.run_completed_at),
          archivedAt: instant(r.run_archived_at),
        };
  const operationRun =
    r.op_id === null ? null : { id: r.op_id, type: r.op_type ?? "", status: r.op_status ?? "", outcome: r.op_outcome ?? "" };
  return {
    tenant,
    backupSets: parseBackupSetsJson(r.health).sort(compareBackupSetsNewestFirst),
    latestRelevant: run ? { run, operationRun } : null,
  };
}
