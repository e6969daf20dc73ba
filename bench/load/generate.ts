/**
 * `npm run db:generate-load`: writes a generated history (bench/load/history.ts) and the two bench operators
 * into the configured database with COPY in one transaction, checks every reference, then resets
 * sequences and vacuums/analyzes. Timings are measured here and reported honestly (wall clock,
 * generation included).
 */
import { hashPassword } from "better-auth/crypto";
import { sql } from "drizzle-orm";
import { emptyDatasetTables, resetSequence } from "../../db/import/importer";
import { rowsOf, type Database } from "../../db/client";
import { LineBuffer, openCopySink, copyTime, copyValue } from "./copy-sink";
import { planHistory, type RestoreRunRow } from "./history";

export interface BenchUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** The benchmark's MSP-wide operator: owner of every generated tenant. */
export const BENCH_USER: BenchUser = {
  id: "00000000-0000-4000-8000-00000000be4c",
  email: "bench@example.com",
  name: "Bench Operator",
  password: "bench-password-not-secret",
};

/**
 * The benchmark's everyday operator: owner of a fixed-size sample of tenants (`benchSampleTenantIds`), so
 * the per-request cost of their memberships is the same at every dataset size and only the history grows.
 */
export const BENCH_SAMPLE_USER: BenchUser = {
  id: "00000000-0000-4000-8000-0000000053e1",
  email: "bench-sample@example.com",
  name: "Bench Sample Operator",
  password: "bench-password-not-secret",
};

/** 40 tenants spread evenly over the id range, plus the 10 with the longest histories (for deep pages). */
export function benchSampleTenantIds(runCounts: Int32Array): number[] {
  const n = runCounts.length;
  const ids = new Set<number>();
  const spread = Math.min(40, n);
  for (let i = 0; i < spread; i++) ids.add(1 + Math.floor(((i + 0.5) * n) / spread));
  const bySize = [...runCounts.keys()].sort((a, b) => runCounts[b]! - runCounts[a]! || a - b);
  for (const index of bySize.slice(0, 10)) ids.add(index + 1);
  return [...ids].sort((a, b) => a - b);
}

export interface GenerateLoadOptions {
  tenants: number;
  runsPerTenant: number;
  seed: number;
  now: Date;
  distribution?: "skewed" | "uniform";
  /** Empty the dataset tables first. Without it the database must hold no tenants. */
  replace?: boolean;
  /**
   * Skip per-row foreign-key triggers during the load (session_replication_role = replica, superuser
   * only). Rows are consistent by construction and `verify` checks every reference afterwards.
   */
  skipForeignKeyTriggers?: boolean;
  /** VACUUM (ANALYZE) the loaded tables so the planner and the visibility map see them (default true). */
  vacuum?: boolean;
  onProgress?: (p: LoadProgress) => void;
}

export interface LoadProgress {
  phase: "setup" | "runs" | "finish";
  restoreRunsDone: number;
  restoreRunsTotal: number;
  elapsedMs: number;
}

export interface LoadReport {
  tenants: number;
  backupSets: number;
  operationRuns: number;
  restoreRuns: number;
  memberships: number;
  archivedRuns: number;
  attention: Record<string, number>;
  now: string;
  seed: number;
  ms: {
    /** Everything, from the first statement to the last. */
    total: number;
    /** Tenants + backup sets + bench user. */
    setup: number;
    /** Generating and writing operation runs and restore runs (the history), wall clock. */
    history: number;
    /** Time spent inside restore_runs COPY statements only (overlaps generation of the next chunk). */
    restoreRunCopy: number;
    /** Rebuilding the secondary indexes dropped for the load. */
    indexes: number;
    /** Writing the fleet projection (tenant_evidence) of every tenant. */
    projection: number;
    verify: number;
    vacuumAnalyze: number;
  };
  /** Restore runs per second over the history phase (generation + COPY of runs and their operation runs). */
  restoreRunsPerSecond: number;
  /** Restore runs per second over everything (setup, history, sequences, verification, vacuum). */
  restoreRunsPerSecondOverall: number;
  /** Rows of every table per second over everything. */
  rowsPerSecondOverall: number;
}

const TENANT_COLUMNS = ["id", "name", "slug", "backup_stale_after_hours", "created_at"] as const;
const BACKUP_SET_COLUMNS = ["id", "tenant_id", "name", "status", "item_count", "failed_item_count", "started_at", "completed_at", "created_at"] as const;
const OPERATION_RUN_COLUMNS = ["id", "tenant_id", "type", "status", "outcome", "started_at", "completed_at"] as const;
const RESTORE_RUN_COLUMNS = [
  "id", "tenant_id", "backup_set_id", "operation_run_id", "status", "is_dry_run", "results", "metadata",
  "created_at", "completed_at", "archived_at", "attention_state",
] as const;

/** Lines grouped into pieces of about 1,000 rows, so the stream gets backpressure and the server starts early. */
function* pieces<T>(rows: readonly T[], line: (row: T) => string, per = 1000): Generator<string> {
  for (let i = 0; i < rows.length; i += per) {
    let out = "";
    const end = Math.min(rows.length, i + per);
    for (let j = i; j < end; j++) out += line(rows[j]!);
    yield out;
  }
}

/**
 * Status, attention state and the JSON texts come from history.ts's fixed vocabularies and hand-written
 * JSON (no backslashes, tabs or newlines; history.test.ts checks it), so they skip COPY escaping.
 */
const restoreRunLine = (r: RestoreRunRow) =>
  `${r.id}\t${r.tenantId}\t${r.backupSetId ?? "\\N"}\t${r.operationRunId ?? "\\N"}\t${r.status}\t${r.isDryRun ? "t" : "f"}\t${
    r.results ?? "\\N"
  }\t${r.metadata ?? "\\N"}\t${copyTime(r.createdAt)}\t${copyTime(r.completedAt)}\t${copyTime(r.archivedAt)}\t${r.attentionState}\n`;

const DATASET_TABLES = ["tenants", "backup_sets", "operation_runs", "restore_runs"] as const;

/** Non-unique secondary indexes of the loaded tables: dropped for the load and rebuilt from their own definitions. */
const REBUILT_INDEX_TABLES = ["backup_sets", "operation_runs", "restore_runs", "memberships"] as const;
/** The history tables, truncated inside the load transaction and copied WITH (FREEZE). */
const FROZEN_TABLES = ["restore_runs", "operation_runs", "backup_sets"] as const;
const FREEZE = { freeze: true } as const;

export async function generateLoad(db: Database, opts: GenerateLoadOptions): Promise<LoadReport> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const progress = (phase: LoadProgress["phase"], done: number, total: number) =>
    opts.onProgress?.({ phase, restoreRunsDone: done, restoreRunsTotal: total, elapsedMs: elapsed() });

  // Hash before anything is written: it is slow by design.
  // Both bench users share a password, so one hash serves both.
  const passwordHash = await hashPassword(BENCH_USER.password);

  if (opts.replace) {
    await db.transaction(async (tx) => emptyDatasetTables(tx));
  } else {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tenants`));
    if ((row?.n ?? 0) > 0) throw new Error("The database already holds tenants. Use --replace to empty it first (this deletes all data).");
  }

  const history = planHistory(opts);
  const total = history.totalRuns;
  const attention: Record<string, number> = {};
  let operationRuns = 0;
  let archivedRuns = 0;
  let memberships = 0;
  const ms = { total: 0, setup: 0, history: 0, restoreRunCopy: 0, indexes: 0, projection: 0, verify: 0, vacuumAnalyze: 0 };

  // One transaction on one connection: the load is all or nothing, and the secondary indexes it drops
  // come back even if it fails half way (DDL is transactional in PostgreSQL).
  const sink = await openCopySink(db);
  try {
    await sink.execute("begin");
    await sink.execute("set local synchronous_commit = off");
    await sink.execute("set local maintenance_work_mem = '512MB'");
    if (opts.skipForeignKeyTriggers) await sink.execute("set local session_replication_role = replica");
    const indexes = await sink.execute<{ name: string; definition: string }>(`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i
      where i.indrelid in (${REBUILT_INDEX_TABLES.map((t) => `'"${t}"'::regclass`).join(", ")})
        and not i.indisunique and not i.indisprimary`);
    for (const index of indexes) await sink.execute(`drop index ${index.name}`);
    // The history tables are empty here (nothing references tenants that do not exist yet, or --replace
    // emptied them); truncating them in this transaction is what lets their COPYs run WITH (FREEZE).
    await sink.execute(`truncate ${FROZEN_TABLES.map((t) => `"${t}"`).join(", ")}`);

    /* Setup: tenants, backup sets, the bench operator. */
    progress("setup", 0, total);
    const setupStart = performance.now();
    await sink.copy("tenants", TENANT_COLUMNS, pieces(history.tenants, (t) =>
      `${t.id}\t${copyValue(t.name)}\t${copyValue(t.slug)}\t${t.backupStaleAfterHours}\t${copyTime(t.createdAt)}\n`));
    await sink.copy("backup_sets", BACKUP_SET_COLUMNS, pieces(history.backupSets, (b) =>
      `${b.id}\t${b.tenantId}\t${copyValue(b.name)}\t${b.status}\t${b.itemCount}\t${b.failedItemCount}\t${copyTime(b.startedAt)}\t${copyTime(b.completedAt)}\t${copyTime(b.createdAt)}\n`), FREEZE);
    const sample = benchSampleTenantIds(history.runCounts);
    const users = [BENCH_USER, BENCH_SAMPLE_USER];
    await sink.copy("users", ["id", "name", "email", "email_verified"], users.map((u) =>
      `${u.id}\t${copyValue(u.name)}\t${copyValue(u.email)}\tt\n`));
    await sink.copy("accounts", ["id", "account_id", "provider_id", "user_id", "password"], users.map((u) =>
      `${u.id}\t${u.id}\tcredential\t${u.id}\t${copyValue(passwordHash)}\n`));
    const tenantName = new Map(history.tenants.map((t) => [t.id, t.name]));
    await sink.copy("memberships", ["user_id", "tenant_id", "role", "tenant_name"], [
      ...pieces(history.tenants, (t) => `${BENCH_USER.id}\t${t.id}\towner\t${copyValue(t.name)}\n`, 5000),
      sample.map((id) => `${BENCH_SAMPLE_USER.id}\t${id}\towner\t${copyValue(tenantName.get(id)!)}\n`).join(""),
    ]);
    memberships = history.tenants.length + sample.length;
    ms.setup = performance.now() - setupStart;

    /* History: one time window at a time. Window k+1 is generated (yielding between batches) while the
       server ingests window k; operation runs go in before the restore runs that reference them. */
    const historyStart = performance.now();
    let done = 0;
    let pending: Promise<void> | null = null;
    const opLines = new LineBuffer();
    const runLines = new LineBuffer();
    for (let k = 0; k < history.windows; k++) {
      const opPieces: Buffer[] = [];
      const runPieces: Buffer[] = [];
      const runCounts: number[] = [];
      for (const batch of history.window(k, 1000)) {
        for (const o of batch.operationRuns) {
          opLines.add(`${o.id}\t${o.tenantId}\t${o.type}\t${o.status}\t${o.outcome}\t${copyTime(o.startedAt)}\t${copyTime(o.completedAt)}\n`);
        }
        for (const r of batch.restoreRuns) {
          runLines.add(restoreRunLine(r));
          attention[r.attentionState] = (attention[r.attentionState] ?? 0) + 1;
          if (r.archivedAt !== null) archivedRuns++;
        }
        operationRuns += batch.operationRuns.length;
        opPieces.push(opLines.take());
        runPieces.push(runLines.take());
        runCounts.push(batch.restoreRuns.length);
        // Let the socket take the previous window's pieces while this one is generated.
        await new Promise((r) => setImmediate(r));
      }
      if (pending) await pending;
      pending = (async () => {
        await sink.copy("operation_runs", OPERATION_RUN_COLUMNS, opPieces, FREEZE);
        const copyStart = performance.now();
        await sink.copy("restore_runs", RESTORE_RUN_COLUMNS, (function* () {
          for (let i = 0; i < runPieces.length; i++) {
            yield runPieces[i]!;
            done += runCounts[i]!;
            if (i % 10 === 9) progress("runs", done, total);
          }
        })(), FREEZE);
        ms.restoreRunCopy += performance.now() - copyStart;
        progress("runs", done, total);
      })();
    }
    if (pending) await pending;
    ms.history = performance.now() - historyStart;

    /* Indexes back, references checked, then commit. */
    progress("finish", done, total);
    const indexStart = performance.now();
    for (const index of indexes) await sink.execute(index.definition);
    ms.indexes = performance.now() - indexStart;
    // The fleet projection of every tenant, in this transaction, by the one projection writer's statement.
    // (Imported here: the bench tools import this module for BENCH_USER without the server-only modules.)
    const projectionStart = performance.now();
    const { refreshAllTenantEvidenceSql } = await import("../../db/write/tenant-evidence");
    const { writeFleetSchedules } = await import("../../db/write/fleet-schedule");
    await sink.execute(refreshAllTenantEvidenceSql(db, { onlyMissing: false }));
    await writeFleetSchedules((statement) => sink.execute(statement), { all: true });
    ms.projection = performance.now() - projectionStart;
    if (opts.skipForeignKeyTriggers) await sink.execute("set local session_replication_role = origin");

    const verifyStart = performance.now();
    const [check] = await sink.execute<{ bad: string | number }>(`
      select
        (select count(*) from restore_runs r where not exists (select 1 from tenants t where t.id = r.tenant_id))
      + (select count(*) from restore_runs r where r.operation_run_id is not null
           and not exists (select 1 from operation_runs o where o.id = r.operation_run_id and o.tenant_id = r.tenant_id))
      + (select count(*) from restore_runs r where r.backup_set_id is not null
           and not exists (select 1 from backup_sets b where b.id = r.backup_set_id and b.tenant_id = r.tenant_id))
      + (select count(*) from operation_runs o where not exists (select 1 from tenants t where t.id = o.tenant_id))
      + (select count(*) from backup_sets b where not exists (select 1 from tenants t where t.id = b.tenant_id))
      + (select count(*) from memberships m where not exists (select 1 from tenants t where t.id = m.tenant_id and t.name = m.tenant_name))
      as bad`);
    ms.verify = performance.now() - verifyStart;
    if (Number(check?.bad ?? 0) !== 0) throw new Error(`reference check failed: ${check?.bad} rows point at a missing or other-tenant row`);
    await sink.execute("commit");
  } catch (e) {
    await sink.execute("rollback").catch(() => {});
    throw e;
  } finally {
    await sink.release();
  }

  // Outside the transaction: sequences past the explicit ids, then planner statistics and the visibility map.
  for (const table of DATASET_TABLES) await resetSequence(db, table);
  const vacuumStart = performance.now();
  if (opts.vacuum !== false) {
    const vacuumSink = await openCopySink(db);
    try {
      for (const table of [...DATASET_TABLES, "tenant_evidence", "memberships", "users", "accounts"]) await vacuumSink.execute(`vacuum (analyze) "${table}"`);
    } finally {
      await vacuumSink.release();
    }
  }
  ms.vacuumAnalyze = performance.now() - vacuumStart;

  ms.total = elapsed();
  const rows = history.tenants.length + history.backupSets.length + operationRuns + total + memberships + 4;
  return {
    tenants: history.tenants.length,
    backupSets: history.backupSets.length,
    operationRuns,
    restoreRuns: total,
    memberships,
    archivedRuns,
    attention,
    now: opts.now.toISOString(),
    seed: opts.seed,
    ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])) as LoadReport["ms"],
    restoreRunsPerSecond: Math.round(total / (ms.history / 1000)),
    restoreRunsPerSecondOverall: Math.round(total / (ms.total / 1000)),
    rowsPerSecondOverall: Math.round(rows / (ms.total / 1000)),
  };
}
