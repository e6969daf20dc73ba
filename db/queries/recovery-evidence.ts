import "server-only";
import { and, desc, eq, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import type { BackupSetInput, OperationRunInput, RestoreRunInput } from "../../lib/recovery/types";
import { includes, MEMBERSHIP_ROLES } from "../../lib/recovery/vocabulary";
import type { TenantMembership } from "./access";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import { preparedPerExecutor } from "./prepared";
import {
  backupSets,
  memberships,
  operationRuns,
  relevantRestoreRunPredicate,
  restoreRuns,
  tenants,
  type BackupSet,
  type OperationRun,
  type RestoreRun,
  type Tenant,
} from "../schema";

export function toRestoreRunInput(r: RestoreRun): RestoreRunInput {
  return {
    id: r.id,
    tenantId: r.tenantId,
    backupSetId: r.backupSetId,
    operationRunId: r.operationRunId,
    status: r.status,
    isDryRun: r.isDryRun,
    results: r.results,
    metadata: r.metadata,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    archivedAt: r.archivedAt,
  };
}

export function toOperationRunInput(o: OperationRun): OperationRunInput {
  return { id: o.id, type: o.type, status: o.status, outcome: o.outcome };
}

export function toBackupSetInput(b: BackupSet): BackupSetInput {
  return {
    id: b.id,
    name: b.name,
    status: b.status,
    itemCount: b.itemCount,
    failedItemCount: b.failedItemCount,
    startedAt: b.startedAt,
    completedAt: b.completedAt,
  };
}

/**
 * The backup sets the health rules can depend on, bounded by the number of distinct statuses, not by the
 * tenant's history: per (status, completed_at is null), the one set that decides that group in
 * `resolveBackupHealth`:
 * - with a completion time: greatest `completed_at`, ties by greatest id (the "latest" rule of §2, and
 *   the strongest "failed attempt newer than the latest completed set" candidate);
 * - without one: a set with no `started_at` either first (an attempt with no readable time counts as
 *   newer), then greatest `started_at`, ties by greatest id.
 * `created_at` is deliberately not part of the order: the resolver never reads it, so ordering by it
 * would pick a representative the resolver does not consider the newest.
 * Statuses are whatever the data holds (unrecognized ones too), found by a skip scan: each step reads the
 * next greater status from backup_sets_tenant_status_completed_idx, then each group is one LIMIT 1 probe of
 * that index or of backup_sets_tenant_status_attempt_idx — a few index entries per status, however many sets
 * the tenant has accumulated (a daily backup adds ~365 a year). Columns: id, name, status, item_count,
 * failed_item_count, started_at, completed_at.
 */
export function backupHealthSetsSql(tenantId: number | Placeholder | SQL.Aliased | SQLWrapper): SQL {
  const columns = sql.raw(`b.id, b.name, b.status, b.item_count, b.failed_item_count, b.started_at, b.completed_at`);
  return sql`
    with recursive statuses(status) as (
      (select b.status from backup_sets b where b.tenant_id = ${tenantId} order by b.status limit 1)
      union all
      select (select b.status from backup_sets b where b.tenant_id = ${tenantId} and b.status > s.status order by b.status limit 1)
      from statuses s where s.status is not null
    )
    select rep.* from statuses s cross join lateral (
      (select ${columns} from backup_sets b
        where b.tenant_id = ${tenantId} and b.status = s.status and b.completed_at is not null
        order by b.completed_at desc nulls last, b.id desc limit 1)
      union all
      (select ${columns} from backup_sets b
        where b.tenant_id = ${tenantId} and b.status = s.status and b.completed_at is null
        order by b.started_at desc nulls first, b.id desc limit 1)
    ) rep
    where s.status is not null`;
}

/** Newest attempt first: a set with no completion or start time first, then greatest `completedAt ?? startedAt`, then greatest id. */
export function compareBackupSetsNewestFirst(a: BackupSetInput, b: BackupSetInput): number {
  const time = (s: BackupSetInput) => (s.completedAt ?? s.startedAt ?? null)?.getTime() ?? Number.POSITIVE_INFINITY;
  return time(b) - time(a) || b.id - a.id;
}

export interface LatestRelevantRun {
  run: RestoreRunInput;
  operationRun: OperationRunInput | null;
}

/**
 * Spec §4: the tenant's latest relevant restore run, as a subquery over `restore_runs` alone, so the shared
 * `relevantRestoreRunPredicate` (unqualified column names, the same text as the partial index's WHERE)
 * cannot collide with `operation_runs.status`; its ORDER BY matches restore_runs_latest_relevant_idx, so
 * the plan is an index scan that stops at the first row (asserted by db/queries/explain.test.ts).
 */
export function latestRelevantRunSubquery(tenantId: number | Placeholder | SQLWrapper, db: Executor) {
  return db
    .select()
    .from(restoreRuns)
    .where(and(eq(restoreRuns.tenantId, tenantId), relevantRestoreRunPredicate))
    .orderBy(sql`coalesce(${restoreRuns.completedAt}, ${restoreRuns.createdAt}) desc`, desc(restoreRuns.id))
    .limit(1)
    .as("latest");
}

/** The latest relevant run and its operation run, as one statement. Exported so explain.test.ts explains this exact query. */
export function latestRelevantRestoreRunQuery(tenantId: number | Placeholder, db: Executor = getDb()) {
  const latest = latestRelevantRunSubquery(tenantId, db);
  return db
    .select()
    .from(latest)
    .leftJoin(
      operationRuns,
      and(eq(operationRuns.id, latest.operationRunId), eq(operationRuns.tenantId, latest.tenantId)),
    );
}

const latestRelevant = preparedPerExecutor((db) =>
  latestRelevantRestoreRunQuery(sql.placeholder("tenantId"), db).prepare("latest_relevant_restore_run"),
);

export function getLatestRelevantRestoreRun(tenantId: number, db: Executor = getDb()): Promise<LatestRelevantRun | null> {
  return withDatabase(async () => {
    const [row] = await latestRelevant(db).execute({ tenantId });
    if (!row) return null;
    return {
      run: toRestoreRunInput(row.latest),
      operationRun: row.operation_runs ? toOperationRunInput(row.operation_runs) : null,
    };
  });
}

export interface RecoveryEvidenceInputs {
  tenant: Tenant;
  backupSets: BackupSetInput[];
  latestRelevant: LatestRelevantRun | null;
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
  db: Executor = getDb(),
  forUserId?: string,
): Promise<(RecoveryEvidenceInputs & { membership: TenantMembership | null }) | null> {
  return withDatabase(async () => {
    const [row] = await (forUserId === undefined ? unscopedEvidence(db) : scopedEvidence(db)).execute({ tenantId, userId: forUserId });
    if (!row) return null;
    const { tenants: tenant, memberships: member } = row;
    const membership =
      member !== null && includes(MEMBERSHIP_ROLES, member.role)
        ? { tenantId: tenant.id, tenantName: tenant.name, tenantSlug: tenant.slug, role: member.role }
        : null;
    if (forUserId && !membership) return null;
    return {
      tenant,
      membership,
      backupSets: parseBackupSetsJson(row.health.items).sort(compareBackupSetsNewestFirst),
      latestRelevant: row.latest
        ? { run: toRestoreRunInput(row.latest), operationRun: row.operation_runs ? toOperationRunInput(row.operation_runs) : null }
        : null,
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
    .leftJoin(
      memberships,
      scoped ? and(eq(memberships.tenantId, tenants.id), eq(memberships.userId, sql.placeholder("userId"))) : sql`false`,
    )
    .innerJoinLateral(health, sql`true`)
    .leftJoinLateral(latest, sql`true`)
    .leftJoin(operationRuns, and(eq(operationRuns.id, latest.operationRunId), eq(operationRuns.tenantId, latest.tenantId)))
    .where(eq(tenants.id, tenantId))
    .limit(1)
    .prepare(scoped ? "recovery_evidence_member" : "recovery_evidence");
}

const scopedEvidence = preparedPerExecutor((db) => buildEvidenceStatement(db, true));
const unscopedEvidence = preparedPerExecutor((db) => buildEvidenceStatement(db, false));

/** The JSON rows of backupHealthSetsSql (column names as keys, timestamps as ISO text) as BackupSetInput. */
export function parseBackupSetsJson(value: unknown): BackupSetInput[] {
  const rows = (typeof value === "string" ? JSON.parse(value) : value) as Array<Record<string, unknown>>;
  const time = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    status: String(r.status),
    itemCount: Number(r.item_count),
    failedItemCount: Number(r.failed_item_count),
    startedAt: time(r.started_at),
    completedAt: time(r.completed_at),
  }));
}

export interface RestoreRunDetail {
  run: RestoreRun;
  operationRun: OperationRun | null;
  backupSet: BackupSet | null;
  /** The viewer's membership in the run's tenant (the join that makes other tenants' runs invisible). */
  membership: TenantMembership;
}

const restoreRunDetail = preparedPerExecutor((db) =>
  db
    .select({
      run: restoreRuns,
      operationRun: operationRuns,
      backupSet: backupSets,
      membership: { tenantId: tenants.id, tenantName: tenants.name, tenantSlug: tenants.slug, role: memberships.role },
    })
    .from(restoreRuns)
    .innerJoin(memberships, and(eq(memberships.tenantId, restoreRuns.tenantId), eq(memberships.userId, sql.placeholder("userId"))))
    .innerJoin(tenants, eq(tenants.id, restoreRuns.tenantId))
    .leftJoin(
      operationRuns,
      and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)),
    )
    .leftJoin(backupSets, and(eq(backupSets.id, restoreRuns.backupSetId), eq(backupSets.tenantId, restoreRuns.tenantId)))
    .where(eq(restoreRuns.id, sql.placeholder("runId")))
    .limit(1)
    .prepare("restore_run_detail"),
);

/** One run, only if the user is a member of its tenant; otherwise null (→ 404). One indexed query. */
export function getRestoreRunDetail(runId: number, userId: string, db: Executor = getDb()): Promise<RestoreRunDetail | null> {
  return withDatabase(async () => {
    const [row] = await restoreRunDetail(db).execute({ runId, userId });
    if (!row || !includes(MEMBERSHIP_ROLES, row.membership.role)) return null;
    return { ...row, membership: { ...row.membership, role: row.membership.role } };
  });
}
