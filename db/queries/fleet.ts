import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { TenantAssessmentInputs } from "../../lib/recovery/assessment";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { getDb, type Executor } from "../client";
import { memberships, operationRuns, tenants } from "../schema";
import { preparedPerExecutor } from "./prepared";
import {
  backupHealthSetsSql,
  compareBackupSetsNewestFirst,
  latestRelevantRunSubquery,
  parseBackupSetsJson,
  toOperationRunInput,
  toRestoreRunInput,
} from "./recovery-evidence";

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
 * history size (docs/decisions/0010-fleet-read-path-fleet.md). Memberships with an unrecognized role
 * grant nothing and are left out.
 */
const fleetStatement = preparedPerExecutor((db) => {
  const latest = latestRelevantRunSubquery(memberships.tenantId, db);
  const health = db
    .select({ items: sql<unknown>`coalesce(json_agg(s), '[]'::json)`.as("items") })
    .from(sql`(${backupHealthSetsSql(memberships.tenantId)}) s`)
    .as("health");
  return db
    .select()
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
      const role = r.memberships.role;
      if (!includes(MEMBERSHIP_ROLES, role)) return [];
      return [
        {
          role,
          tenant: r.tenants,
          backupSets: parseBackupSetsJson(r.health.items).sort(compareBackupSetsNewestFirst),
          latestRelevant: r.latest
            ? { run: toRestoreRunInput(r.latest), operationRun: r.operation_runs ? toOperationRunInput(r.operation_runs) : null }
            : null,
        },
      ];
    });
  });
}
