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
import {
  BACKUP_SET_STATUSES,
  OPERATION_RUN_OUTCOMES,
  OPERATION_RUN_STATUSES,
  RESTORE_KNOWN_STATUSES,
  RESULT_ENTRY_STATUSES,
} from "../../lib/recovery/vocabulary";
import { resolveBackupHealth } from "../../lib/recovery/backup-health";
import { resolveRecoveryEvidence, resolveRecoveryEvidenceFromHistory } from "../../lib/recovery/evidence-summary";
import { closeDb, databaseKind, getDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { importDataset, parseDataset } from "../import/importer";
import * as schema from "../schema";
import {
  compareBackupSetsNewestFirst,
  getLatestRelevantRestoreRun,
  getRecoveryEvidenceInputs,
  toBackupSetInput,
  toOperationRunInput,
  toRestoreRunInput,
} from "./recovery-evidence";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const HOUR = 3_600_000;
const TENANT_IDS = [1, 2] as const;

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(async () => {
  await closeDb();
});

/* ───────────────────────── generated histories ───────────────────────── */

/**
 * Few distinct times, so equal timestamps (and equal coalesce() values) are common, around the stale
 * thresholds (0, 1, 6, 24, 48 hours) and sometimes a millisecond apart or slightly in the future.
 */
const arbTime = fc
  .record({ hours: fc.constantFrom(-1, 0, 1, 2, 6, 23, 24, 25, 48, 49), ms: fc.constantFrom(0, 0, 0, 1) })
  .map(({ hours, ms }) => new Date(NOW.getTime() - hours * HOUR + ms).toISOString());

const JUNK_STATUSES = ["", "Completed", "COMPLETED", "completed ", "succeeded", "archived", "unknown", "<b>x</b>"];

/** Any JSON PostgreSQL's jsonb accepts (it rejects the NUL character). */
const arbJson = fc.jsonValue({ maxDepth: 2 }).filter((v) => !JSON.stringify(v).includes("\\u0000"));

const arbEntry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      key: fc.constantFrom("policy:1", "policy:2", "scopeTag:4", "a:9"),
      type: fc.constantFrom("deviceConfiguration", "scopeTag"),
      status: fc.constantFrom(...RESULT_ENTRY_STATUSES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ status: fc.constantFrom("done", "", "APPLIED") }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: arbJson },
);

const arbResults = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        items: fc.array(arbEntry, { maxLength: 3 }),
        foundations: fc.array(arbEntry, { maxLength: 2 }),
        assignments: fc.array(arbEntry, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], "completed", 42, { items: "all applied" }, { items: null }) },
  { weight: 1, arbitrary: arbJson },
);

const arbMetadata = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        scope_basis: fc.constantFrom("full", "selected", "other"),
        non_applied: fc.oneof(
          fc.constant([]),
          fc.array(fc.record({ key: fc.constantFrom("policy:1", "a:9"), reason: fc.constantFrom("excluded", "") }), {
            maxLength: 2,
          }),
          arbJson,
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: arbJson },
);

const arbTenantId = fc.constantFrom(...TENANT_IDS);

const arbBackupSet = fc.record({
  tenant_id: arbTenantId,
  status: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("completed", "completed_with_errors") },
    { weight: 3, arbitrary: fc.constant("failed") },
    { weight: 1, arbitrary: fc.constantFrom(...BACKUP_SET_STATUSES) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_STATUSES) },
  ),
  item_count: fc.integer({ min: 0, max: 5 }),
  failed_item_count: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 })),
  started_at: fc.option(arbTime, { nil: null, freq: 2 }),
  completed_at: fc.option(arbTime, { nil: null, freq: 2 }),
  created_at: arbTime,
});

const arbOperationRun = fc.record({
  tenant_id: arbTenantId,
  status: fc.oneof(fc.constantFrom(...OPERATION_RUN_STATUSES), fc.constantFrom(...JUNK_STATUSES)),
  outcome: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...OPERATION_RUN_OUTCOMES) }, fc.constantFrom(...JUNK_STATUSES)),
});

const arbRestoreRun = fc.record({
  tenant_id: arbTenantId,
  status: fc.oneof(
    { weight: 3, arbitrary: fc.constant("completed") },
    { weight: 4, arbitrary: fc.constantFrom(...RESTORE_KNOWN_STATUSES) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_STATUSES) },
  ),
  is_dry_run: fc.boolean(),
  results: arbResults,
  metadata: arbMetadata,
  created_at: arbTime,
  completed_at: fc.option(arbTime, { nil: null }),
  archived_at: fc.option(arbTime, { nil: null, freq: 3 }),
  /** Index into the same tenant's operation runs, or none. */
  op: fc.option(fc.nat({ max: 6 }), { nil: null }),
});

const arbHistory = fc
  .record({
    staleAfterHours: fc.tuple(fc.constantFrom(0, 1, 6, 24, 48), fc.constantFrom(0, 1, 6, 24, 48)),
    backupSets: fc.array(arbBackupSet, { maxLength: 10 }),
    operationRuns: fc.array(arbOperationRun, { maxLength: 6 }),
    restoreRuns: fc.array(arbRestoreRun, { maxLength: 16 }),
    // Interleave ids across tenants, so id order and insertion order differ from per-tenant order.
    idShuffle: fc.integer({ min: 0, max: 1_000 }),
  })
  .map(({ staleAfterHours, backupSets, operationRuns, restoreRuns, idShuffle }) => {
    const id = (i: number, n: number) => ((i * 7 + idShuffle) % n) + 1; // a permutation of 1..n when gcd(7, n) = 1
    const perm = (n: number) => (n % 7 === 0 ? (i: number) => i + 1 : (i: number) => id(i, n));
    const setId = perm(backupSets.length);
    const opId = perm(operationRuns.length);
    const runId = perm(restoreRuns.length);
    const ops = operationRuns.map((o, i) => ({ id: opId(i), type: "restore.execute", started_at: null, completed_at: null, ...o }));
    return {
      tenants: TENANT_IDS.map((t, i) => ({ id: t, name: `Tenant ${t}`, slug: `tenant-${t}`, backup_stale_after_hours: staleAfterHours[i] })),
      backup_sets: backupSets.map((b, i) => ({ id: setId(i), name: `set ${i}`, ...b })),
      operation_runs: ops,
      restore_runs: restoreRuns.map(({ op, ...r }, i) => {
        const mine = ops.filter((o) => o.tenant_id === r.tenant_id);
        const linked = op === null || mine.length === 0 ? null : mine[op % mine.length]!.id;
        return { id: runId(i), backup_set_id: null, operation_run_id: linked, ...r };
      }),
    };
  });

/* ───────────────────────── the two paths ───────────────────────── */

/** Imports like `npm run db:import` does: the dataset goes through JSON text first. */
async function loadDataset(raw: unknown): Promise<void> {
  await importDataset(db, parseDataset(JSON.parse(JSON.stringify(raw))).dataset, { replace: true });
}

/** The pure path's inputs: every row of the tenant, read back from the same database. */
async function wholeHistory(tenantId: number) {
  const [runs, ops, sets] = await Promise.all([
    db.select().from(schema.restoreRuns).where(eq(schema.restoreRuns.tenantId, tenantId)),
    db.select().from(schema.operationRuns).where(eq(schema.operationRuns.tenantId, tenantId)),
    db.select().from(schema.backupSets).where(eq(schema.backupSets.tenantId, tenantId)),
  ]);
  return {
    runs: runs.map(toRestoreRunInput),
    operationRuns: ops.map(toOperationRunInput),
    // resolveBackupHealth names the *first* qualifying failed attempt in input order (reported to the
    // lib/recovery owner); both paths hand it sets newest first, so the named set is the newest attempt.
    backupSets: sets.map(toBackupSetInput).sort(compareBackupSetsNewestFirst),
  };
}

async function expectPathsAgree(tenantId: number): Promise<void> {
  const inputs = await getRecoveryEvidenceInputs(tenantId, db);
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
    const evidenceSql = resolveRecoveryEvidence({ tenantId, backupPosture: healthSql.posture, latestRelevant, canViewRestoreHistory });
    const evidencePure = resolveRecoveryEvidenceFromHistory({
      tenantId,
      backupPosture: healthPure.posture,
      runs: all.runs,
      operationRuns: all.operationRuns,
      canViewRestoreHistory,
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
    const sets = (await getRecoveryEvidenceInputs(1, db))!.backupSets;
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
    expect(latest?.operationRun).toStrictEqual({ id: 10, type: "restore.execute", status: "completed", outcome: "partially_succeeded" });
    expect((await getLatestRelevantRestoreRun(2, db))?.operationRun?.id).toBe(20);
    expect(await getRecoveryEvidenceInputs(3, db)).toBeNull();
  });

  it("scoped to a user: only a member gets the inputs, with that membership", async () => {
    await loadDataset({
      tenants: [
        { id: 1, name: "A", slug: "a" },
        { id: 2, name: "B", slug: "b" },
      ],
      backup_sets: [{ id: 1, tenant_id: 1, name: "ok", status: "completed", completed_at: "2025-06-01T10:00:00Z" }],
      restore_runs: [{ id: 1, tenant_id: 1, status: "failed", is_dry_run: false, created_at: "2025-06-01T08:00:00Z" }],
    });
    const users = ["member", "stranger"].map((name) => ({ id: `u-${name}`, name, email: `${name}@example.com` }));
    await db.insert(schema.users).values(users);
    await db.insert(schema.memberships).values([
      { userId: "u-member", tenantId: 1, role: "viewer", tenantName: "A" },
      { userId: "u-stranger", tenantId: 2, role: "owner", tenantName: "B" },
    ]);

    const member = await getRecoveryEvidenceInputs(1, db, "u-member");
    expect(member?.membership).toStrictEqual({ tenantId: 1, tenantName: "A", tenantSlug: "a", role: "viewer" });
    expect(member?.latestRelevant?.run.id).toBe(1);
    expect(member?.backupSets.map((b) => b.id)).toStrictEqual([1]);
    // A member of another tenant, an unknown user: the tenant does not exist for them.
    expect(await getRecoveryEvidenceInputs(1, db, "u-stranger")).toBeNull();
    expect(await getRecoveryEvidenceInputs(1, db, "u-nobody")).toBeNull();
    // Unscoped (the caller has checked access), the same inputs and no membership.
    const unscoped = await getRecoveryEvidenceInputs(1, db);
    expect(unscoped?.membership).toBeNull();
    expect({ ...unscoped, membership: member?.membership }).toStrictEqual(member);
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
    const smallInputs = await getRecoveryEvidenceInputs(1, small.db);
    const large = countingDb();
    const largeInputs = await getRecoveryEvidenceInputs(2, large.db);

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
