/**
 * The restore-run list's pages start at the cursor, deep in a large history: each page is a range of the
 * ordering's own index that reads about a page of rows, never a scan of the tenant's history, on
 * whichever database the suite runs against.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttentionState } from "../../lib/recovery/vocabulary";
import type { ListKey, SortOrder } from "../../lib/search-params/cursor";
import type { RestoreRunSortKey as RestoreRunSort } from "../../lib/search-params/restore-runs";
import { closeDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { listRestoreRuns } from "./restore-runs";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(async () => {
  await closeDb();
});

/* ───────────────────────── plans over a large history ───────────────────────── */

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

const planNodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(planNodes)];

describe("listRestoreRuns pages start at the cursor, deep in a large history", () => {
  const BIG_TENANT = 3;
  const RUNS = 40_000; // 10,000 per tenant, interleaved by id
  const statements: { query: string; params: unknown[] }[] = [];
  let logged: Database;

  beforeAll(async () => {
    await db.execute(sql`insert into tenants (id, name, slug) values (3, 'Gamma', 'gamma'), (4, 'Delta', 'delta'), (5, 'Epsilon', 'epsilon'), (6, 'Zeta', 'zeta')`);
    await db.execute(
      sql.raw(
        `insert into restore_runs (id, tenant_id, status, is_dry_run, results, created_at, completed_at, attention_state)
         select 100000 + g, 3 + g % 4, 'completed', false, '{"items":[{"key":"p","status":"applied"}]}'::jsonb,
                timestamptz '2025-01-01' + g * interval '1 minute',
                case when g % 9 = 0 then null else timestamptz '2025-01-01' + (g / 3) * interval '1 minute' end,
                (array['not_executed','failed','partial','completed_with_follow_up','completed'])[1 + g % 5]
         from generate_series(1, ${RUNS}) g`,
      ),
    );
    await db.execute(sql`analyze restore_runs`);
    const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
    const { drizzle: drizzlePostgres } = await import("drizzle-orm/postgres-js");
    const schema = await import("../schema");
    const { databaseKind } = await import("../../test/db");
    const logger = { logQuery: (query: string, params: unknown[]) => void statements.push({ query, params }) };
    const client = (db as unknown as { $client: unknown }).$client;
    logged = (
      databaseKind() === "postgres"
        ? drizzlePostgres(client as never, { schema, logger })
        : drizzlePglite(client as never, { schema, logger })
    ) as unknown as Database;
  }, 300_000);

  async function explainAnalyze(query: string, params: unknown[]): Promise<PlanNode> {
    const { databaseKind } = await import("../../test/db");
    const client = (db as unknown as { $client: unknown }).$client;
    const statement = `explain (analyze, format json) ${query}`;
    const result =
      databaseKind() === "postgres"
        ? await (client as { unsafe: (q: string, p: unknown[]) => Promise<unknown> }).unsafe(statement, params)
        : await (client as { query: (q: string, p: unknown[]) => Promise<unknown> }).query(statement, params);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
    const raw = rows[0]!["QUERY PLAN"];
    return ((typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0]!.Plan;
  }

  /** A real key deep in the tenant's history (the 1,500th row of its scope in this ordering). */
  async function middleKey(sort: RestoreRunSort, order: SortOrder, state: AttentionState | null): Promise<ListKey> {
    const scope = state === null ? sql`` : sql` and attention_state = ${state}`;
    const orderBy =
      sort === "id"
        ? sql.raw(order === "desc" ? "id desc" : "id asc")
        : sql.raw(order === "desc" ? "completed_at desc nulls last, id desc" : "completed_at asc nulls first, id asc");
    const result = await db.execute(
      sql`select id, to_char(completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as c
          from restore_runs where tenant_id = ${BIG_TENANT}${scope} order by ${orderBy} limit 1 offset 1500`,
    );
    const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number; c: string | null }[];
    return sort === "id" ? { id: Number(row!.id) } : { id: Number(row!.id), completedAt: row!.c };
  }

  const CASES: [RestoreRunSort, SortOrder, AttentionState | null][] = [
    ["id", "desc", null],
    ["id", "asc", null],
    ["completed_at", "desc", null],
    ["completed_at", "asc", null],
    ["id", "desc", "partial"],
    ["id", "asc", "failed"],
  ];

  it.each(CASES)("sort %s %s, filter %s: an index scan that starts at the cursor, no sort step", async (sort, order, state) => {
    const key = await middleKey(sort, order, state);
    statements.length = 0;
    await listRestoreRuns({ tenantId: BIG_TENANT, state, sort, order, cursor: { direction: "after", key } }, logged);
    await listRestoreRuns({ tenantId: BIG_TENANT, state, sort, order, cursor: { direction: "before", key } }, logged);
    expect(statements.length).toBeGreaterThan(0);
    for (const { query, params } of statements) {
      const all = planNodes(await explainAnalyze(query, params));
      const scans = all.filter((n) => n["Relation Name"] === "restore_runs");
      expect(scans.length).toBeGreaterThan(0);
      for (const scan of scans) {
        expect(scan["Node Type"]).toMatch(/^Index (Only )?Scan$/);
        // The scope's own index, never the primary key with a tenant filter (which can walk other
        // tenants' rows: 260,898 of them for one deep page at 1M runs in the benchmark).
        const expected =
          sort === "completed_at"
            ? "restore_runs_tenant_completed_idx"
            : state === null
              ? "restore_runs_tenant_id_idx"
              : "restore_runs_tenant_attention_idx";
        expect(scan["Index Name"]).toBe(expected);
        // Rows examined: about one page (25 + a probe row); reaching row 1,500 from the start would read thousands.
        const examined = ((scan["Actual Rows"] ?? 0) + (scan["Rows Removed by Filter"] ?? 0)) * (scan["Actual Loops"] ?? 1);
        expect(examined).toBeLessThan(60);
      }
      expect(all.map((n) => n["Node Type"])).not.toContain("Sort");
    }
  });
});
