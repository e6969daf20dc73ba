import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import { inFlightRestoreRunPredicate, restoreRuns } from "../schema";
import { preparedPerExecutor } from "./prepared";

export interface InFlightRestoreRun {
  id: number;
  status: "queued" | "running";
  createdAt: Date;
}

const latestInFlight = preparedPerExecutor((db) =>
  db
    .select({ id: restoreRuns.id, status: restoreRuns.status, createdAt: restoreRuns.createdAt })
    .from(restoreRuns)
    .where(and(eq(restoreRuns.tenantId, sql.placeholder("tenantId")), inFlightRestoreRunPredicate))
    .orderBy(desc(restoreRuns.createdAt), desc(restoreRuns.id))
    .limit(1)
    .prepare("latest_in_flight_restore_run"),
);

/**
 * The tenant's newest queued or running restore run (not a dry run), or null: shown on the dashboard as
 * context, never as evidence. One probe of restore_runs_in_flight_idx, whose rows are only in-flight runs.
 */
export function getLatestInFlightRestoreRun(tenantId: number, db: Executor = getDb()): Promise<InFlightRestoreRun | null> {
  return withDatabase(async () => {
    const [row] = await latestInFlight(db).execute({ tenantId });
    if (!row || (row.status !== "queued" && row.status !== "running")) return null;
    return { id: row.id, status: row.status, createdAt: row.createdAt };
  });
}
