import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { BackupSetInput, OperationRunInput, RestoreRunInput } from "../../lib/recovery/types";
import { includes, MEMBERSHIP_ROLES } from "../../lib/recovery/vocabulary";
import type { TenantMembership } from "./access";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
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

export function getTenant(tenantId: number, db: Executor = getDb()): Promise<Tenant | null> {
  return withDatabase(async () => {
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
    return row ?? null;
  });
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
 * The result is newest first (`compareBackupSetsNewestFirst`), so that when several failed attempts are
 * newer than the latest completed set, the one the resolver names is the newest of them.
 */
export function getBackupHealthSets(tenantId: number, db: Executor = getDb()): Promise<BackupSetInput[]> {
  return withDatabase(async () => {
    const rows = await db
      .selectDistinctOn([backupSets.status, sql`(${backupSets.completedAt} is null)`])
      .from(backupSets)
      .where(eq(backupSets.tenantId, tenantId))
      .orderBy(
        backupSets.status,
        sql`(${backupSets.completedAt} is null)`,
        sql`coalesce(${backupSets.completedAt}, ${backupSets.startedAt}) desc nulls first`,
        desc(backupSets.id),
      );
    return rows.map(toBackupSetInput).sort(compareBackupSetsNewestFirst);
  });
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
 * Spec §4: the latest relevant restore run and its operation run, as one statement. The run is chosen in
 * a subquery over `restore_runs` alone, so the shared `relevantRestoreRunPredicate` (unqualified column
 * names, the same text as the partial index's WHERE) cannot collide with `operation_runs.status`; its
 * ORDER BY matches restore_runs_latest_relevant_idx, so the plan is an index scan that stops at the first
 * row (asserted by db/queries/explain.test.ts). Exported so that test explains this exact query.
 */
export function latestRelevantRestoreRunQuery(tenantId: number, db: Executor = getDb()) {
  const latest = db
    .select()
    .from(restoreRuns)
    .where(and(eq(restoreRuns.tenantId, tenantId), relevantRestoreRunPredicate))
    .orderBy(sql`coalesce(${restoreRuns.completedAt}, ${restoreRuns.createdAt}) desc`, desc(restoreRuns.id))
    .limit(1)
    .as("latest");
  return db
    .select()
    .from(latest)
    .leftJoin(
      operationRuns,
      and(eq(operationRuns.id, latest.operationRunId), eq(operationRuns.tenantId, latest.tenantId)),
    );
}

export function getLatestRelevantRestoreRun(tenantId: number, db: Executor = getDb()): Promise<LatestRelevantRun | null> {
  return withDatabase(async () => {
    const [row] = await latestRelevantRestoreRunQuery(tenantId, db);
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

/** Everything the dashboard's two evidence cards need: three queries, whatever the history size. */
export async function getRecoveryEvidenceInputs(tenantId: number, db: Executor = getDb()): Promise<RecoveryEvidenceInputs | null> {
  const tenant = await getTenant(tenantId, db);
  if (!tenant) return null;
  const [sets, latestRelevant] = await Promise.all([
    getBackupHealthSets(tenantId, db),
    getLatestRelevantRestoreRun(tenantId, db),
  ]);
  return { tenant, backupSets: sets, latestRelevant };
}

export interface RestoreRunDetail {
  run: RestoreRun;
  operationRun: OperationRun | null;
  backupSet: BackupSet | null;
  /** The viewer's membership in the run's tenant (the join that makes other tenants' runs invisible). */
  membership: TenantMembership;
}

/** One run, only if the user is a member of its tenant; otherwise null (→ 404). One indexed query. */
export function getRestoreRunDetail(runId: number, userId: string, db: Executor = getDb()): Promise<RestoreRunDetail | null> {
  return withDatabase(async () => {
    const [row] = await db
      .select({
        run: restoreRuns,
        operationRun: operationRuns,
        backupSet: backupSets,
        membership: { tenantId: tenants.id, tenantName: tenants.name, tenantSlug: tenants.slug, role: memberships.role },
      })
      .from(restoreRuns)
      .innerJoin(memberships, and(eq(memberships.tenantId, restoreRuns.tenantId), eq(memberships.userId, userId)))
      .innerJoin(tenants, eq(tenants.id, restoreRuns.tenantId))
      .leftJoin(
        operationRuns,
        and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)),
      )
      .leftJoin(backupSets, and(eq(backupSets.id, restoreRuns.backupSetId), eq(backupSets.tenantId, restoreRuns.tenantId)))
      .where(eq(restoreRuns.id, runId))
      .limit(1);
    if (!row || !includes(MEMBERSHIP_ROLES, row.membership.role)) return null;
    return { ...row, membership: { ...row.membership, role: row.membership.role } };
  });
}
