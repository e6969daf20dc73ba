import { and, asc, eq, gt, sql } from "drizzle-orm";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import type { Database } from "../client";
import { operationRuns, restoreRuns } from "../schema";

const BATCH = 2_000;

export interface RecomputeSummary {
  /** Restore runs read. */
  scanned: number;
  /** Runs whose stored attention_state differed from the resolver's and was rewritten. */
  changed: number;
}

/**
 * Recomputes the stored `restore_runs.attention_state` (decision 0003) of every run with the one pure
 * resolver, in ONE transaction: after a change to the §3 rules, or for rows written by other means. Reads
 * in id order, a batch at a time (keyset on the primary key), and rewrites only the rows that differ, so
 * a second run changes nothing. A failure rolls everything back.
 */
export async function recomputeAttentionStates(db: Database): Promise<RecomputeSummary> {
  return db.transaction(async (tx) => {
    let scanned = 0;
    let changed = 0;
    let after = 0;
    for (;;) {
      const rows = await tx
        .select({
          id: restoreRuns.id,
          status: restoreRuns.status,
          isDryRun: restoreRuns.isDryRun,
          results: restoreRuns.results,
          metadata: restoreRuns.metadata,
          stored: restoreRuns.attentionState,
          outcome: operationRuns.outcome,
        })
        .from(restoreRuns)
        .leftJoin(
          operationRuns,
          and(eq(operationRuns.id, restoreRuns.operationRunId), eq(operationRuns.tenantId, restoreRuns.tenantId)),
        )
        .where(gt(restoreRuns.id, after))
        .orderBy(asc(restoreRuns.id))
        .limit(BATCH);
      if (rows.length === 0) break;
      scanned += rows.length;
      after = rows[rows.length - 1]!.id;
      const stale = rows.flatMap((r) => {
        const state = resolveResultAttention(r, r.outcome === null ? null : { outcome: r.outcome }).state;
        return state === r.stored ? [] : [{ id: r.id, state }];
      });
      if (stale.length === 0) continue;
      const values = sql.join(
        stale.map((s) => sql`(${s.id}::integer, ${s.state}::text)`),
        sql`, `,
      );
      await tx.execute(
        sql`update restore_runs set attention_state = v.state from (values ${values}) as v(id, state) where restore_runs.id = v.id`,
      );
      changed += stale.length;
    }
    return { scanned, changed };
  });
}
