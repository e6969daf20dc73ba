/**
 * The evidence reads are index lookups, not scans of the tenant's history: the latest relevant run (spec §1, §4)
 * and the backup-health representatives (20,000 backup sets for one tenant).
 * 100,000 restore runs, ANALYZE, then EXPLAIN the exact statements the app issues (the latest-run query and
 * the one-statement evidence read, captured through countQueries).
 * Runs on PostgreSQL when DATABASE_URL is set (CI) and on the embedded PGlite (also PostgreSQL) otherwise.
 */
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESTORE_KNOWN_STATUSES } from "../../lib/recovery/vocabulary";
import { closeDb, databaseKind, getDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { rowsOf } from "../client";
import { countQueries } from "../query-counter";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";
import { getLatestRelevantRestoreRun, latestRelevantRestoreRunQuery } from "./restore-runs";

const RUNS = 100_000;
const TENANTS = 4;
const INDEX = "restore_runs_latest_relevant_idx";
const BACKUP_SETS = 20_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

let db: Database;

beforeAll(async () => {
  db = await resetTestDb();
  const statuses = `array[${[...RESTORE_KNOWN_STATUSES, "imported-odd"].map((s) => `'${s}'`).join(", ")}]`;
  await db.execute(sql.raw(`insert into tenants (id, name, slug) select t, 'Tenant ' || t, 'tenant-' || t from generate_series(1, ${TENANTS}) t`));
  await db.execute(
    sql.raw(
      `insert into operation_runs (id, tenant_id, type, status, outcome)
       select o, 1 + o % ${TENANTS}, 'restore.execute', 'completed', (array['succeeded','failed','blocked'])[1 + o % 3]
       from generate_series(1, 1000) o`,
    ),
  );
  // Tenants 1-3: a realistic mix (dry runs, every status, null completions, archived runs).
  // Tenant 4 (g % 4 = 3): 25,000 runs and not one relevant (all dry runs) — the lookup must still not scan.
  await db.execute(
    sql.raw(
      `insert into restore_runs (id, tenant_id, operation_run_id, status, is_dry_run, results, metadata, created_at, completed_at, archived_at)
       select g,
              1 + g % ${TENANTS},
              case when g % 3 = 0 then ${TENANTS} + (g % 249) * ${TENANTS} + g % ${TENANTS} end,
              (${statuses})[1 + g % 11],
              g % ${TENANTS} = 3 or g % 7 = 0,
              '{"items":[{"key":"policy:1","status":"applied"}]}'::jsonb,
              null,
              timestamptz '2025-01-01' + g * interval '1 minute',
              case when g % 5 = 0 then null else timestamptz '2025-01-01' + g * interval '1 minute' + interval '30 seconds' end,
              case when g % 13 = 0 then timestamptz '2025-06-01' end
       from generate_series(1, ${RUNS}) g`,
    ),
  );
  // Tenant 2 has years of daily backups: 20,000 sets over five statuses (one unrecognized), some never
  // completed, some never started. Backup health must read a handful of them, not all.
  await db.execute(
    sql.raw(
      `insert into backup_sets (id, tenant_id, name, status, item_count, failed_item_count, started_at, completed_at)
       select g, 2, 'daily ' || g, (array['completed','partial','failed','running','imported-odd'])[1 + g % 5], 10, g % 3,
              case when g % 11 = 0 then null else timestamptz '2020-01-01' + g * interval '1 hour' end,
              case when g % 7 = 0 then null else timestamptz '2020-01-01' + g * interval '1 hour' + interval '5 minutes' end
       from generate_series(1, ${BACKUP_SETS}) g`,
    ),
  );
  await db.execute(sql.raw(`select setval(pg_get_serial_sequence('"restore_runs"', 'id'), ${RUNS} + 1, false)`));
  await db.execute(sql.raw(`analyze tenants, operation_runs, restore_runs, backup_sets`));
}, 300_000);

afterAll(async () => {
  await closeDb();
});

/** EXPLAIN of a drizzle builder's own `.toSQL()` text with its bound parameters, through the raw driver. */
async function explain(builder: { toSQL(): { sql: string; params: unknown[] } }, analyze: boolean): Promise<PlanNode> {
  const { sql: text, params } = builder.toSQL();
  const statement = `explain (${analyze ? "analyze, " : ""}format json) ${text}`;
  const client = (getDb() as unknown as { $client: unknown }).$client;
  const result =
    databaseKind() === "postgres"
      ? await (client as Sql).unsafe(statement, params as never[])
      : await (client as PGlite).query(statement, params);
  const [row] = rowsOf<Record<string, unknown>>(result);
  const raw = row?.["QUERY PLAN"];
  const doc = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return doc[0]!.Plan;
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe(`latest relevant restore run lookup over ${RUNS.toLocaleString("en")} restore runs (${databaseKind()})`, () => {
  it("the data is there: the tenant's history is large and mostly irrelevant or older", async () => {
    const [counts] = rowsOf<{ total: number | string; tenant2: number | string }>(
      await db.execute(sql`select count(*) as total, count(*) filter (where tenant_id = 2) as tenant2 from restore_runs`),
    );
    expect(Number(counts!.total)).toBe(RUNS);
    expect(Number(counts!.tenant2)).toBe(RUNS / TENANTS);
  });

  for (const tenantId of [2, 4]) {
    it(`tenant ${tenantId}: the plan reads ${INDEX}, never a Seq Scan of restore_runs, and needs no sort`, async () => {
      const plan = await explain(latestRelevantRestoreRunQuery(tenantId, db), false);
      const all = nodes(plan);
      const onRestoreRuns = all.filter((n) => n["Relation Name"] === "restore_runs");
      expect(onRestoreRuns.length).toBeGreaterThan(0);
      for (const node of onRestoreRuns) {
        expect(node["Node Type"]).not.toBe("Seq Scan");
        expect(["Index Scan", "Index Only Scan"]).toContain(node["Node Type"]);
        expect(node["Index Name"]).toBe(INDEX);
      }
      expect(all.some((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "restore_runs")).toBe(false);
      // The index order is the query's order: nothing is sorted, the Limit stops the scan.
      expect(all.map((n) => n["Node Type"])).not.toContain("Sort");
      expect(all.map((n) => n["Node Type"])).toContain("Limit");
    });

    it(`tenant ${tenantId}: executed, the index scan reads at most one row of the tenant's ${(RUNS / TENANTS).toLocaleString("en")}`, async () => {
      const plan = await explain(latestRelevantRestoreRunQuery(tenantId, db), true);
      const scans = nodes(plan).filter((n) => n["Relation Name"] === "restore_runs");
      expect(scans).toHaveLength(1);
      expect(scans[0]!["Index Name"]).toBe(INDEX);
      expect(scans[0]!["Actual Loops"]).toBe(1);
      expect(scans[0]!["Actual Rows"]).toBeLessThanOrEqual(1);
    });
  }

  it("the one-statement evidence read (what the dashboard and the API run) reads the same index, at most one row", async () => {
    for (const tenantId of [2, 4]) {
      const { statements, parameters } = await countQueries(() => getRecoveryEvidenceInputs(tenantId, { db }));
      expect(statements).toHaveLength(1);
      const plan = await explain({ toSQL: () => ({ sql: statements[0]!, params: parameters[0]! }) }, true);
      const scans = nodes(plan).filter((n) => n["Relation Name"] === "restore_runs");
      expect(scans, `tenant ${tenantId}`).toHaveLength(1);
      expect(scans[0]!["Index Name"]).toBe(INDEX);
      expect(scans[0]!["Actual Loops"]).toBe(1);
      expect(scans[0]!["Actual Rows"]).toBeLessThanOrEqual(1);
    }
  });

  it(`backup health reads a few index entries per status, not the tenant's ${BACKUP_SETS.toLocaleString("en")} backup sets`, async () => {
    const { statements, parameters, result } = await countQueries(() => getRecoveryEvidenceInputs(2, { db }));
    const plan = await explain({ toSQL: () => ({ sql: statements[0]!, params: parameters[0]! }) }, true);
    const scans = nodes(plan).filter((n) => n["Relation Name"] === "backup_sets");
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(["Index Scan", "Index Only Scan"], JSON.stringify(scan)).toContain(scan["Node Type"]);
      expect(["backup_sets_tenant_status_completed_idx", "backup_sets_tenant_status_attempt_idx"]).toContain(scan["Index Name"]);
    }
    const rowsRead = scans.reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1), 0);
    expect(rowsRead).toBeLessThanOrEqual(30);
    // Five statuses, each with completed sets and sets without a completion time: ten representatives.
    expect(result!.backupSets).toHaveLength(10);
  });

  it("the lookup returns what a brute-force read of the same tenant returns", async () => {
    // Brute force without the partial index's help: every row of tenant 2, ordered in the client.
    const rows = rowsOf<{ id: number; status: string; is_dry_run: boolean; t: number | string }>(
      await db.execute(
        sql`select id, status, is_dry_run, (extract(epoch from coalesce(completed_at, created_at)) * 1000)::float8 as t from restore_runs where tenant_id = 2`,
      ),
    );
    const nonExecuted = new Set(["draft", "scoped", "checked", "previewed", "queued", "running"]);
    const expected = rows
      .filter((r) => !r.is_dry_run && !nonExecuted.has(r.status))
      .map((r) => ({ id: Number(r.id), t: Number(r.t) }))
      .sort((a, b) => b.t - a.t || b.id - a.id)[0];
    const latest = await getLatestRelevantRestoreRun(2, db);
    expect(latest?.run.id).toBe(expected?.id);
    expect(latest?.run.tenantId).toBe(2);
    expect(await getLatestRelevantRestoreRun(4, db)).toBeNull();
  });
});
