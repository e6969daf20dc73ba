import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import * as schema from "../schema";
import { buildDemoDataset } from "../seed/demo-dataset";
import { DatasetError, importDataset, parseDataset } from "./importer";

let db: Database;

function baseDataset() {
  return {
    tenants: [
      { id: 1, name: "Alpha", slug: "alpha", backup_stale_after_hours: 12, created_at: "2026-01-01T00:00:00Z" },
      { id: 2, name: "Beta", slug: "beta" },
    ],
    users: [{ email: "Op@Example.com", name: "Op", password: "pw-123456", memberships: [{ tenant_id: 1, role: "operator" }] }],
    backup_sets: [
      { id: 10, tenant_id: 1, name: "B10", status: "completed", item_count: 5, failed_item_count: 0, started_at: "2026-02-01T00:00:00Z", completed_at: "2026-02-01T01:00:00+01:00" },
    ],
    operation_runs: [{ id: 20, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "succeeded" }],
    restore_runs: [
      {
        id: 30, tenant_id: 1, backup_set_id: 10, operation_run_id: 20, status: "completed", is_dry_run: false,
        results: { items: [{ key: "policy:1", type: "deviceConfiguration", name: "Baseline", status: "applied" }] },
        metadata: { scope_basis: "full", extra: [1, 2] },
        created_at: "2026-02-02T00:00:00Z", completed_at: "2026-02-02T00:10:00Z",
      },
    ],
  };
}

async function counts() {
  const c = async (t: typeof schema.tenants | typeof schema.backupSets | typeof schema.operationRuns | typeof schema.restoreRuns | typeof schema.users | typeof schema.memberships) =>
    (await db.select({ n: count() }).from(t))[0]!.n;
  return {
    tenants: await c(schema.tenants),
    backup_sets: await c(schema.backupSets),
    operation_runs: await c(schema.operationRuns),
    restore_runs: await c(schema.restoreRuns),
    users: await c(schema.users),
    memberships: await c(schema.memberships),
  };
}

async function load(raw: unknown, replace = false) {
  return importDataset(db, parseDataset(raw).dataset, { replace });
}

/** Imports `raw`, expects a DatasetError naming `where`, and checks that nothing changed. */
async function expectRejected(raw: unknown, where: string, replace = false) {
  const before = await counts();
  let error: unknown;
  try {
    await load(raw, replace);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DatasetError);
  expect((error as Error).message.slice(0, where.length + 1)).toBe(`${where}:`);
  expect(await counts()).toEqual(before);
}

beforeEach(async () => {
  db = await resetTestDb();
});
afterAll(() => closeDb());

describe("a valid dataset", () => {
  it("round-trips every column as given", async () => {
    const summary = await load(baseDataset());
    expect(summary).toMatchObject({ tenants: 2, users: 1, memberships: 1, backup_sets: 1, operation_runs: 1, restore_runs: 1 });

    const tenants = await db.select().from(schema.tenants).orderBy(asc(schema.tenants.id));
    expect(tenants.map((t) => [t.id, t.slug, t.backupStaleAfterHours])).toEqual([[1, "alpha", 12], [2, "beta", 24]]);
    expect(tenants[0]!.createdAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");

    const [set] = await db.select().from(schema.backupSets);
    expect(set!.completedAt!.toISOString()).toBe("2026-02-01T00:00:00.000Z"); // +01:00 offset honoured

    const [run] = await db.select().from(schema.restoreRuns);
    expect(run).toMatchObject({ id: 30, tenantId: 1, backupSetId: 10, operationRunId: 20, status: "completed", isDryRun: false, archivedAt: null });
    expect(run!.results).toEqual(baseDataset().restore_runs[0]!.results);
    expect(run!.metadata).toEqual({ scope_basis: "full", extra: [1, 2] });
    expect(run!.attentionState).toBe("completed");

    const [user] = await db.select().from(schema.users);
    expect(user!.email).toBe("op@example.com");
    const [account] = await db.select().from(schema.accounts).where(eq(schema.accounts.userId, user!.id));
    expect(account!.providerId).toBe("credential");
    expect(account!.password).not.toContain("pw-123456"); // stored hashed
    const [m] = await db.select().from(schema.memberships);
    expect(m).toMatchObject({ tenantId: 1, role: "operator" });
  });

  it("moves id sequences past explicit ids so later inserts do not collide", async () => {
    await load(baseDataset());
    const [t] = await db.insert(schema.tenants).values({ name: "Gamma", slug: "gamma" }).returning();
    expect(t!.id).toBe(3);
  });

  it("accepts unrecognized statuses and odd results/metadata shapes, stored as given", async () => {
    const d = baseDataset();
    d.restore_runs.push(
      { ...d.restore_runs[0]!, id: 31, status: "rolled_back", results: "not json object" as never, metadata: [1, "x"] as never },
      { ...d.restore_runs[0]!, id: 32, status: "", results: { items: [{ nonsense: true }] } as never, metadata: null as never },
      { ...d.restore_runs[0]!, id: 33, status: "completed", results: null as never, metadata: { non_applied: "yes" } as never },
    );
    await load(d);
    const rows = await db.select().from(schema.restoreRuns).orderBy(asc(schema.restoreRuns.id));
    expect(rows.map((r) => [r.id, r.status, r.results, r.metadata, r.attentionState])).toEqual([
      [30, "completed", d.restore_runs[0]!.results, d.restore_runs[0]!.metadata, "completed"],
      [31, "rolled_back", "not json object", [1, "x"], "completed_with_follow_up"],
      [32, "", { items: [{ nonsense: true }] }, null, "completed_with_follow_up"],
      [33, "completed", null, { non_applied: "yes" }, "completed_with_follow_up"],
    ]);
  });

  it("--replace empties the tables first, in the same transaction", async () => {
    await load(baseDataset());
    const other = { tenants: [{ id: 7, name: "Only", slug: "only" }] };
    await load(other, true);
    expect(await counts()).toEqual({ tenants: 1, backup_sets: 0, operation_runs: 0, restore_runs: 0, users: 0, memberships: 0 });
  });

  it("a failed --replace keeps the old data", async () => {
    await load(baseDataset());
    // Valid shape, bad reference: found inside the transaction, after the tables were emptied.
    const badRef = { tenant_id: 99, status: "completed", is_dry_run: false, created_at: "2026-01-01T00:00:00Z" };
    await expectRejected({ tenants: [{ id: 7, name: "Only", slug: "only" }], restore_runs: [badRef] }, "restore_runs[0].tenant_id", true);
    expect((await counts()).tenants).toBe(2);
  });

  it("loads the demo dataset", async () => {
    const s = await load(buildDemoDataset(new Date("2026-11-26T12:00:00Z")));
    expect(s.tenants).toBeGreaterThanOrEqual(8);
    expect(s.users).toBe(3);
  });
});

describe("a bad record writes nothing and is named", () => {
  const cases: [string, (d: ReturnType<typeof baseDataset>) => unknown, string][] = [
    ["top level not an object", () => [1, 2], "dataset"],
    ["array not an array", (d) => ({ ...d, tenants: {} }), "dataset"],
    ["string id", (d) => { (d.restore_runs[0] as Record<string, unknown>).id = "30"; return d; }, "restore_runs[0].id"],
    ["non-boolean is_dry_run", (d) => { (d.restore_runs[0] as Record<string, unknown>).is_dry_run = "false"; return d; }, "restore_runs[0].is_dry_run"],
    ["missing is_dry_run", (d) => { delete (d.restore_runs[0] as Record<string, unknown>).is_dry_run; return d; }, "restore_runs[0].is_dry_run"],
    ["missing created_at", (d) => { delete (d.restore_runs[0] as Record<string, unknown>).created_at; return d; }, "restore_runs[0].created_at"],
    ["bad timestamp", (d) => { d.backup_sets[0]!.completed_at = "yesterday"; return d; }, "backup_sets[0].completed_at"],
    ["impossible date", (d) => { d.backup_sets[0]!.completed_at = "2026-02-30T99:00:00Z"; return d; }, "backup_sets[0].completed_at"],
    ["negative count", (d) => { d.backup_sets[0]!.failed_item_count = -1; return d; }, "backup_sets[0].failed_item_count"],
    ["fractional id", (d) => { d.tenants[1]!.id = 2.5; return d; }, "tenants[1].id"],
    ["id beyond integer range", (d) => { d.tenants[1]!.id = 2 ** 31; return d; }, "tenants[1].id"],
    ["unknown tenant", (d) => { d.restore_runs[0]!.tenant_id = 9; return d; }, "restore_runs[0].tenant_id"],
    ["cross-tenant backup set", (d) => { d.restore_runs[0]!.tenant_id = 2; d.restore_runs[0]!.operation_run_id = null as never; return d; }, "restore_runs[0].backup_set_id"],
    ["unknown operation run", (d) => { d.restore_runs[0]!.operation_run_id = 21; return d; }, "restore_runs[0].operation_run_id"],
    ["duplicate id", (d) => { d.restore_runs.push({ ...d.restore_runs[0]! }); return d; }, "restore_runs[1].id"],
    ["duplicate slug", (d) => { d.tenants[1]!.slug = "ALPHA"; return d; }, "tenants[1].slug"],
    ["bad role", (d) => { (d.users[0]!.memberships[0] as Record<string, unknown>).role = "admin"; return d; }, "users[0].memberships.0.role"],
    ["membership in unknown tenant", (d) => { d.users[0]!.memberships[0]!.tenant_id = 5; return d; }, "users[0].memberships.0.tenant_id"],
    ["bad email", (d) => { d.users[0]!.email = "not-an-email"; return d; }, "users[0].email"],
    ["empty password", (d) => { d.users[0]!.password = ""; return d; }, "users[0].password"],
    ["record not an object", (d) => ({ ...d, backup_sets: [42] }), "backup_sets[0]"],
  ];

  for (const [name, mutate, where] of cases) {
    it(`${name} → ${where}`, async () => {
      await load({ tenants: [{ id: 50, name: "Existing", slug: "existing" }] }); // something that must survive
      await expectRejected(mutate(baseDataset()), where);
      expect((await counts()).tenants).toBe(1);
    });
  }

  it("an id that already exists is rejected without --replace", async () => {
    await load(baseDataset());
    await expectRejected({ tenants: [{ id: 1, name: "Again", slug: "again" }] }, "tenants[0].id");
  });

  it("memberships carry their tenant's name, for tenants in the dataset and ones already stored", async () => {
    await load(baseDataset());
    await load({
      tenants: [{ id: 3, name: "Gamma", slug: "gamma" }],
      users: [{ email: "late@example.com", name: "Late", password: "pw-123456", memberships: [{ tenant_id: 2, role: "viewer" }, { tenant_id: 3, role: "owner" }] }],
    });
    const rows = await db
      .select({ tenantId: schema.memberships.tenantId, tenantName: schema.memberships.tenantName })
      .from(schema.memberships)
      .orderBy(asc(schema.memberships.tenantId));
    expect(rows).toStrictEqual([
      { tenantId: 1, tenantName: "Alpha" },
      { tenantId: 2, tenantName: "Beta" },
      { tenantId: 3, tenantName: "Gamma" },
    ]);
  });

  it("a late bad record (after valid ones) still writes nothing", async () => {
    const d = baseDataset();
    for (let i = 0; i < 50; i++) d.restore_runs.push({ ...d.restore_runs[0]!, id: 100 + i });
    (d.restore_runs[40] as Record<string, unknown>).is_dry_run = 1;
    await expectRejected(d, "restore_runs[40].is_dry_run");
  });

  it("reports keys outside the format as warnings, not errors", () => {
    const d = baseDataset();
    (d.restore_runs[0] as Record<string, unknown>).note = "hello";
    expect(parseDataset(d).warnings).toEqual(["restore_runs[0].note is not part of the import format and was ignored"]);
  });

  it("accepts future-dated records (spec §9) and warns about each, naming record and field", async () => {
    const d = baseDataset();
    const now = new Date("2026-03-01T00:00:00Z");
    d.backup_sets[0]!.completed_at = "2026-03-01T00:05:00Z"; // exactly 5 minutes ahead: tolerated
    d.restore_runs[0]!.completed_at = "2026-03-04T00:00:00Z";
    const parsed = parseDataset(d, { now });
    expect(parsed.warnings).toEqual([
      "restore_runs[0].completed_at (id 30) is in the future (2026-03-04T00:00:00.000Z, clock skew): imported as given; it cannot be placed in time and buys no confidence",
    ]);
    d.backup_sets[0]!.started_at = "2026-03-01T00:05:01Z";
    expect(parseDataset(d, { now }).warnings[0]).toMatch(/^backup_sets\[0\]\.started_at \(id 10\) is in the future/);
    // The import still succeeds and stores the times as given.
    await importDataset(db, parseDataset(d, { now }).dataset, { replace: true });
    const [run] = await db.select().from(schema.restoreRuns).where(eq(schema.restoreRuns.id, 30));
    expect(run!.completedAt?.toISOString()).toBe("2026-03-04T00:00:00.000Z");
  });
});
