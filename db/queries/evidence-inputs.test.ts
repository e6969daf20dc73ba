/**
 * The SQL path (getRecoveryEvidenceInputs: a fixed handful of rows) agrees with the pure path
 * (lib/recovery over the tenant's whole history), on generated histories, on whichever database the
 * suite runs against. Plus: the number of statements does not grow with the history.
 */
import type { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import fc from "fast-check";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_SET_STATUSES, RESTORE_KNOWN_STATUSES } from "../../lib/recovery/vocabulary";
import { resolveBackupHealth } from "../../lib/recovery/backup-health";
import { resolveRecoveryEvidence, resolveRecoveryEvidenceFromHistory } from "../../lib/recovery/evidence-summary";
import { closeDb, databaseKind, getDb, loadDataset as loadTestDataset, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import * as schema from "../schema";
import { compareBackupSetsNewestFirst } from "./backup-sets";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";
import { getLatestRelevantRestoreRun } from "./restore-runs";
import { arbHistory, HOUR, NOW, TENANT_IDS } from "./generated-histories";


let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(async () => {
  await closeDb();
});

/* ───────────────────────── the two paths ───────────────────────── */

const loadDataset = (raw: unknown) => loadTestDataset(db, raw);

/** The pure path's inputs: every row of the tenant, read back from the same database. */
async function wholeHistory(tenantId: number) {
  const [runs, ops, sets] = await Promise.all([
    db.select().from(schema.restoreRuns).where(eq(schema.restoreRuns.tenantId, tenantId)),
    db.select().from(schema.operationRuns).where(eq(schema.operationRuns.tenantId, tenantId)),
    db.select().from(schema.backupSets).where(eq(schema.backupSets.tenantId, tenantId)),
  ]);
  return {
    // The rows are the resolvers' inputs as they are.
    runs,
    operationRuns: ops,
    // resolveBackupHealth names the *first* qualifying failed attempt in input order (reported to the
    // lib/recovery owner); both paths hand it sets newest first, so the named set is the newest attempt.
    backupSets: sets.sort(compareBackupSetsNewestFirst),
  };
}

async function expectPathsAgree(tenantId: number): Promise<void> {
  const inputs = await getRecoveryEvidenceInputs(tenantId, { db });
  expect(inputs).not.toBeNull();
  const { tenant, backupSets, latestRelevant } = inputs!;
  const all = await wholeHistory(tenantId);

  const healthSql = resolveBackupHealth({ tenantId, backupSets, staleAfterHours: tenant.backupStaleAfterHours, now: NOW });
  const healthPure = resolveBackupHealth({ tenantId, backupSets: all.backupSets, staleAfterHours: tenant.backupStaleAfterHours, now: NOW });
  for (const field of Object.keys(healthPure) as (keyof typeof healthPure)[]) {
    expect({ tenantId, field, value: healthSql[field] }).toStrictEqual({ tenantId, field, value: healthPure[field] });
  }
  expect(Object.keys(healthSql).sort()).toStrictEqual(Object.keys(healthPure).sort());

  for (const canViewRestoreHistory of [true, false]) {
    const evidenceSql = resolveRecoveryEvidence({ tenantId, backupPosture: healthSql.posture, latestRelevant, canViewRestoreHistory, now: NOW, staleAfterDays: tenant.restoreEvidenceStaleAfterDays });
    const evidencePure = resolveRecoveryEvidenceFromHistory({
      tenantId,
      backupPosture: healthPure.posture,
      runs: all.runs,
      operationRuns: all.operationRuns,
      canViewRestoreHistory,
      now: NOW,
      staleAfterDays: tenant.restoreEvidenceStaleAfterDays,
    });
    for (const field of Object.keys(evidencePure) as (keyof typeof evidencePure)[]) {
      expect({ tenantId, field, value: evidenceSql[field] }).toStrictEqual({ tenantId, field, value: evidencePure[field] });
    }
    expect(Object.keys(evidenceSql).sort()).toStrictEqual(Object.keys(evidencePure).sort());
  }
}

/* ───────────────────────── tests ───────────────────────── */

describe(`getRecoveryEvidenceInputs agrees with the pure path over the whole history (${databaseKind()})`, () => {
  it("on generated histories: dry runs, every status, null and equal times, archived runs, every outcome, junk JSON", async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory, async (history) => {
        await loadDataset(history);
        for (const tenantId of TENANT_IDS) await expectPathsAgree(tenantId);
      }),
      { numRuns: 150 },
    );
    // 150 imports and reads against a real database: ~40 s on an idle 2-core machine, more when it is shared.
  }, 240_000);

  it("a failed backup attempt with no readable time outranks a dated one (the resolver ignores created_at)", async () => {
    // Regression: ordering the failed group by coalesce(completed_at, started_at, created_at) chose set 2,
    // which is older than the latest completed set, and the SQL path said "healthy" where the pure path
    // (set 3 has no time, so it counts as newer) says "latest_backup_attempt_failed".
    await loadDataset({
      tenants: [{ id: 1, name: "T", slug: "t", backup_stale_after_hours: 24 }],
      backup_sets: [
        { id: 1, tenant_id: 1, name: "ok", status: "completed", completed_at: "2025-06-01T10:00:00Z", started_at: null },
        { id: 2, tenant_id: 1, name: "older attempt", status: "failed", started_at: "2025-06-01T09:00:00Z", created_at: "2025-06-01T09:00:00Z" },
        { id: 3, tenant_id: 1, name: "undated attempt", status: "failed", started_at: null, created_at: "2025-05-01T00:00:00Z" },
      ],
    });
    const sets = (await getRecoveryEvidenceInputs(1, { db }))!.backupSets;
    const health = resolveBackupHealth({ tenantId: 1, backupSets: sets, staleAfterHours: 24, now: NOW });
    expect(health.posture).toBe("degraded");
    expect(health.primaryReason).toBe("latest_backup_attempt_failed");
    await expectPathsAgree(1);
  });

  it("the latest relevant run comes with its own operation run and never another tenant's", async () => {
    await loadDataset({
      tenants: [
        { id: 1, name: "A", slug: "a" },
        { id: 2, name: "B", slug: "b" },
      ],
      operation_runs: [
        { id: 10, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "partially_succeeded" },
        { id: 20, tenant_id: 2, type: "restore.execute", status: "completed", outcome: "succeeded" },
      ],
      restore_runs: [
        // Tenant 2's run is newer than anything of tenant 1; a missing tenant filter would pick it.
        { id: 1, tenant_id: 1, status: "completed", is_dry_run: false, operation_run_id: 10, created_at: "2025-06-01T08:00:00Z", completed_at: "2025-06-01T09:00:00Z" },
        { id: 2, tenant_id: 1, status: "completed", is_dry_run: true, created_at: "2025-06-01T10:00:00Z", completed_at: "2025-06-01T10:30:00Z" },
        { id: 3, tenant_id: 1, status: "running", is_dry_run: false, created_at: "2025-06-01T11:00:00Z" },
        { id: 4, tenant_id: 2, status: "completed", is_dry_run: false, operation_run_id: 20, created_at: "2025-06-01T11:00:00Z", completed_at: "2025-06-01T11:30:00Z" },
      ],
    });
    const latest = await getLatestRelevantRestoreRun(1, db);
    expect(latest?.run.id).toBe(1);
    expect(latest?.run.tenantId).toBe(1);
    expect(latest?.run.completedAt?.toISOString()).toBe("2025-06-01T09:00:00.000Z");
    expect(latest?.operationRun).toMatchObject({ id: 10, tenantId: 1, type: "restore.execute", status: "completed", outcome: "partially_succeeded" });
    expect((await getLatestRelevantRestoreRun(2, db))?.operationRun?.id).toBe(20);
    expect(await getRecoveryEvidenceInputs(3, { db })).toBeNull();
  });

  it("ties on coalesce(completed_at, created_at) go to the greater id; a newer created_at loses to a newer completion", async () => {
    const T = "2025-06-01T09:00:00.000Z";
    await loadDataset({
      tenants: [{ id: 1, name: "A", slug: "a" }],
      restore_runs: [
        { id: 7, tenant_id: 1, status: "completed", is_dry_run: false, created_at: "2025-06-01T08:00:00Z", completed_at: T },
        // Same relevance time through created_at (no completion), greater id: the latest.
        { id: 9, tenant_id: 1, status: "failed", is_dry_run: false, created_at: T, completed_at: null },
        { id: 8, tenant_id: 1, status: "completed", is_dry_run: false, created_at: "2025-06-01T07:00:00Z", completed_at: T },
        // Created later than T, but completed earlier: its relevance time is its completion.
        { id: 10, tenant_id: 1, status: "partial", is_dry_run: false, created_at: "2025-06-01T08:30:00Z", completed_at: "2025-06-01T08:45:00Z" },
      ],
    });
    expect((await getLatestRelevantRestoreRun(1, db))?.run.id).toBe(9);
    await expectPathsAgree(1);
  });
});

/* ───────────────────────── statement count ───────────────────────── */

/** A second drizzle handle over the same connection that counts every statement it sends. */
function countingDb(): { db: Database; statements: string[] } {
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const client = (getDb() as unknown as { $client: unknown }).$client;
  const counted =
    databaseKind() === "postgres"
      ? drizzlePostgres(client as Sql, { schema, logger })
      : drizzlePglite(client as PGlite, { schema, logger });
  return { db: counted as unknown as Database, statements };
}

function runsFor(tenantId: number, firstId: number, count: number) {
  const statuses = [...RESTORE_KNOWN_STATUSES, "odd"];
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    tenant_id: tenantId,
    status: statuses[i % statuses.length]!,
    is_dry_run: i % 5 === 0,
    results: { items: [{ key: `policy:${i}`, status: i % 3 === 0 ? "failed" : "applied" }] },
    metadata: null,
    created_at: new Date(NOW.getTime() - (count - i) * 60_000).toISOString(),
    completed_at: i % 4 === 0 ? null : new Date(NOW.getTime() - (count - i) * 60_000 + 30_000).toISOString(),
    archived_at: i % 9 === 0 ? NOW.toISOString() : null,
    operation_run_id: i % 3 !== 2 ? (tenantId === 1 ? 1 : 2) : null,
  }));
}

describe(`getRecoveryEvidenceInputs issues a fixed number of statements (${databaseKind()})`, () => {
  it("the same count for a tenant with 10 restore runs and one with 2,000", async () => {
    await loadDataset({
      tenants: [
        { id: 1, name: "Small", slug: "small" },
        { id: 2, name: "Large", slug: "large" },
      ],
      backup_sets: [
        ...Array.from({ length: 5 }, (_, i) => ({ id: i + 1, tenant_id: 1, name: `s${i}`, status: "completed", completed_at: NOW.toISOString() })),
        ...Array.from({ length: 500 }, (_, i) => ({
          id: i + 6,
          tenant_id: 2,
          name: `s${i}`,
          status: BACKUP_SET_STATUSES[i % BACKUP_SET_STATUSES.length]!,
          completed_at: i % 3 === 0 ? null : new Date(NOW.getTime() - i * HOUR).toISOString(),
        })),
      ],
      operation_runs: [
        { id: 1, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "succeeded" },
        { id: 2, tenant_id: 2, type: "restore.execute", status: "completed", outcome: "blocked" },
      ],
      restore_runs: [...runsFor(1, 1, 10), ...runsFor(2, 11, 2_000)],
    });

    const small = countingDb();
    const smallInputs = await getRecoveryEvidenceInputs(1, { db: small.db });
    const large = countingDb();
    const largeInputs = await getRecoveryEvidenceInputs(2, { db: large.db });

    // One statement: tenant, backup-set representatives (JSON), latest relevant run joined to its operation run.
    expect(small.statements).toHaveLength(1);
    expect(large.statements).toHaveLength(small.statements.length);
    expect(large.statements).toStrictEqual(small.statements); // the same statements, only the bound tenant differs
    // The inputs are bounded too: no history is loaded, only representatives.
    expect(largeInputs!.backupSets.length).toBeLessThanOrEqual(2 * BACKUP_SET_STATUSES.length);
    expect(largeInputs!.latestRelevant?.run.tenantId).toBe(2);
    expect(largeInputs!.latestRelevant?.operationRun?.outcome).toBe("blocked");
    expect(smallInputs!.latestRelevant?.run.tenantId).toBe(1);
    await expectPathsAgree(1);
    await expectPathsAgree(2);
  });
});
