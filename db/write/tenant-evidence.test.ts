/**
 * The fleet projection (tenant_evidence) equals its recomputation — the dashboard's live read of the same
 * tenant — after every writer: the import (`--replace`), the upsert path that `--merge` and ingest share
 * (writeEvidence), the load generator, and two transactions writing one tenant at once. And the fleet's
 * inputs equal the per-tenant live inputs for every tenant, also when a projection row is missing.
 */
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLoad } from "../../bench/load/generate";
import { encodeRankSignature, FLEET_SCHEDULE_VERSION, fleetSchedule, scheduleArrays, SINCE_EVER } from "../../lib/recovery/fleet-schedule";
import { evidenceTime } from "../../lib/recovery/tenant-order";
import { fleetAt } from "../../server/fleet/read";
import { closeDb, databaseKind, getDb, loadDataset as loadTestDataset, resetTestDb } from "../../test/db";
import { expectPagesEqualAssessment as pagesEqual } from "../../test/fleet-pages";
import { importDataset, parseDataset } from "../import/importer";
import { rowsOf, type Database } from "../client";
import { tenantEvidence, tenantRankSchedules } from "../projection-schema";
import { compareBackupSetsNewestFirst, parseBackupSetsJson } from "../queries/backup-sets";
import { getRecoveryEvidenceInputs } from "../queries/evidence-inputs";
import { getFleetInputs } from "../queries/fleet";
import { arbHistory, NOW, TENANT_IDS } from "../queries/generated-histories";
import { tenants, users } from "../schema";
import { writeEvidence } from "./evidence-writer";
import { refreshAllTenantEvidence } from "./tenant-evidence";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(() => closeDb());

const PASSWORD = "projection-test-password-1";
const withOwner = <H extends { tenants: { id: number }[] }>(h: H) => ({
  ...h,
  users: [{ email: "owner@example.test", name: "Owner", password: PASSWORD, memberships: h.tenants.map((t) => ({ tenant_id: t.id, role: "owner" })) }],
});

/** The projection row as stored, in the shape its recomputation has. */
async function stored(tenantId: number) {
  const [row] = await db.select().from(tenantEvidence).where(eq(tenantEvidence.tenantId, tenantId));
  if (!row) return null;
  const [schedule] = await db.select().from(tenantRankSchedules).where(eq(tenantRankSchedules.tenantId, tenantId));
  return { runId: row.latestRelevantRunId, sets: parseBackupSetsJson(row.backupSets).sort(compareBackupSetsNewestFirst), schedule: schedule ?? null };
}

/**
 * The recomputation: the dashboard's live statement over the tenant's rows as they are now, and the rank
 * schedule of those inputs (as JSON comes back from the database).
 */
async function recomputed(tenantId: number) {
  const live = await getRecoveryEvidenceInputs(tenantId, { db });
  if (!live) return null;
  const schedule = fleetSchedule(live);
  const ms = schedule.at === null ? null : evidenceTime(schedule.at);
  const arrays = scheduleArrays(schedule);
  return {
    runId: live.latestRelevant?.run.id ?? null,
    sets: live.backupSets,
    schedule: arrays && {
      tenantId, version: schedule.v, backupStaleAfterHours: schedule.h, restoreEvidenceStaleAfterDays: schedule.d,
      latestRelevantRestoreAt: schedule.at, evidenceMs: ms === null || !Number.isFinite(ms) ? null : ms,
      validFrom: arrays.validFrom, signature: arrays.codes,
    },
  };
}

const expectPagesEqualAssessment = (email = "owner@example.test", path?: "whole") => pagesEqual(db, NOW, email, path);

async function expectProjectionEqualsRecomputation(tenantIds: readonly number[]) {
  for (const tenantId of tenantIds) {
    expect({ tenantId, projection: await stored(tenantId) }).toStrictEqual({ tenantId, projection: await recomputed(tenantId) });
  }
}

function withoutCachedAttention<R extends { attentionState: string }>(run: R): Omit<R, "attentionState"> {
  const { attentionState: _cached, ...rest } = run;
  return rest;
}

/** What the fleet reads for every tenant of the owner equals the per-tenant live inputs. */
async function expectFleetEqualsLive(email = "owner@example.test") {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const fleet = await getFleetInputs(user!.id, db);
  expect(fleet.length).toBeGreaterThan(0);
  for (const f of fleet) {
    const live = (await getRecoveryEvidenceInputs(f.tenant.id, { db }))!;
    expect({ tenantId: f.tenant.id, backupSets: f.backupSets, latestRelevant: f.latestRelevant }).toStrictEqual({
      tenantId: f.tenant.id,
      backupSets: live.backupSets,
      // The fleet reads every run column the assessment reads; the cached attention_state is not one of them.
      latestRelevant: live.latestRelevant && { run: withoutCachedAttention(live.latestRelevant.run), operationRun: live.latestRelevant.operationRun && {
        id: live.latestRelevant.operationRun.id,
        type: live.latestRelevant.operationRun.type,
        status: live.latestRelevant.operationRun.status,
        outcome: live.latestRelevant.operationRun.outcome,
      } },
    });
  }
}

/** A second generated history moved to ids above the first one's, so it adds to it instead of colliding. */
type History = typeof arbHistory extends fc.Arbitrary<infer T> ? T : never;
function shifted(h: History, by: number) {
  return {
    backup_sets: h.backup_sets.map((b) => ({ ...b, id: b.id + by })),
    operation_runs: h.operation_runs.map((o) => ({ ...o, id: o.id + by })),
    restore_runs: h.restore_runs.map((r) => ({
      ...r,
      id: r.id + by,
      backup_set_id: null,
      operation_run_id: r.operation_run_id === null ? null : r.operation_run_id + by,
    })),
  };
}

describe(`the fleet projection equals its recomputation after every writer (${databaseKind()})`, () => {
  it("the import, then upserts through the write module (--merge and ingest): added, replaced and re-timed records", async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory, arbHistory, fc.array(fc.nat(), { maxLength: 6 }), async (first, second, replaced) => {
        await loadTestDataset(db, withOwner(first));
        await expectProjectionEqualsRecomputation(TENANT_IDS);

        // New records on top of the stored ones, plus stored runs replaced by id with another run's content.
        const more = shifted(second, 100);
        const replacements = replaced.flatMap((i) => {
          const target = first.restore_runs[i % Math.max(1, first.restore_runs.length)];
          const content = second.restore_runs[i % Math.max(1, second.restore_runs.length)];
          if (!target || !content) return [];
          return [{ ...content, id: target.id, tenant_id: target.tenant_id, backup_set_id: null, operation_run_id: null }];
        });
        const unique = [...new Map(replacements.map((r) => [r.id, r])).values()];
        await db.transaction((tx) =>
          writeEvidence(tx, { ...more, restore_runs: [...more.restore_runs, ...unique] } as never, { mode: "upsert", now: NOW }),
        );
        await expectProjectionEqualsRecomputation(TENANT_IDS);
        await expectFleetEqualsLive();
        await expectPagesEqualAssessment();
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it("the load generator writes it for every tenant in its load transaction", async () => {
    await generateLoad(db, { tenants: 12, runsPerTenant: 30, seed: 5, now: NOW, replace: true, vacuum: false, distribution: "uniform" });
    const ids = (await db.select({ id: tenants.id }).from(tenants)).map((t) => t.id);
    expect(ids).toHaveLength(12);
    const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tenant_evidence`));
    expect(count!.n).toBe(12);
    await expectProjectionEqualsRecomputation(ids);
    const [withSchedule] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tenant_rank_schedules`));
    expect(withSchedule!.n).toBe(12);
    // Twelve tenants in every state: pages from the schedules equal the whole fleet assessed, at every instant.
    await expectPagesEqualAssessment("bench@example.com");
  }, 120_000);

  it("a --merge import that changes only a tenant's windows recomputes its schedule", async () => {
    const dataset = (days: number, hours: number) => withOwner({
      tenants: [{ id: 1, name: "A", slug: "a", restore_evidence_stale_after_days: days, backup_stale_after_hours: hours }],
      restore_runs: [{ id: 1, tenant_id: 1, status: "completed", is_dry_run: false, results: { items: [{ key: "p", status: "applied" }] }, created_at: "2025-05-01T08:00:00Z", completed_at: "2025-05-01T09:00:00Z" }],
      backup_sets: [{ id: 1, tenant_id: 1, name: "s", status: "completed", completed_at: "2025-06-01T07:00:00Z" }],
    });
    await loadTestDataset(db, dataset(90, 24));
    await expectProjectionEqualsRecomputation([1]);
    const { tenants: only } = dataset(7, 2);
    await importDataset(db, parseDataset({ tenants: only, users: [], backup_sets: [], operation_runs: [], restore_runs: [] }).dataset, { merge: true });
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, 1));
    expect([tenant!.restoreEvidenceStaleAfterDays, tenant!.backupStaleAfterHours]).toEqual([7, 2]);
    await expectProjectionEqualsRecomputation([1]);
    await expectPagesEqualAssessment();
  });

  it("a tenant whose schedule is missing or outdated, or calmer than its assessment, makes the fleet assess every tenant", async () => {
    await loadTestDataset(db, withOwner({
      tenants: [{ id: 1, name: "A", slug: "a" }, { id: 2, name: "B", slug: "b" }],
      restore_runs: [{ id: 1, tenant_id: 1, status: "failed", is_dry_run: false, created_at: "2025-06-01T08:00:00Z", completed_at: "2025-06-01T09:00:00Z" }],
      backup_sets: [{ id: 1, tenant_id: 1, name: "s", status: "completed", completed_at: "2025-06-01T07:00:00Z" }],
    }));
    const [user] = await db.select().from(users).where(eq(users.email, "owner@example.test"));
    const page = () => fleetAt({ userId: user!.id, now: NOW, db }, { filter: {}, limit: 50, after: null }, { paged: true });
    const expected = [[2, "critical"], [1, "critical"]];
    expect((await page()).path).toBe("database");
    for (const damage of [
      sql`delete from tenant_rank_schedules where tenant_id = 2`,
      sql`update tenant_rank_schedules set version = 0 where tenant_id = 2`,
      // Any writer changing a window: the trigger (migrations 0011, 0012) deletes the tenant's schedule with it.
      sql`update tenants set restore_evidence_stale_after_days = restore_evidence_stale_after_days + 1 where id = 2`,
    ]) {
      await db.transaction((tx) => refreshAllTenantEvidence(tx, { onlyMissing: false }));
      await db.execute(damage);
      const [left] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tenant_rank_schedules where tenant_id = 2 and version = ${FLEET_SCHEDULE_VERSION}`));
      expect(left!.n).toBe(0);
      const got = await page();
      expect([got.path, got.entries.map((e) => [e.row.tenantId, e.row.severity])]).toEqual(["whole", expected]);
      await expectPagesEqualAssessment("owner@example.test", "whole");
    }
    // The migration step recomputes what is missing or outdated; then the schedules are read again.
    await db.transaction((tx) => refreshAllTenantEvidence(tx, { onlyMissing: true }));
    await expectProjectionEqualsRecomputation([1, 2]);
    expect((await page()).path).toBe("database");

    // A stored rank that is calmer than the assessment of a row on the page is not shown: the page's rows
    // are assessed in full and compared, and on a difference the whole fleet is assessed.
    const calm = encodeRankSignature({ severity: "none", itemCount: 0, overviewState: "no_recent_issues_visible", backupPosture: "healthy", restoreEvidenceStale: false, evidenceAge: "under_30" });
    await db.execute(sql`update tenant_rank_schedules set signature = array_fill(${calm}::int, array[cardinality(signature)]) where tenant_id = 1`);
    const calmed = await page();
    expect([calmed.path, calmed.entries.map((e) => [e.row.tenantId, e.row.severity])]).toEqual(["whole", expected]);
    expect(calmed.counts).toMatchObject({ total: 2, critical: 2, noVisibleIssues: 0 });
  });

  it("the table refuses a schedule width_bucket would misread: starts not from SINCE_EVER, not ascending, or not one per code", async () => {
    await loadTestDataset(db, withOwner({
      tenants: [{ id: 1, name: "A", slug: "a" }],
      restore_runs: [{ id: 1, tenant_id: 1, status: "failed", is_dry_run: false, created_at: "2025-06-01T08:00:00Z", completed_at: "2025-06-01T09:00:00Z" }],
      backup_sets: [{ id: 1, tenant_id: 1, name: "s", status: "completed", completed_at: "2025-06-01T07:00:00Z" }],
    }));
    const [row] = await db.select().from(tenantRankSchedules).where(eq(tenantRankSchedules.tenantId, 1));
    expect(row!.validFrom.length).toBeGreaterThan(1);
    const code = row!.signature[0]!;
    for (const [validFrom, signature] of [
      [[0], [code]],
      [[SINCE_EVER, 5, 5], [code, code, code]],
      [[SINCE_EVER, 9, 5], [code, code, code]],
      [[SINCE_EVER, 5], [code]],
      [[], []],
    ] as const) {
      const starts = sql.join(validFrom.map((v) => sql`${v}`), sql`, `);
      const codes = sql.join(signature.map((v) => sql`${v}`), sql`, `);
      const refused = await db
        .execute(sql`update tenant_rank_schedules set valid_from = array[${starts}]::bigint[], signature = array[${codes}]::int[] where tenant_id = 1`)
        .then(() => null, (e: Error & { cause?: Error }) => (e.cause ?? e).message);
      expect({ validFrom, refused }).toMatchObject({ validFrom, refused: expect.stringMatching(/tenant_rank_schedules_intervals/) });
    }
    const [after] = await db.select().from(tenantRankSchedules).where(eq(tenantRankSchedules.tenantId, 1));
    expect(after).toStrictEqual(row);
  });

  it("results and metadata that are JSON strings read back as the strings they are, on the live and the fleet read", async () => {
    await loadTestDataset(db, withOwner({
      tenants: [{ id: 1, name: "A", slug: "a" }, { id: 2, name: "B", slug: "b" }],
      restore_runs: [
        { id: 1, tenant_id: 1, status: "completed", is_dry_run: false, results: "0", metadata: "{}", created_at: "2025-06-01T08:00:00Z", completed_at: "2025-06-01T09:00:00Z" },
        { id: 2, tenant_id: 2, status: "completed", is_dry_run: false, results: '{"items":[{"key":"p","status":"applied"}]}', created_at: "2025-06-01T08:00:00Z", completed_at: "2025-06-01T09:00:00Z" },
      ],
    }));
    const live = await getRecoveryEvidenceInputs(1, { db });
    expect([live!.latestRelevant!.run.results, live!.latestRelevant!.run.metadata]).toStrictEqual(["0", "{}"]);
    expect((await getRecoveryEvidenceInputs(2, { db }))!.latestRelevant!.run.results).toBe('{"items":[{"key":"p","status":"applied"}]}');
    await expectFleetEqualsLive();
  });

  it("a tenant without its projection row is read live by the fleet, not shown as having no evidence", async () => {
    await loadTestDataset(db, withOwner({
      tenants: [{ id: 1, name: "A", slug: "a" }, { id: 2, name: "B", slug: "b" }],
      restore_runs: [{ id: 1, tenant_id: 1, status: "failed", is_dry_run: false, created_at: "2025-06-01T08:00:00Z", completed_at: "2025-06-01T09:00:00Z" }],
      backup_sets: [{ id: 1, tenant_id: 1, name: "s", status: "completed", completed_at: "2025-06-01T07:00:00Z" }],
    }));
    await db.delete(tenantEvidence).where(eq(tenantEvidence.tenantId, 1));
    await expectFleetEqualsLive();
    const [user] = await db.select().from(users).where(eq(users.email, "owner@example.test"));
    const fleet = await getFleetInputs(user!.id, db);
    expect(fleet.find((f) => f.tenant.id === 1)?.latestRelevant?.run.status).toBe("failed");
  });

  it("two transactions writing one tenant at once: the second refresh sees the first write", async () => {
    await loadTestDataset(db, withOwner({ tenants: [{ id: 1, name: "A", slug: "a" }] }));
    const run = (id: number, completedAt: string, status: string) => ({
      id, tenant_id: 1, status, is_dry_run: false, backup_set_id: null, operation_run_id: null,
      results: null, metadata: null, created_at: "2025-06-01T08:00:00Z", completed_at: completedAt, archived_at: null,
    });
    // A writes the LATER run (a failure) and holds its transaction open; B writes an earlier, clean run.
    // If B's refresh computed from a snapshot taken before A committed, the projection would name B's run.
    let releaseA!: () => void;
    const aHolds = new Promise<void>((r) => (releaseA = r));
    let aWrote!: () => void;
    const aHasWritten = new Promise<void>((r) => (aWrote = r));
    const a = db.transaction(async (tx) => {
      await writeEvidence(tx, { backup_sets: [], operation_runs: [], restore_runs: [run(2, "2025-06-01T11:00:00Z", "failed")] } as never, { mode: "upsert", now: NOW });
      aWrote();
      await aHolds;
    });
    if (databaseKind() === "postgres") {
      await aHasWritten;
      const b = db.transaction((tx) =>
        writeEvidence(tx, { backup_sets: [], operation_runs: [], restore_runs: [run(1, "2025-06-01T10:00:00Z", "completed")] } as never, { mode: "upsert", now: NOW }),
      );
      // B is waiting for A's lock on the projection row before A commits (observed, not assumed).
      for (let waiting = false; !waiting; ) {
        const [row] = rowsOf<{ n: number }>(
          await getDb().execute(sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`),
        );
        waiting = row!.n > 0;
        if (!waiting) await new Promise((r) => setImmediate(r));
      }
      releaseA();
      await Promise.all([a, b]);
    } else {
      // One embedded connection runs transactions one after the other: the same two writes, in turn.
      releaseA();
      await a;
      await db.transaction((tx) =>
        writeEvidence(tx, { backup_sets: [], operation_runs: [], restore_runs: [run(1, "2025-06-01T10:00:00Z", "completed")] } as never, { mode: "upsert", now: NOW }),
      );
    }
    expect((await stored(1))?.runId).toBe(2);
    await expectProjectionEqualsRecomputation([1]);
  }, 60_000);
});

