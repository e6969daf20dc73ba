import "server-only";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import { operationRuns, restoreRuns, type OperationRun, type RestoreRun } from "../schema";
import { preparedPerExecutor } from "./prepared";

export const EXPORT_BATCH_SIZE = 1000;

export interface RestoreRunExportRow {
  run: RestoreRun;
  operationRun: OperationRun | null;
}

/**
 * One keyset batch of a tenant's restore runs, newest id first, strictly below `beforeId` (archived runs
 * included: evidence cannot be archived away). The tenant is pinned with a one-value range so only
 * restore_runs_tenant_id_idx serves the order (see listRestoreRuns); each batch is one index range scan,
 * however deep into the history it is. The export holds one batch at a time.
 */
const batch = preparedPerExecutor((db) =>
  db
    .select({ run: restoreRuns, operationRun: operationRuns })
    .from(restoreRuns)
    .leftJoin(operationRuns, and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)))
    .where(
      and(
        sql`${restoreRuns.tenantId} between ${sql.placeholder("tenantId")} and ${sql.placeholder("tenantId")}`,
        lte(restoreRuns.id, sql.placeholder("atMostId")),
      ),
    )
    .orderBy(asc(restoreRuns.tenantId), desc(restoreRuns.id))
    .limit(sql.placeholder("limit"))
    .prepare("restore_run_export_batch"),
);

export function restoreRunExportBatch(
  tenantId: number,
  beforeId: number | null,
  limit = EXPORT_BATCH_SIZE,
  db: Executor = getDb(),
): Promise<RestoreRunExportRow[]> {
  // int4 ids: "below the largest id" is "at most max - 1"; the first batch starts at the largest int4.
  return withDatabase(() => batch(db).execute({ tenantId, atMostId: beforeId === null ? 2_147_483_647 : beforeId - 1, limit }));
}
