import "server-only";
import { and, desc, eq, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { AttentionState } from "../../lib/recovery/vocabulary";
import type { ListCursor, ListKey, SortOrder } from "../../lib/search-params/cursor";
import { effectiveRestoreRunSort, type RestoreRunSortKey } from "../../lib/search-params/restore-runs";
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
} from "../schema";
import { knownMembership, memberOf, membershipColumns, type TenantMembership } from "./access";
import { completedOrdering, exactInstant, idOrdering, keysetPage, type KeysetPage } from "./keyset";
import { preparedPerExecutor } from "./prepared";

/** Restore runs: the tenant's list, one run's detail, and the latest relevant run (spec §1, §3, §4). */

export const RESTORE_RUN_PAGE_SIZE = 25;

// ── The list ─────────────────────────────────────────────────────────────────────────────────────────

export interface RestoreRunListQuery {
  tenantId: number;
  /** Filter on the importer's attention cache (restore_runs.attention_state); display always recomputes. */
  state: AttentionState | null;
  sort: RestoreRunSortKey;
  order: SortOrder;
  cursor: ListCursor | null;
  pageSize?: number;
}

export interface RestoreRunListRow {
  run: RestoreRun;
  operationRun: Pick<OperationRun, "id" | "type" | "status" | "outcome"> | null;
  backupSet: { id: number; name: string } | null;
  key: ListKey;
}

/**
 * A page of one tenant's restore runs, keyset-paged:
 * - `id` order: restore_runs_tenant_id_idx (`tenant_id, id desc`), forwards or backwards;
 * - `completed_at` order: restore_runs_tenant_completed_idx (`tenant_id, completed_at desc nulls last, id desc`)
 *   or its exact reverse;
 * - attention filter: restore_runs_tenant_attention_idx (`tenant_id, attention_state, id desc`), id order
 *   only (effectiveRestoreRunSort).
 * Query errors propagate as DatabaseUnavailableError (never an empty, calm page).
 */
export function listRestoreRuns(q: RestoreRunListQuery, db: Executor = getDb()): Promise<KeysetPage<RestoreRunListRow>> {
  const sort = effectiveRestoreRunSort(q);
  // tenant_id leads the ORDER BY, as it leads every list index. The tenant is pinned with a one-value range
  // rather than `=`: PostgreSQL drops a column fixed by `=` from the sort order, after which the primary key
  // also "serves" `order by id` and the planner may walk it, discarding other tenants' rows (260,898 for one
  // deep page at 1M runs in the benchmark). Same rows, and only the tenant's index range can serve it.
  // Likewise the attention filter: (tenant_id, attention_state) lead the order, so its own index serves it.
  const prefix = q.state === null ? [restoreRuns.tenantId] : [restoreRuns.tenantId, restoreRuns.attentionState];
  const segments =
    sort === "completed_at"
      ? completedOrdering(restoreRuns.completedAt, restoreRuns.id, q.order, [restoreRuns.tenantId])
      : idOrdering(restoreRuns.id, q.order, prefix);
  const scope = and(
    sql`${restoreRuns.tenantId} between ${q.tenantId} and ${q.tenantId}`,
    q.state === null ? undefined : sql`${restoreRuns.attentionState} between ${q.state} and ${q.state}`,
  );
  const completedKey = exactInstant(restoreRuns.completedAt);

  const fetch = async (where: SQL | undefined, orderBy: SQL[], limit: number): Promise<RestoreRunListRow[]> => {
    const rows = await db
      .select({
        run: restoreRuns,
        completedKey,
        operationRun: {
          id: operationRuns.id,
          type: operationRuns.type,
          status: operationRuns.status,
          outcome: operationRuns.outcome,
        },
        backupSet: { id: backupSets.id, name: backupSets.name },
      })
      .from(restoreRuns)
      .leftJoin(
        operationRuns,
        and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)),
      )
      .leftJoin(backupSets, and(eq(backupSets.id, restoreRuns.backupSetId), eq(backupSets.tenantId, restoreRuns.tenantId)))
      .where(and(scope, where))
      .orderBy(...orderBy)
      .limit(limit);
    return rows.map((r) => ({
      run: r.run,
      operationRun: r.operationRun,
      backupSet: r.backupSet,
      key: sort === "completed_at" ? { id: r.run.id, completedAt: r.completedKey } : { id: r.run.id },
    }));
  };

  return withDatabase(() =>
    keysetPage({
      segments,
      cursor: q.cursor,
      pageSize: q.pageSize ?? RESTORE_RUN_PAGE_SIZE,
      fetch,
      keyOf: (row) => row.key,
    }),
  );
}

// ── The latest relevant run (§4) ─────────────────────────────────────────────────────────────────────

/** The rows are the resolvers' inputs as they are (RestoreRun is a RestoreRunInput, OperationRun an OperationRunInput). */
export interface LatestRelevantRun {
  run: RestoreRun;
  operationRun: OperationRun | null;
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
    return row ? { run: row.latest, operationRun: row.operation_runs } : null;
  });
}

// ── One run ──────────────────────────────────────────────────────────────────────────────────────────

export interface RestoreRunDetail {
  run: RestoreRun;
  operationRun: OperationRun | null;
  backupSet: BackupSet | null;
  /** The viewer's membership in the run's tenant (the join that makes other tenants' runs invisible). */
  membership: TenantMembership;
}

const restoreRunDetail = preparedPerExecutor((db) =>
  db
    .select({ run: restoreRuns, operationRun: operationRuns, backupSet: backupSets, membership: membershipColumns })
    .from(restoreRuns)
    .innerJoin(memberships, memberOf(restoreRuns.tenantId, sql.placeholder("userId")))
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
    const membership = knownMembership(row?.membership);
    return row && membership ? { ...row, membership } : null;
  });
}
