import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { TenantAssessmentInputs } from "../../lib/recovery/assessment";
import { getDb, type Executor } from "../client";
import { memberships, operationRuns, tenants, type Tenant } from "../schema";
import { knownMembership, memberOf, type TenantMembership } from "./access";
import { backupHealthSetsSql, compareBackupSetsNewestFirst, parseBackupSetsJson } from "./backup-sets";
import { preparedPerExecutor } from "./prepared";
import { latestRelevantRunSubquery, type LatestRelevantRun } from "./restore-runs";

/** The evidence inputs of one tenant: what `assessTenant` (lib/recovery/assessment.ts) reads. */
export interface RecoveryEvidenceInputs extends TenantAssessmentInputs {
  tenant: Tenant;
  latestRelevant: LatestRelevantRun | null;
  /** The viewer's membership when the read was scoped to one (`forUserId`), else null. */
  membership: TenantMembership | null;
}

export interface EvidenceInputsOptions {
  /** Scope the read to this user's membership: null unless they are a member with a known role. */
  forUserId?: string;
  db?: Executor;
}

/**
 * Everything the dashboard's evidence cards and the evidence API need, as ONE statement whatever the
 * history size: the tenant row, the backup-health representatives (backupHealthSetsSql, aggregated to
 * JSON) and the latest relevant run with its operation run (a LATERAL join of the same subquery as
 * latestRelevantRestoreRunQuery, so the same index serves it). With `forUserId`, the tenant is joined to
 * that user's membership and the result is null unless they are a member with a recognized role — the
 * access check costs no statement of its own. Null also when the tenant does not exist.
 */
export function getRecoveryEvidenceInputs(
  tenantId: number,
  { forUserId, db = getDb() }: EvidenceInputsOptions = {},
): Promise<RecoveryEvidenceInputs | null> {
  return withDatabase(async () => {
    const statement = forUserId === undefined ? unscopedEvidence(db) : scopedEvidence(db);
    const [row] = await statement.execute({ tenantId, userId: forUserId });
    if (!row) return null;
    const { tenants: tenant, memberships: member } = row;
    const membership = knownMembership(
      member && { tenantId: tenant.id, tenantName: member.tenantName, tenantSlug: tenant.slug, role: member.role },
    );
    if (forUserId !== undefined && !membership) return null;
    return {
      tenant,
      membership,
      backupSets: parseBackupSetsJson(row.health.items).sort(compareBackupSetsNewestFirst),
      latestRelevant: row.latest ? { run: row.latest, operationRun: row.operation_runs } : null,
    };
  });
}

/**
 * The statement behind getRecoveryEvidenceInputs, built once per executor and shape and then executed
 * with placeholders: drizzle's query building was most of this read's CPU cost per request.
 */
function buildEvidenceStatement(db: Executor, scoped: boolean) {
  const tenantId = sql.placeholder("tenantId");
  const latest = latestRelevantRunSubquery(tenantId, db);
  const health = db
    .select({ items: sql<unknown>`coalesce(json_agg(s), '[]'::json)`.as("items") })
    .from(sql`(${backupHealthSetsSql(tenantId)}) s`)
    .as("health");
  return db
    .select()
    .from(tenants)
    .leftJoin(memberships, scoped ? memberOf(tenants.id, sql.placeholder("userId")) : sql`false`)
    .innerJoinLateral(health, sql`true`)
    .leftJoinLateral(latest, sql`true`)
    .leftJoin(operationRuns, and(eq(operationRuns.id, latest.operationRunId), eq(operationRuns.tenantId, latest.tenantId)))
    .where(eq(tenants.id, tenantId))
    .limit(1)
    .prepare(scoped ? "recovery_evidence_member" : "recovery_evidence");
}

const scopedEvidence = preparedPerExecutor((db) => buildEvidenceStatement(db, true));
const unscopedEvidence = preparedPerExecutor((db) => buildEvidenceStatement(db, false));
