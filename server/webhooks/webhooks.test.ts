/**
 * Change events end to end in one process, on a real database and a real HTTP receiver: writes through the
 * one write module, the outbox, the worker's signed deliveries, retries while the receiver is down, the
 * same webhook-id on every duplicate, and time-driven changes found by the sweep.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import { importDataset, parseDataset } from "@/db/import/importer";
import { createWebhookEndpoint, listRecentDeliveries, revokeWebhookEndpoint } from "@/db/queries/webhooks";
import { writeEvidence } from "@/db/write/evidence-writer";
import { closeDb, databaseKind, resetTestDb } from "@/test/db";
import { WebhookReceiver } from "@/test/webhook-receiver";
import { claimDueDeliveries, releaseBackoff, retryDelayMs } from "./delivery";
import { checkWebhookTarget, WebhookTargetError } from "./targets";
import { startWebhookWorker, sweepTimeDrivenChanges, type RunningWorker } from "./worker";

const system = { type: "system" as const, id: null, label: "test" };
const HOUR = 3_600_000;
let db: Database;
let worker: RunningWorker | null = null;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  db = await resetTestDb();
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  receiver.mode = "ok";
});
afterAll(async () => {
  await receiver.stop();
  await closeDb();
});

let nextTenant = 10;
async function tenantWithEndpoint(url: string, extra: Record<string, unknown> = {}, events?: Parameters<typeof createWebhookEndpoint>[0]["eventTypes"]) {
  const id = nextTenant++;
  await importDataset(db, parseDataset({ tenants: [{ id, name: `T${id}`, slug: `t${id}`, ...extra }] }).dataset);
  const { secret, endpoint } = await createWebhookEndpoint({ tenantId: id, url, eventTypes: events, actor: system }, db);
  receiver.secret = secret;
  return { tenantId: id, endpointId: endpoint.id };
}

let nextRun = 1000;
async function writeRun(tenantId: number, status: string, at = new Date()) {
  const record = parseDataset({
    restore_runs: [{ id: nextRun++, tenant_id: tenantId, status, is_dry_run: false, created_at: at.toISOString(), completed_at: at.toISOString(),
      results: { items: [{ key: "p", status: status === "completed" ? "applied" : "failed" }] } }],
  }).dataset;
  return db.transaction((tx) => writeEvidence(tx, { backup_sets: [], operation_runs: [], restore_runs: record.restore_runs }, { mode: "upsert" }));
}

async function eventually(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const fast = { pollMs: 100, sweepMs: 300_000, allowPrivateTargets: true, retryBaseMs: 200, retryHours: 25, leaseMs: 5_000, db: undefined as Database | undefined };

describe("delivery", () => {
  it("delivers each change signed per Standard Webhooks, with the §13 payload, within seconds of the write", async () => {
    const url = await receiver.start();
    const { tenantId } = await tenantWithEndpoint(url);
    worker = startWebhookWorker({ ...fast, db });
    const wrote = Date.now();
    const result = await writeRun(tenantId, "failed");
    expect(result.events).toBe(1);
    await receiver.until(() => receiver.received.some((r) => r.body?.data?.tenantId === tenantId));
    const got = receiver.received.find((r) => r.body?.data?.tenantId === tenantId)!;
    expect(got.verified).toBe(true);
    expect(got.at - wrote).toBeLessThan(5_000);
    expect(got.body).toMatchObject({
      id: got.webhookId,
      type: "recovery_evidence.changed",
      timestamp: expect.any(String),
      data: {
        tenantId,
        previous: { tenantId, overviewState: "unvalidated", latestRelevantRestoreRunId: null },
        current: { tenantId, overviewState: "weakened", latestRelevantAttentionState: "failed", headline: "Recovery evidence is weakened" },
      },
    });
    await eventually(async () => (await listRecentDeliveries(tenantId, 20, db))[0]?.status === "delivered");
    const deliveries = await listRecentDeliveries(tenantId, 20, db);
    expect(deliveries[0]).toMatchObject({ status: "delivered", attemptCount: 1, attempts: [{ ok: true, responseStatus: 204 }] });
  });

  it("keeps retrying while the receiver is down and delivers everything once it is back; duplicates carry one webhook-id", async () => {
    if (!receiver.port) await receiver.start();
    await receiver.stop();
    const url = `http://127.0.0.1:${receiver.port}/hook`;
    const { tenantId } = await tenantWithEndpoint(url);
    worker = startWebhookWorker({ ...fast, db });
    await writeRun(tenantId, "failed");
    await writeRun(tenantId, "completed", new Date(Date.now() + 1000));
    // Refused connections are recorded as attempts and rescheduled.
    const failedAttempts = async () => (await listRecentDeliveries(tenantId, 20, db)).flatMap((d) => d.attempts.filter((a) => !a.ok)).length;
    await eventually(async () => (await failedAttempts()) >= 4);
    // Back, answering 503 at first: the events arrive, stay due, and come again with the same ids.
    receiver.mode = "fail";
    await receiver.start(receiver.port);
    const mine = () => receiver.received.filter((r) => r.body?.data?.tenantId === tenantId);
    await receiver.until(() => new Set(mine().map((r) => r.webhookId)).size === 2);
    receiver.mode = "ok";
    await eventually(async () => (await listRecentDeliveries(tenantId, 20, db)).every((d) => d.status === "delivered"));
    const deliveries = await listRecentDeliveries(tenantId, 20, db);
    expect(deliveries).toHaveLength(2);
    expect(new Set(mine().map((r) => r.webhookId))).toStrictEqual(new Set(deliveries.map((d) => d.eventId)));
    expect(mine().length).toBeGreaterThan(2);
    expect(mine().every((r) => r.verified)).toBe(true);
    for (const d of deliveries) {
      expect(d.attempts[0]).toMatchObject({ ok: true, responseStatus: 204 });
      expect(d.attempts.some((a) => a.responseStatus === 503)).toBe(true);
      expect(d.attempts.some((a) => a.responseStatus === null && a.error)).toBe(true);
    }
  });

  it("a success to an endpoint makes its deliveries waiting in backoff due at once", async () => {
    const url = receiver.port ? `http://127.0.0.1:${receiver.port}/hook` : await receiver.start();
    const { tenantId } = await tenantWithEndpoint(url);
    await writeRun(tenantId, "failed");
    // As if it had failed many times: its next attempt is an hour away.
    await db.execute(sql`update webhook_deliveries d set next_attempt_at = now() + interval '1 hour', attempt_count = 9
      from webhook_endpoints e where e.id = d.endpoint_id and e.tenant_id = ${tenantId}`);
    worker = startWebhookWorker({ ...fast, db });
    await writeRun(tenantId, "completed", new Date(Date.now() + 1000));
    await eventually(async () => (await listRecentDeliveries(tenantId, 20, db)).every((d) => d.status === "delivered"), 15_000);
    expect(new Set(receiver.received.filter((r) => r.body?.data?.tenantId === tenantId).map((r) => r.webhookId)).size).toBe(2);
  });

  it("claims due deliveries safely for several workers: concurrent claims never return the same row", async () => {
    const { tenantId } = await tenantWithEndpoint("http://127.0.0.1:9/never");
    for (let i = 0; i < 6; i++) await writeRun(tenantId, i % 2 ? "completed" : "failed", new Date(Date.now() + i * 1000));
    const [a, b] = await Promise.all([claimDueDeliveries(db, 3, 60_000), claimDueDeliveries(db, 3, 60_000)]);
    const ids = [...a, ...b].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(6);
    // Claimed rows are leased: nothing of them is due again until the lease ends.
    expect((await claimDueDeliveries(db, 10, 60_000)).filter((c) => ids.includes(c.id))).toHaveLength(0);
  });

  it("a success elsewhere never makes a delivery that another worker claimed after that transaction began due again", async () => {
    const { tenantId, endpointId } = await tenantWithEndpoint("http://127.0.0.1:9/never");
    await writeRun(tenantId, "failed");
    const leaseMs = 60_000;
    const stillLeased = async (ids: number[]) => (await claimDueDeliveries(db, 10, leaseMs)).filter((c) => ids.includes(c.id)).length === 0;
    if (databaseKind() === "postgres") {
      // The recording worker's transaction begins; another worker claims (on another connection) after that.
      let claimedIds: number[] = [];
      await db.transaction(async (tx) => {
        await tx.execute(sql`select now()`);
        await new Promise((r) => setTimeout(r, 50));
        claimedIds = (await claimDueDeliveries(db, 10, leaseMs)).map((c) => c.id);
        expect(claimedIds.length).toBe(1);
        await releaseBackoff(tx, endpointId, leaseMs);
      });
      expect(await stillLeased(claimedIds)).toBe(true);
    } else {
      const claimedIds = (await claimDueDeliveries(db, 10, leaseMs)).map((c) => c.id);
      expect(claimedIds.length).toBe(1);
      await db.transaction((tx) => releaseBackoff(tx, endpointId, leaseMs));
      expect(await stillLeased(claimedIds)).toBe(true);
    }
  });

  it("backs off exponentially, capped at 10 minutes, for at least 24 hours by default", async () => {
    const { workerOptionsFromEnv } = await import("./worker");
    expect(workerOptionsFromEnv().retryHours).toBeGreaterThanOrEqual(24);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5_000))).toStrictEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(40, 5_000)).toBe(10 * 60_000);
  });
});

describe("events", () => {
  it("a write that changes nothing, or only what no event compares, emits nothing; revoking stops the tenant's events", async () => {
    const { tenantId, endpointId } = await tenantWithEndpoint("http://127.0.0.1:9/never");
    expect((await writeRun(tenantId, "queued")).events).toBe(0);
    expect((await writeRun(tenantId, "failed")).events).toBe(1);
    expect(await revokeWebhookEndpoint({ id: endpointId, actor: system }, db)).toBe(true);
    expect((await writeRun(tenantId, "completed", new Date(Date.now() + 1000))).events).toBe(0);
  });

  // The sweep looks at every watched tenant; each test counts the events of its own tenant.
  const eventsOf = async (tenantId: number, type: string) =>
    rowsOf<{ payload: string }>(await db.execute(sql`select payload from webhook_events where tenant_id = ${tenantId} and type = ${type} order by created_at, id`)).map((r) => JSON.parse(r.payload));

  it("the sweep emits backup_health.changed when a backup turns stale by time alone, once", async () => {
    const { tenantId } = await tenantWithEndpoint("http://127.0.0.1:9/never", {}, ["backup_health.changed"]);
    const done = new Date(Date.now() - 23 * HOUR).toISOString();
    const sets = parseDataset({ backup_sets: [{ id: 70_000 + tenantId, tenant_id: tenantId, name: "daily", status: "completed", completed_at: done }] }).dataset;
    await db.transaction((tx) => writeEvidence(tx, { backup_sets: sets.backup_sets, operation_runs: [], restore_runs: [] }, { mode: "upsert" }));
    expect((await eventsOf(tenantId, "backup_health.changed")).map((e) => e.data.current.posture)).toStrictEqual(["healthy"]);
    await sweepTimeDrivenChanges(db, new Date());
    expect(await eventsOf(tenantId, "backup_health.changed")).toHaveLength(1);
    const later = new Date(Date.now() + 2 * HOUR);
    await sweepTimeDrivenChanges(db, later);
    await sweepTimeDrivenChanges(db, later);
    const events = await eventsOf(tenantId, "backup_health.changed");
    expect(events).toHaveLength(2);
    expect(events[1].data).toMatchObject({ tenantId, previous: { posture: "healthy" }, current: { posture: "stale", primaryReason: "latest_backup_stale" } });
  });

  it("the sweep emits restore_evidence.stale when the freshness window passes", async () => {
    const { tenantId } = await tenantWithEndpoint("http://127.0.0.1:9/never", {}, ["restore_evidence.stale"]);
    await writeRun(tenantId, "completed", new Date(Date.now() - 89 * 24 * HOUR));
    await sweepTimeDrivenChanges(db, new Date());
    expect(await eventsOf(tenantId, "restore_evidence.stale")).toHaveLength(0);
    await sweepTimeDrivenChanges(db, new Date(Date.now() + 2 * 24 * HOUR));
    const [event, ...more] = await eventsOf(tenantId, "restore_evidence.stale");
    expect(more).toHaveLength(0);
    expect(event.data).toMatchObject({ tenantId, current: { overviewState: "no_recent_issues_visible" } });
  });
});

describe("targets", () => {
  it.each(["http://127.0.0.1/x", "http://10.1.2.3/", "http://192.168.1.1/", "http://[::1]/", "http://169.254.169.254/latest", "http://localhost:3000/", "http://[::ffff:127.0.0.1]/"])(
    "refuses the private or loopback target %s",
    async (url) => {
      await expect(checkWebhookTarget(url, false)).rejects.toThrow(WebhookTargetError);
    },
  );
  it("refuses non-http schemes and credentials, and allows private targets only when told to", async () => {
    await expect(checkWebhookTarget("ftp://example.com/", false)).rejects.toThrow(/http/);
    await expect(checkWebhookTarget("https://u:p@example.com/", false)).rejects.toThrow(/password/);
    await expect(checkWebhookTarget("http://8.8.8.8/hook", false)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookTarget("http://127.0.0.1:3451/hook", true)).resolves.toBeInstanceOf(URL);
  });
});
