import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { withDatabase } from "../../lib/errors";
import type { TenantAssessmentInputs } from "../../lib/recovery/assessment";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { getDb, type Executor } from "../client";
import { tenantEvidence } from "../projection-schema";
import { memberships, operationRuns, restoreRuns, tenants } from "../schema";
import { compareBackupSetsNewestFirst, parseBackupSetsJson } from "./backup-sets";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";
import { preparedPerExecutor } from "./prepared";

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
const fleetStatement = preparedPerExecutor((db) => {
  const latest = alias(restoreRuns, "latest");
  return db
    .select({
      role: memberships.role,
      tenantId: tenants.id,
      name: tenants.name,
      backupStaleAfterHours: tenants.backupStaleAfterHours,
      restoreEvidenceStaleAfterDays: tenants.restoreEvidenceStaleAfterDays,
      projected: tenantEvidence.tenantId,
      projectedRunId: tenantEvidence.latestRelevantRunId,
      health: tenantEvidence.backupSets,
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
    .leftJoin(tenantEvidence, eq(tenantEvidence.tenantId, memberships.tenantId))
    .leftJoin(latest, and(eq(latest.id, tenantEvidence.latestRelevantRunId), eq(latest.tenantId, memberships.tenantId)))
    .leftJoin(operationRuns, and(eq(operationRuns.id, latest.operationRunId), eq(operationRuns.tenantId, latest.tenantId)))
    .where(eq(memberships.userId, sql.placeholder("userId")))
    .orderBy(asc(memberships.userId), asc(memberships.tenantId))
    .prepare("fleet_inputs");
});

export function getFleetInputs(userId: string, db: Executor = getDb()): Promise<FleetTenantInputs[]> {
  return withDatabase(async () => {
    const rows = await fleetStatement(db).execute({ userId });
    const live = new Map<number, FleetTenantInputs>();
    // A tenant without its projection row, or whose projected run is not there, is read live (the
    // dashboard's statement): never shown as "no evidence" because a row is missing. No writer leaves
    // one behind (the projection test proves it), so normally this reads nothing.
    for (const r of rows) {
      const missing = r.projected === null || (r.projectedRunId !== null && r.runId === null);
      if (!missing || !includes(MEMBERSHIP_ROLES, r.role)) continue;
      const inputs = await getRecoveryEvidenceInputs(r.tenantId, { db });
      if (!inputs) continue;
      const latest = inputs.latestRelevant;
      const run = latest && (({ attentionState: _cached, ...columns }) => columns)(latest.run);
      const operationRun = latest?.operationRun && { id: latest.operationRun.id, type: latest.operationRun.type, status: latest.operationRun.status, outcome: latest.operationRun.outcome };
      live.set(r.tenantId, {
        role: r.role,
        tenant: { ...inputs.tenant, name: r.name },
        backupSets: inputs.backupSets,
        latestRelevant: run ? { run, operationRun: operationRun ?? null } : null,
      });
    }
    return rows.flatMap((r) => {
      const role = r.role;
      if (!includes(MEMBERSHIP_ROLES, role)) return [];
      const fromLive = live.get(r.tenantId);
      if (fromLive) return [fromLive];
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
