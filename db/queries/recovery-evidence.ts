import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { BackupSetInput, OperationRunInput, RestoreRunInput } from "../../lib/recovery/types";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import {
  backupSets,
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
 * The backup sets the health rules can depend on: per status, the newest set with a completion time
 * and the newest without one. Bounded by the number of statuses, not by the tenant's history.
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
        sql`coalesce(${backupSets.completedAt}, ${backupSets.startedAt}, ${backupSets.createdAt}) desc`,
        desc(backupSets.id),
      );
    return rows.map(toBackupSetInput);
  });
}

export interface LatestRelevantRun {
  run: RestoreRunInput;
  operationRun: OperationRunInput | null;
}

/** Spec §4: the latest relevant restore run, one index lookup (restore_runs_latest_relevant_idx). */
export function getLatestRelevantRestoreRun(tenantId: number, db: Executor = getDb()): Promise<LatestRelevantRun | null> {
  return withDatabase(async () => {
    const [row] = await db
      .select({ run: restoreRuns, operationRun: operationRuns })
      .from(restoreRuns)
      .leftJoin(
        operationRuns,
        and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)),
      )
      .where(and(eq(restoreRuns.tenantId, tenantId), relevantRestoreRunPredicate))
      .orderBy(sql`coalesce(${restoreRuns.completedAt}, ${restoreRuns.createdAt}) desc`, desc(restoreRuns.id))
      .limit(1);
    if (!row) return null;
    return {
      run: toRestoreRunInput(row.run),
      operationRun: row.operationRun ? toOperationRunInput(row.operationRun) : null,
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
}

/** One run, only if it belongs to one of `tenantIds` (the viewer's tenants); otherwise null (→ 404). */
export function getRestoreRunDetail(runId: number, tenantIds: number[], db: Executor = getDb()): Promise<RestoreRunDetail | null> {
  if (tenantIds.length === 0) return Promise.resolve(null);
  return withDatabase(async () => {
    const [row] = await db
      .select({ run: restoreRuns, operationRun: operationRuns, backupSet: backupSets })
      .from(restoreRuns)
      .leftJoin(
        operationRuns,
        and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)),
      )
      .leftJoin(backupSets, and(eq(backupSets.id, restoreRuns.backupSetId), eq(backupSets.tenantId, restoreRuns.tenantId)))
      .where(and(eq(restoreRuns.id, runId), inArray(restoreRuns.tenantId, tenantIds)))
      .limit(1);
    return row ?? null;
  });
}
