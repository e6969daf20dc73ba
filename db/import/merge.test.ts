/** `db:import --merge`: create or replace by id (tenants, evidence) and by email (users), in one transaction. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import * as schema from "../schema";
import { DatasetError, RecordConflictError } from "./dataset-error";
import { importDataset, parseDataset } from "./importer";

let db: Database;
const merge = (raw: unknown) => importDataset(db, parseDataset(raw).dataset, { merge: true });
const run = (over: Record<string, unknown>) => ({ tenant_id: 1, status: "completed", is_dry_run: false, created_at: "2026-02-02T00:00:00Z", ...over });

beforeAll(async () => {
  db = await resetTestDb();
  await importDataset(db, parseDataset({
    tenants: [{ id: 1, name: "Alpha", slug: "alpha" }, { id: 2, name: "Beta", slug: "beta" }],
    users: [{ email: "op@example.com", name: "Op", password: "pw", memberships: [{ tenant_id: 1, role: "viewer" }] }],
    operation_runs: [{ id: 20, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "succeeded" }],
    restore_runs: [run({ id: 30, operation_run_id: 20, results: { items: [{ key: "p", status: "applied" }] } }), run({ id: 40, tenant_id: 2 })],
  }).dataset);
});
afterAll(() => closeDb());

describe("import --merge", () => {
  it("replaces existing records by id, creates new ones, and recomputes the stored attention", async () => {
    await merge({
      tenants: [{ id: 1, name: "Alpha renamed", slug: "alpha" }],
      users: [{ email: "op@example.com", name: "Op Two", password: "pw2", memberships: [{ tenant_id: 1, role: "owner" }, { tenant_id: 2, role: "viewer" }] }],
      operation_runs: [{ id: 20, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "failed" }],
      restore_runs: [run({ id: 31, status: "partial" })],
    });
    const [tenant] = await db.select().from(schema.tenants).where(eq(schema.tenants.id, 1));
    expect(tenant!.name).toBe("Alpha renamed");
    const runs = await db.select({ id: schema.restoreRuns.id, attention: schema.restoreRuns.attentionState }).from(schema.restoreRuns).where(eq(schema.restoreRuns.tenantId, 1));
    expect(Object.fromEntries(runs.map((r) => [r.id, r.attention]))).toStrictEqual({ 30: "failed", 31: "partial" });
    const members = await db.select({ tenantId: schema.memberships.tenantId, role: schema.memberships.role, name: schema.memberships.tenantName }).from(schema.memberships);
    expect(members.sort((a, b) => a.tenantId - b.tenantId)).toStrictEqual([
      { tenantId: 1, role: "owner", name: "Alpha renamed" },
      { tenantId: 2, role: "viewer", name: "Beta" },
    ]);
  });

  it("refuses an id of another tenant, writing nothing", async () => {
    const error = await merge({ tenants: [{ id: 1, name: "Never", slug: "alpha" }], restore_runs: [run({ id: 40 })] }).catch((e) => e);
    expect(error).toBeInstanceOf(RecordConflictError);
    expect((await db.select().from(schema.tenants).where(eq(schema.tenants.id, 1)))[0]!.name).toBe("Alpha renamed");
  });

  it("refuses a reference to a record that does not exist, naming it, and writes nothing", async () => {
    const error = await merge({ tenants: [{ id: 1, name: "Never", slug: "alpha" }], restore_runs: [run({ id: 33, backup_set_id: 999 })] }).catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^restore_runs\[0\]\.backup_set_id: /);
    expect((await db.select().from(schema.tenants).where(eq(schema.tenants.id, 1)))[0]!.name).toBe("Alpha renamed");
  });
});
