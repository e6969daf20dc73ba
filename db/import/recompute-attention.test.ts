/**
 * `db:recompute-attention` puts every stored attention_state back to what the one resolver says, rewrites
 * only rows that differ (a second run changes nothing), and leaves the rows themselves alone.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import { closeDb, databaseKind, loadDataset, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import * as schema from "../schema";
import { recomputeAttentionStates } from "./recompute-attention";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(async () => {
  await closeDb();
});

const RUNS = 2_500; // more than one batch

describe(`recomputeAttentionStates (${databaseKind()})`, () => {
  it("restores every run's attention_state from the resolver, and only changed rows are rewritten", async () => {
    const statuses = ["completed", "failed", "partial", "cancelled", "running", "mystery"];
    const dataset = {
      tenants: [{ id: 1, name: "A", slug: "a" }],
      operation_runs: [
        { id: 1, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "succeeded" },
        { id: 2, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "partially_succeeded" },
      ],
      restore_runs: Array.from({ length: RUNS }, (_, i) => ({
        id: i + 1,
        tenant_id: 1,
        status: statuses[i % statuses.length],
        is_dry_run: i % 11 === 0,
        operation_run_id: i % 3 === 0 ? null : (i % 3) as 1 | 2,
        results: i % 5 === 0 ? { items: [{ key: "a", type: "t", status: "applied" }] } : null,
        created_at: "2025-06-01T08:00:00Z",
      })),
    };
    await loadDataset(db, dataset);
    const expected = async () => {
      const rows = await db.select().from(schema.restoreRuns).orderBy(schema.restoreRuns.id);
      const ops = new Map((await db.select().from(schema.operationRuns)).map((o) => [o.id, o]));
      return rows.map((r) => ({
        id: r.id,
        stored: r.attentionState,
        computed: resolveResultAttention(r, r.operationRunId === null ? null : (ops.get(r.operationRunId) ?? null)).state,
      }));
    };
    // The importer stored the right states: nothing to do.
    expect(await recomputeAttentionStates(db)).toStrictEqual({ scanned: RUNS, changed: 0 });

    // Corrupt some states (as a rule change or another writer would leave them).
    await db.execute(sql`update restore_runs set attention_state = 'completed' where id % 7 = 0 and attention_state <> 'completed'`);
    const corrupted = (await expected()).filter((r) => r.stored !== r.computed).length;
    expect(corrupted).toBeGreaterThan(100);

    expect(await recomputeAttentionStates(db)).toStrictEqual({ scanned: RUNS, changed: corrupted });
    for (const r of await expected()) expect(r.stored, `run ${r.id}`).toBe(r.computed);
    expect(await recomputeAttentionStates(db)).toStrictEqual({ scanned: RUNS, changed: 0 });
  });
});
