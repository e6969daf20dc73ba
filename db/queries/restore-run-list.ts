import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { AttentionState } from "../../lib/recovery/vocabulary";
import { getDb, type Executor } from "../client";
import { backupSets, operationRuns, restoreRuns, type RestoreRun } from "../schema";
import {
  completedOrdering,
  exactInstant,
  idOrdering,
  keysetPage,
  type KeysetPage,
  type ListCursor,
  type ListKey,
  type SortOrder,
} from "./keyset";

export const RESTORE_RUN_PAGE_SIZE = 25;
export const RESTORE_RUN_SORTS = ["id", "completed_at"] as const;
export type RestoreRunSort = (typeof RESTORE_RUN_SORTS)[number];

export interface RestoreRunListQuery {
  tenantId: number;
  /** Filter on the importer's attention cache (restore_runs.attention_state); display always recomputes. */
  state: AttentionState | null;
  sort: RestoreRunSort;
  order: SortOrder;
  cursor: ListCursor | null;
  pageSize?: number;
}

export interface RestoreRunListRow {
  run: RestoreRun;
  operationRun: { id: number; type: string; status: string; outcome: string } | null;
  backupSet: { id: number; name: string } | null;
  key: ListKey;
}

/**
 * Which ordering a query really uses. With an attention filter the list is ordered by id only
 * (restore_runs_tenant_attention_idx is `tenant_id, attention_state, id desc`); there is no index for
 * attention + completed_at, and a filtered completed-at sort would scan the tenant's history.
 */
export function effectiveRestoreRunSort(q: Pick<RestoreRunListQuery, "state" | "sort">): RestoreRunSort {
  return q.state === null ? q.sort : "id";
}

/**
 * A page of one tenant's restore runs, keyset-paged:
 * - `id` order: restore_runs_tenant_id_idx (`tenant_id, id desc`), forwards or backwards;
 * - `completed_at` order: restore_runs_tenant_completed_idx (`tenant_id, completed_at desc nulls last, id desc`)
 *   or its exact reverse;
 * - attention filter: restore_runs_tenant_attention_idx (`tenant_id, attention_state, id desc`).
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

/** The list's total is counted up to this many runs; beyond it the page says "10,000+". */
export const COUNT_RESTORE_RUNS_LIMIT = 10_000;

/**
 * How many runs the list holds (with the attention filter, how many match), bounded: a LIMIT inside the
 * count stops after COUNT_RESTORE_RUNS_LIMIT + 1 index entries of restore_runs_tenant_id_idx (or, filtered,
 * restore_runs_tenant_attention_idx), so a tenant with a million runs costs the same as one with 10,001.
 */
export function countRestoreRuns(
  q: Pick<RestoreRunListQuery, "tenantId" | "state"> & { limit?: number },
  db: Executor = getDb(),
): Promise<{ count: number; capped: boolean }> {
  const limit = q.limit ?? COUNT_RESTORE_RUNS_LIMIT;
  return withDatabase(async () => {
    // Pinned and ordered like the list's own index (see listRestoreRuns), so the planner walks that index
    // range and stops at the limit instead of filtering a sequential scan for a large tenant.
    const bounded = db
      .select({ one: sql`1`.as("one") })
      .from(restoreRuns)
      .where(
        and(
          sql`${restoreRuns.tenantId} between ${q.tenantId} and ${q.tenantId}`,
          q.state === null ? undefined : sql`${restoreRuns.attentionState} between ${q.state} and ${q.state}`,
        ),
      )
      .orderBy(
        ...(q.state === null
          ? [restoreRuns.tenantId, desc(restoreRuns.id)]
          : [restoreRuns.tenantId, restoreRuns.attentionState, desc(restoreRuns.id)]),
      )
      .limit(limit + 1)
      .as("bounded");
    const [row] = await db.select({ n: count() }).from(bounded);
    const n = Number(row?.n ?? 0);
    return { count: Math.min(n, limit), capped: n > limit };
  });
}
