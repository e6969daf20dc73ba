import "server-only";
import { sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { TenantAssessmentInputs } from "../../lib/recovery/assessment";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { getDb, rowsOf, type Executor } from "../client";
import { tenantEvidence } from "../projection-schema";
import { memberships, operationRuns, restoreRuns, tenants } from "../schema";
import { compareBackupSetsNewestFirst, parseBackupSetsJson } from "./backup-sets";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";

export interface FleetTenantInputs extends TenantAssessmentInputs {
  tenant: TenantAssessmentInputs["tenant"] & { name: string };
  role: MembershipRole;
}

/**
 * The evidence inputs of every tenant the user is a member of, as ONE statement whatever the number of
 * tenants or the size of their histories: the user's memberships (a range of their primary key), each
 * tenant with its fleet projection (tenant_evidence: the backup-health representatives as JSON and the
 * latest relevant run's id, written by every evidence writer in its own transaction), the run by primary
 * key and its operation run — three primary-key probes per tenant, however long its history
 * (docs/decisions/0017-tenant-evidence-projection.md). Everything that depends on `now` is computed from
 * these rows at read time by the one tenant assessment. Memberships with an unrecognized role grant
 * nothing and are left out.
 */
interface FleetRowRaw {
  role: string;
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

/**
 * Raw rows (both drivers answer `execute` with plain objects, timestamps as text): for 5,000 tenants the
 * ORM's per-column result mapping cost more CPU than the database spent on the statement.
 */
function fleetStatement(userId: string) {
  return sql`
    select m.role, t.id as tenant_id, t.name, t.backup_stale_after_hours, t.restore_evidence_stale_after_days,
      p.tenant_id as projected, p.latest_relevant_run_id as projected_run_id, p.backup_sets as health,
      r.id as run_id, r.backup_set_id as run_backup_set_id, r.operation_run_id as run_operation_run_id,
      r.status as run_status, r.is_dry_run as run_is_dry_run, r.results as run_results, r.metadata as run_metadata,
      r.created_at as run_created_at, r.completed_at as run_completed_at, r.archived_at as run_archived_at,
      o.id as op_id, o.type as op_type, o.status as op_status, o.outcome as op_outcome
    from ${memberships} m
    join ${tenants} t on t.id = m.tenant_id
    left join ${tenantEvidence} p on p.tenant_id = m.tenant_id
    left join ${restoreRuns} r on r.id = p.latest_relevant_run_id and r.tenant_id = m.tenant_id
    left join ${operationRuns} o on o.id = r.operation_run_id and o.tenant_id = r.tenant_id
    where m.user_id = ${userId}
    order by m.user_id, m.tenant_id`;
}

/** A timestamp as either driver returns it in raw rows (text with an offset), or null. */
function instant(v: string | Date | null): Date | null {
  if (v === null) return null;
  return v instanceof Date ? v : new Date(v);
}

export function getFleetInputs(userId: string, db: Executor = getDb()): Promise<FleetTenantInputs[]> {
  return withDatabase(async () => {
    const rows = rowsOf<FleetRowRaw>(await db.execute(fleetStatement(userId)));
    const live = new Map<number, FleetTenantInputs>();
    // A tenant without its projection row, or whose projected run is not there, is read live (the
    // dashboard's statement): never shown as "no evidence" because a row is missing. No writer leaves
    // one behind (the projection test proves it), so normally this reads nothing.
    for (const r of rows) {
      const missing = r.projected === null || (r.projected_run_id !== null && r.run_id === null);
      if (!missing || !includes(MEMBERSHIP_ROLES, r.role)) continue;
      const inputs = await getRecoveryEvidenceInputs(r.tenant_id, { db });
      if (!inputs) continue;
      const latest = inputs.latestRelevant;
      const run = latest && (({ attentionState: _cached, ...columns }) => columns)(latest.run);
      const operationRun = latest?.operationRun && { id: latest.operationRun.id, type: latest.operationRun.type, status: latest.operationRun.status, outcome: latest.operationRun.outcome };
      live.set(r.tenant_id, {
        role: r.role,
        tenant: { ...inputs.tenant, name: r.name },
        backupSets: inputs.backupSets,
        latestRelevant: run ? { run, operationRun: operationRun ?? null } : null,
      });
    }
    return rows.flatMap((r) => {
      const role = r.role;
      if (!includes(MEMBERSHIP_ROLES, role)) return [];
      const fromLive = live.get(r.tenant_id);
      if (fromLive) return [fromLive];
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
      return [
        {
          role,
          tenant,
          backupSets: parseBackupSetsJson(r.health).sort(compareBackupSetsNewestFirst),
          latestRelevant: run ? { run, operationRun } : null,
        },
      ];
    });
  });
}
