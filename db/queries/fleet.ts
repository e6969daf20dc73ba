import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { TenantAssessmentInputs } from "../../lib/recovery/assessment";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { getDb, type Executor } from "../client";
import { memberships, operationRuns, tenants } from "../schema";
import { preparedPerExecutor } from "./prepared";
import { backupHealthSetsSql, compareBackupSetsNewestFirst, parseBackupSetsJson } from "./backup-sets";
import { latestRelevantRunSubquery } from "./restore-runs";

export interface FleetTenantInputs extends TenantAssessmentInputs {
  tenant: TenantAssessmentInputs["tenant"] & { name: string };
  role: MembershipRole;
}

/**
 * The evidence inputs of every tenant the user is a member of, as ONE statement whatever the number of
 * tenants or the size of their histories: the user's memberships (a range of their primary key), each
 * tenant joined with the same per-tenant LATERAL reads the dashboard's evidence statement uses — the
 * backup-health representatives (a skip scan bounded by the number of statuses) and the latest relevant
 * run by restore_runs_latest_relevant_idx (one index probe). Cost grows with the tenant count, never with
 * history size (docs/decisions/0011-fleet-read-path.md). Memberships with an unrecognized role
 * grant nothing and are left out.
 */
const fleetStatement = preparedPerExecutor((db) => {
  const latest = latestRelevantRunSubquery(memberships.tenantId, db);
  const health = db
    .select({ items: sql<unknown>`coalesce(json_agg(s), '[]'::json)`.as("items") })
    .from(sql`(${backupHealthSetsSql(memberships.tenantId)}) s`)
    .as("health");
  return db
    .select({
      role: memberships.role,
      tenantId: tenants.id,
      name: tenants.name,
      backupStaleAfterHours: tenants.backupStaleAfterHours,
      restoreEvidenceStaleAfterDays: tenants.restoreEvidenceStaleAfterDays,
      health: health.items,
      // The latest relevant run: every column the assessment reads (attention is computed from the row).
      runId: latest.id,
      runBackupSetId: latest.backupSetId,
      runOperationRunId: latest.operationRunId,
      runStatus: latest.status,
      runIsDryRun: latest.isDryRun,
      runResults: latest.results,
      runMetadata: latest.metadata,
      runCreatedAt: latest.createdAt,
      runCompletedAt: latest.completedAt,
      runArchivedAt: latest.archivedAt,
      opId: operationRuns.id,
      opType: operationRuns.type,
      opStatus: operationRuns.status,
      opOutcome: operationRuns.outcome,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .innerJoinLateral(health, sql`true`)
    .leftJoinLateral(latest, sql`true`)
    .leftJoin(operationRuns, and(eq(operationRuns.id, latest.operationRunId), eq(operationRuns.tenantId, latest.tenantId)))
    .where(eq(memberships.userId, sql.placeholder("userId")))
    .orderBy(asc(memberships.userId), asc(memberships.tenantId))
    .prepare("fleet_inputs");
});

export function getFleetInputs(userId: string, db: Executor = getDb()): Promise<FleetTenantInputs[]> {
  return withDatabase(async () => {
    const rows = await fleetStatement(db).execute({ userId });
    return rows.flatMap((r) => {
      const role = r.role;
      if (!includes(MEMBERSHIP_ROLES, role)) return [];
      const tenant = {
        id: r.tenantId,
        name: r.name,
        backupStaleAfterHours: r.backupStaleAfterHours,
        restoreEvidenceStaleAfterDays: r.restoreEvidenceStaleAfterDays,
      };
      const run =
        // A left join's nulls: no relevant run (the columns themselves are NOT NULL).
        r.runId === null || r.runCreatedAt === null || r.runStatus === null || r.runIsDryRun === null
          ? null
          : {
              id: r.runId,
              tenantId: r.tenantId,
              backupSetId: r.runBackupSetId,
              operationRunId: r.runOperationRunId,
              status: r.runStatus,
              isDryRun: r.runIsDryRun,
              results: r.runResults,
              metadata: r.runMetadata,
              createdAt: r.runCreatedAt,
              completedAt: r.runCompletedAt,
              archivedAt: r.runArchivedAt,
            };
      const operationRun =
        r.opId === null ? null : { id: r.opId, type: r.opType ?? "", status: r.opStatus ?? "", outcome: r.opOutcome ?? "" };
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
