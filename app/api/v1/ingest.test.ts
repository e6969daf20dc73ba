/**
 * The §12 ingest API, called as Next calls the route handlers, on a real database: keys, status codes,
 * create-or-replace, all-or-nothing batches, idempotent repeats, stored attention, the answer's evidence.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.INGEST_REQUESTS_PER_MINUTE = "40";
});

import { importDataset, parseDataset } from "@/db/import/importer";
import { createApiKey, revokeApiKey } from "@/db/queries/api-keys";
import { createWebhookEndpoint } from "@/db/queries/webhooks";
import { closeDb, resetTestDb } from "@/test/db";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/client";
import { PUT as putBackupSet } from "./tenants/[tenantId]/backup-sets/[id]/route";
import { PUT as putOperationRun } from "./tenants/[tenantId]/operation-runs/[id]/route";
import { PUT as putRestoreRun } from "./tenants/[tenantId]/restore-runs/[id]/route";
import { POST as postBatch } from "./tenants/[tenantId]/batch/route";

const system = { type: "system" as const, id: null, label: "test" };
let db: Database;

beforeAll(async () => {
  db = await resetTestDb();
  const { dataset } = parseDataset({
    tenants: [
      { id: 1, name: "Acme", slug: "acme" },
      { id: 2, name: "Globex", slug: "globex" },
    ],
    backup_sets: [{ id: 900, tenant_id: 2, name: "globex daily", status: "completed", completed_at: new Date().toISOString() }],
    restore_runs: [{ id: 9000, tenant_id: 2, status: "completed", is_dry_run: false, created_at: "2026-01-01T00:00:00Z" }],
  });
  await importDataset(db, dataset);
});

afterAll(async () => {
  await closeDb();
});

async function newKey(tenantId = 1): Promise<string> {
  return (await createApiKey({ tenantId, name: `key-${Math.random()}`, actor: system }, db)).key;
}

type Kind = "backup-sets" | "operation-runs" | "restore-runs";
const handlers = { "backup-sets": putBackupSet, "operation-runs": putOperationRun, "restore-runs": putRestoreRun };

async function put(kind: Kind, tenantId: string, id: string, body: unknown, key?: string) {
  const response = await handlers[kind](
    new Request(`http://127.0.0.1:3000/api/v1/tenants/${tenantId}/${kind}/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ tenantId, id }) },
  );
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

async function batch(tenantId: string, body: unknown, key: string) {
  const response = await postBatch(
    new Request(`http://127.0.0.1:3000/api/v1/tenants/${tenantId}/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ tenantId }) },
  );
  return { status: response.status, body: (await response.json()) as any };
}

async function count(query: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql.raw(query)))[0]!.n);
}

async function projectedRun(tenantId: number): Promise<number | null> {
  const rows = rowsOf<{ id: number | null }>(await db.execute(sql`select latest_relevant_run_id as id from tenant_evidence where tenant_id = ${tenantId}`));
  return rows[0]?.id ?? null;
}

const run = (over: Record<string, unknown> = {}) => ({ status: "queued", is_dry_run: false, created_at: "2026-11-30T10:00:00Z", ...over });
const CLEAN = { items: [{ key: "p:1", status: "applied" }], foundations: [], assignments: [] };

describe("keys", () => {
  it("answers 401 without a key, with an unknown key, and at once after a revoke", async () => {
    expect((await put("restore-runs", "1", "10", run())).status).toBe(401);
    expect((await put("restore-runs", "1", "10", run(), "rpk_not-a-real-key")).status).toBe(401);
    const created = await createApiKey({ tenantId: 1, name: "soon revoked", actor: system }, db);
    expect((await put("restore-runs", "1", "10", run(), created.key)).status).toBe(200);
    expect(await revokeApiKey({ id: created.apiKey.id, actor: system }, db)).toBe(true);
    const refused = await put("restore-runs", "1", "10", run({ status: "running" }), created.key);
    expect(refused.status).toBe(401);
    expect(refused.body).toStrictEqual({ error: { code: "unauthenticated", message: expect.stringMatching(/\S/) } });
  });

  it("stores only a hash of the key", async () => {
    const { key } = await createApiKey({ tenantId: 1, name: "hash check", actor: system }, db);
    const rows = rowsOf<{ key_hash: string; start: string }>(await db.execute(sql`select key_hash, start from api_keys`));
    expect(rows.some((r) => r.key_hash === key)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(key.slice(12));
  });

  it("answers 404 for any tenant the key is not for, existing or not, and 400 for a malformed tenant id", async () => {
    const key = await newKey(1);
    expect((await put("restore-runs", "2", "9000", run(), key)).status).toBe(404);
    expect((await put("restore-runs", "77", "1", run(), key)).status).toBe(404);
    expect((await put("restore-runs", "abc", "1", run(), key)).status).toBe(400);
    expect((await put("restore-runs", "1", "-3", run(), key)).status).toBe(400);
  });

  it("answers 429 over the per-key rate, with Retry-After, without slowing other keys", async () => {
    const key = await newKey(1);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await put("restore-runs", "1", "abc", {}, key)).status);
    expect(statuses.slice(0, 40).every((s) => s === 400)).toBe(true);
    const limited = await put("restore-runs", "1", "abc", {}, key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await put("restore-runs", "1", "abc", {}, await newKey(1))).status).toBe(400);
  });
});

describe("PUT", () => {
  it("streams a run queued → running → failed → a later clean run, answering the record, its attention and the evidence", async () => {
    const key = await newKey(1);
    const queued = await put("restore-runs", "1", "20", run(), key);
    expect(queued.status).toBe(200);
    expect(queued.body.record).toMatchObject({ id: 20, tenant_id: 1, status: "queued", is_dry_run: false });
    expect(queued.body.record).not.toHaveProperty("attention_state");
    expect(queued.body.attention.state).toBe("not_executed");
    const op = await put("operation-runs", "1", "30", { type: "restore.execute", status: "running", outcome: "pending" }, key);
    expect(op.status).toBe(200);
    const running = await put("restore-runs", "1", "20", run({ status: "running", operation_run_id: 30 }), key);
    expect(running.body.record.operation_run_id).toBe(30);
    const failed = await put("restore-runs", "1", "20", run({ status: "failed", operation_run_id: 30, completed_at: "2026-11-30T10:05:00Z" }), key);
    expect(failed.body.attention.state).toBe("failed");
    // The fleet projection was written in the same write: it names the failed run at once.
    expect(await projectedRun(1)).toBe(20);
    expect(failed.body.evidence).toMatchObject({ tenantId: 1, overviewState: "weakened", latestRelevantRestoreRunId: 20, latestRelevantAttentionState: "failed", headline: "Recovery evidence is weakened" });
    const clean = await put("restore-runs", "1", "21", run({ status: "completed", results: CLEAN, created_at: "2026-11-30T11:00:00Z", completed_at: "2026-11-30T11:10:00Z" }), key);
    expect(clean.body.attention.state).toBe("completed");
    expect(clean.body.evidence).toMatchObject({ overviewState: "no_recent_issues_visible", latestRelevantRestoreRunId: 21, headline: "No recent restore issues are visible" });
    expect(clean.body.evidence.claimBoundary).toMatch(/not proof/i);
    expect(await projectedRun(1)).toBe(21);
    expect(clean.body.backupHealth).toMatchObject({ tenantId: 1, posture: "absent" });
  });

  it("recomputes the stored attention_state in the write, also of runs whose operation run's outcome changed", async () => {
    const key = await newKey(1);
    await put("operation-runs", "1", "31", { type: "restore.execute", status: "completed", outcome: "succeeded" }, key);
    await put("restore-runs", "1", "22", run({ status: "completed", results: CLEAN, operation_run_id: 31, completed_at: "2026-11-30T10:30:00Z" }), key);
    const state = async () => rowsOf<{ attention_state: string }>(await db.execute(sql`select attention_state from restore_runs where id = 22`))[0]!.attention_state;
    expect(await state()).toBe("completed");
    await put("operation-runs", "1", "31", { type: "restore.execute", status: "completed", outcome: "failed" }, key);
    expect(await state()).toBe("failed");
  });

  it("answers 400 naming the array, index and field, and writes nothing", async () => {
    const key = await newKey(1);
    const bad = await put("restore-runs", "1", "23", run({ is_dry_run: "no" }), key);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_record", array: "restore_runs", index: 0, field: "is_dry_run" });
    expect(bad.body.error.message).toMatch(/^restore_runs\[0\]\.is_dry_run: /);
    expect((await put("restore-runs", "1", "23", run({ id: 24 }), key)).body.error.field).toBe("id");
    expect((await put("restore-runs", "1", "23", run({ tenant_id: 2 }), key)).body.error.field).toBe("tenant_id");
    expect((await put("restore-runs", "1", "23", "{not json", key)).status).toBe(400);
    expect((await put("restore-runs", "1", "23", [], key)).status).toBe(400);
    expect(await count("select count(*) as n from restore_runs where id = 23")).toBe(0);
  });

  it("answers 409 for an id or a reference of another tenant, revealing nothing about it", async () => {
    const key = await newKey(1);
    const taken = await put("restore-runs", "1", "9000", run(), key);
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).not.toMatch(/Globex|globex|"tenant_id":2/);
    const ref = await put("restore-runs", "1", "25", run({ backup_set_id: 900 }), key);
    expect(ref.status).toBe(409);
    expect(ref.body.error.field).toBe("backup_set_id");
    const missing = await put("restore-runs", "1", "25", run({ backup_set_id: 12345 }), key);
    expect(missing.status).toBe(400);
    expect(rowsOf<{ status: string }>(await db.execute(sql`select status from restore_runs where id = 9000`))[0]!.status).toBe("completed");
  });

  it("answers 413 for a body over 5 MB", async () => {
    const key = await newKey(1);
    const huge = JSON.stringify(run({ metadata: { blob: "x".repeat(5 * 1024 * 1024) } }));
    expect((await put("restore-runs", "1", "26", huge, key)).status).toBe(413);
  });

  it("accepts a future-dated record and warns about it", async () => {
    const key = await newKey(1);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const r = await put("backup-sets", "1", "40", { name: "future", status: "completed", completed_at: future }, key);
    expect(r.status).toBe(200);
    expect(r.body.warnings.join(" ")).toMatch(/backup_sets\[0\]\.completed_at .*future/);
    // Clock skew never buys confidence (spec §9): the answer's backup health is degraded by it.
    expect(r.body.backupHealth).toMatchObject({ posture: "degraded", primaryReason: "latest_backup_time_in_future" });
    // Replacing the record with a placeable time lifts the skew (the later tests expect current backups).
    const fixed = await put("backup-sets", "1", "40", { name: "future", status: "completed", completed_at: new Date(Date.now() - 60_000).toISOString() }, key);
    expect(fixed.body.backupHealth.primaryReason).not.toBe("latest_backup_time_in_future");
  });

  it("a write repeated 100 times changes nothing after the first and emits one event", async () => {
    let key = "";
    await createWebhookEndpoint({ tenantId: 1, url: "http://127.0.0.1:3459/never", actor: system }, db);
    const before = await count("select count(*) as n from webhook_events where tenant_id = 1");
    const body = run({ status: "partial", created_at: "2026-11-30T12:00:00Z", completed_at: "2026-11-30T12:30:00Z", results: { items: [{ key: "p", status: "partial" }] } });
    const answers = [];
    for (let i = 0; i < 100; i++) {
      if (i % 30 === 0) key = await newKey(1); // stay under this file's per-key rate (40 a minute)
      answers.push(await put("restore-runs", "1", "27", body, key));
    }
    expect(answers.map((a) => a.status).every((s) => s === 200)).toBe(true);
    expect(answers.filter((a) => a.body.changed).length).toBe(1);
    expect(await count("select count(*) as n from webhook_events where tenant_id = 1") - before).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.evidence))).size).toBe(1);
  });

  it("records each ingest request in the audit log", async () => {
    const n = await count("select count(*) as n from audit_events where action = 'ingest.request'");
    expect(n).toBeGreaterThan(100);
  });
});

describe("batch", () => {
  it("writes up to 1,000 records of sets, operation runs and runs, answering each run with its attention", async () => {
    const key = await newKey(1);
    const restore_runs = Array.from({ length: 997 }, (_, i) => ({ id: 100_000 + i, ...run({ status: "completed", results: CLEAN, backup_set_id: 500, operation_run_id: 600, completed_at: "2026-11-29T10:00:00Z" }) }));
    const r = await batch("1", {
      backup_sets: [{ id: 500, name: "daily", status: "completed", completed_at: new Date().toISOString() }],
      operation_runs: [{ id: 600, type: "restore.execute", status: "completed", outcome: "succeeded" }, { id: 601, type: "restore.execute", status: "queued", outcome: "pending" }],
      restore_runs,
    }, key);
    expect(r.status).toBe(200);
    expect(r.body.records.restore_runs).toHaveLength(997);
    expect(r.body.records.restore_runs[0].attention.state).toBe("completed");
    expect(r.body.written).toBe(1000);
    expect(r.body.backupHealth.posture).toBe("healthy");
    const again = await batch("1", { restore_runs: restore_runs.slice(0, 10) }, key);
    expect(again.body.written).toBe(0);
  });

  it("is all or nothing: one bad record at index 500 writes nothing, and more than 1,000 records are refused", async () => {
    const key = await newKey(1);
    const restore_runs = Array.from({ length: 600 }, (_, i) => ({ id: 200_000 + i, ...run() }));
    (restore_runs[500] as Record<string, unknown>).created_at = "not a time";
    const bad = await batch("1", { restore_runs }, key);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ array: "restore_runs", index: 500, field: "created_at" });
    const conflict = await batch("1", { restore_runs: [{ id: 200_001, ...run() }, { id: 9000, ...run() }] }, key);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ array: "restore_runs", index: 1, field: "id" });
    expect(await count("select count(*) as n from restore_runs where id between 200000 and 200999")).toBe(0);
    const tooMany = await batch("1", { restore_runs: Array.from({ length: 1001 }, (_, i) => ({ id: 300_000 + i, ...run() })) }, key);
    expect(tooMany.status).toBe(400);
    expect((await batch("1", { tenants: [] }, key)).status).toBe(400);
    expect((await batch("1", { restore_runs: [run()] }, key)).body.error.field).toBe("id");
  });
});

describe("logs", () => {
  it("never carry an ingest key: the redaction scrubs it from text", async () => {
    const { redactText } = await import("@/lib/redact");
    const { key } = await createApiKey({ tenantId: 1, name: "log check", actor: system }, db);
    expect(redactText(`failed for Authorization: Bearer ${key} and ${key}`)).not.toContain(key.slice(4));
  });
});
