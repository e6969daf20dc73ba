/**
 * The history strip's read is bounded by its 90-day window, not by the tenant's history: two years of
 * restore runs (40,000 for the tenant, every status, dry runs, null completions) and of backup sets
 * (17,520, hourly, five statuses), ANALYZE, then EXPLAIN ANALYZE the exact statement the dashboard issues.
 * Every scan is an index range of the strip's indexes, and the index entries it reads are the window's
 * rows — a small share of the tenant's. The groups equal a brute-force count of the same rows.
 * Runs on PostgreSQL when DATABASE_URL is set and on the embedded PGlite otherwise.
 */
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyStripWindow } from "../../lib/recovery/history-strip";
import { RESTORE_KNOWN_STATUSES } from "../../lib/recovery/vocabulary";
import { closeDb, databaseKind, getDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { rowsOf } from "../client";
import { countQueries } from "../query-counter";
import { getHistoryStripGroups } from "./history-strip";

const TENANT = 2;
const RUNS = 80_000; // over 2 tenants: 40,000 each
const HOURS = 2 * 365 * 24;
const NOW = new Date("2026-12-01T12:00:00Z");
const START = "2024-12-01T12:00:00Z";
const INDEXES = ["backup_sets_tenant_placed_idx", "restore_runs_latest_relevant_idx", "restore_runs_not_executed_placed_idx"];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

let db: Database;
const window = historyStripWindow(NOW);

beforeAll(async () => {
  db = await resetTestDb();
  const statuses = `array[${[...RESTORE_KNOWN_STATUSES, "imported-odd"].map((s) => `'${s}'`).join(", ")}]`;
  const states = `array['completed','failed','partial','completed_with_follow_up']`;
  await db.execute(sql.raw(`insert into tenants (id, name, slug) values (1, 'One', 'one'), (2, 'Two', 'two')`));
  // Two years of runs, one every ~26 minutes across both tenants; every 5th without a completion time.
  await db.execute(
    sql.raw(
      `insert into restore_runs (id, tenant_id, status, is_dry_run, attention_state, created_at, completed_at)
       select g, 1 + g % 2, (${statuses})[1 + g % 11], g % 7 = 0, (${states})[1 + g % 4],
              timestamptz '${START}' + g * interval '${(HOURS * 60) / RUNS} minutes',
              case when g % 5 = 0 then null else timestamptz '${START}' + g * interval '${(HOURS * 60) / RUNS} minutes' + interval '20 minutes' end
       from generate_series(1, ${RUNS}) g`,
    ),
  );
  await db.execute(
    sql.raw(
      `insert into backup_sets (id, tenant_id, name, status, failed_item_count, started_at, completed_at)
       select g, ${TENANT}, 'hourly ' || g, (array['completed','completed_with_errors','failed','running','imported-odd'])[1 + g % 5], g % 3,
              case when g % 11 = 0 then null else timestamptz '${START}' + g * interval '1 hour' end,
              case when g % 7 = 0 then null else timestamptz '${START}' + g * interval '1 hour' + interval '5 minutes' end
       from generate_series(1, ${HOURS}) g`,
    ),
  );
  await db.execute(sql.raw(`analyze tenants, restore_runs, backup_sets`));
}, 300_000);

afterAll(async () => {
  await closeDb();
});

async function explainAnalyze(text: string, params: unknown[]): Promise<PlanNode> {
  const statement = `explain (analyze, format json) ${text}`;
  const client = (getDb() as unknown as { $client: unknown }).$client;
  const result =
    databaseKind() === "postgres"
      ? await (client as Sql).unsafe(statement, params as never[])
      : await (client as PGlite).query(statement, params);
  const [row] = rowsOf<Record<string, unknown>>(result);
  const raw = row?.["QUERY PLAN"];
  return ((typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0]!.Plan;
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

async function count(query: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql.raw(query)));
  return Number(row!.n);
}

describe(`history strip read over two years of history (${databaseKind()})`, () => {
  it("is one statement, every scan an index range of the strip's indexes, reading only the window's rows", async () => {
    const { statements, parameters } = await countQueries(() => getHistoryStripGroups(TENANT, window, { includeRestores: true, db }));
    expect(statements).toHaveLength(1);
    const plan = await explainAnalyze(statements[0]!, parameters[0]!);
    const all = nodes(plan);
    const scans = all.filter((n) => n["Relation Name"] === "restore_runs" || n["Relation Name"] === "backup_sets");
    expect(scans.length).toBeGreaterThan(0);
    for (const n of all) expect(n["Node Type"], JSON.stringify(n)).not.toBe("Seq Scan");
    const indexNodes = all.filter((n) => n["Index Name"] !== undefined);
    expect(new Set(indexNodes.map((n) => n["Index Name"]))).toEqual(new Set(INDEXES));

    const from = window.from.toISOString();
    const to = window.to.toISOString();
    const inWindowRuns = await count(
      `select count(*) as n from restore_runs where tenant_id = ${TENANT} and coalesce(completed_at, created_at) >= '${from}' and coalesce(completed_at, created_at) < '${to}'`,
    );
    const inWindowSets = await count(
      `select count(*) as n from backup_sets where tenant_id = ${TENANT} and coalesce(completed_at, started_at) >= '${from}' and coalesce(completed_at, started_at) < '${to}'`,
    );
    const tenantRuns = await count(`select count(*) as n from restore_runs where tenant_id = ${TENANT}`);
    expect(inWindowRuns).toBeGreaterThan(1000);
    expect(inWindowRuns * 6).toBeLessThan(tenantRuns);
    const read = (names: string[]) =>
      indexNodes
        .filter((n) => names.includes(n["Index Name"]!))
        .reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1), 0);
    expect(read(["restore_runs_latest_relevant_idx", "restore_runs_not_executed_placed_idx"])).toBe(inWindowRuns);
    expect(read(["backup_sets_tenant_placed_idx"])).toBe(inWindowSets);
  });

  it("without restore history (a viewer) reads backup sets only", async () => {
    const { statements, result } = await countQueries(() => getHistoryStripGroups(TENANT, window, { includeRestores: false, db }));
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/restore_runs/);
    expect(result!.every((g) => g.row === "backups")).toBe(true);
  });

  it("returns what a brute-force count of the same rows returns", async () => {
    const groups = await getHistoryStripGroups(TENANT, window, { includeRestores: true, db });
    const brute = rowsOf<{ row: string; day: string; key: string; n: number | string }>(
      await db.execute(sql`
        select case when is_dry_run or status in ('draft','scoped','checked','previewed','queued','running') then 'not_evidence' else 'restores' end as row,
               to_char(coalesce(completed_at, created_at) at time zone 'UTC', 'YYYY-MM-DD') as day,
               case when is_dry_run or status in ('draft','scoped','checked','previewed','queued','running') then status else attention_state end as key,
               count(*) as n
        from restore_runs where tenant_id = ${TENANT}
        group by 1, 2, 3`),
    ).filter((r) => r.day >= window.days[0]! && r.day <= window.days[window.days.length - 1]!);
    const sum = (rows: { row: string; day: string; key: string; n: number | string }[]) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(`${r.row}|${r.day}|${r.key}`, (m.get(`${r.row}|${r.day}|${r.key}`) ?? 0) + Number(r.n));
      return m;
    };
    const restoreGroups = groups.filter((g) => g.row !== "backups").map((g) => ({ row: g.row, day: g.day, key: g.key, n: g.count }));
    expect(sum(restoreGroups)).toEqual(sum(brute));
    expect(new Set(groups.map((g) => g.day)).size).toBe(90);
  });
});
