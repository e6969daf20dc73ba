/**
 * Several webhook workers (a cluster's app processes each run one): on PostgreSQL two real worker
 * processes share one outbox, and each event is claimed by one of them at a time (FOR UPDATE SKIP LOCKED
 * plus a lease), so a receiver that answers every request sees each webhook-id exactly once. The embedded
 * database cannot be shared: a second worker process on the same directory is refused, never run beside
 * the first. (A worker SIGKILLed mid-delivery: scripts/worker-kill.test.ts.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createWebhookEndpoint } from "../db/queries/webhooks";
import { importDataset, parseDataset } from "../db/import/importer";
import { writeEvidence } from "../db/write/evidence-writer";
import { closeDb, resetTestDb } from "../test/db";
import { WebhookReceiver } from "../test/webhook-receiver";

const usePostgres = Boolean(process.env.DATABASE_URL);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "rp-two-workers-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PGLITE_DIR: path.join(work, "db"),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
  WEBHOOK_POLL_MS: "50",
  WEBHOOK_LEASE_MS: "30000",
};
const children: ChildProcess[] = [];
const receiver = new WebhookReceiver();

function startWorker(): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  children.push(child);
  return { child, stderr: () => err };
}
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
async function until(what: string, check: () => boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await Promise.all(children.map(exited));
  await receiver.stop();
  if (usePostgres) await closeDb();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`two webhook worker processes (${usePostgres ? "postgres" : "embedded"})`, () => {
  if (usePostgres) {
    it("share one outbox: every event delivered, each webhook-id exactly once", async () => {
      const db = await resetTestDb();
      const url = await receiver.start();
      await importDataset(db, parseDataset({ tenants: [{ id: 1, name: "Two", slug: "two" }] }).dataset);
      const system = { type: "system" as const, id: null, label: "test" };
      receiver.secret = (await createWebhookEndpoint({ tenantId: 1, url, eventTypes: ["recovery_evidence.changed"], actor: system }, db)).secret;
      const workers = [startWorker(), startWorker()];
      const N = 30;
      for (let i = 0; i < N; i++) {
        const at = new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();
        const status = i % 2 === 0 ? "failed" : "completed";
        const runs = parseDataset({
          restore_runs: [{ id: 500 + i, tenant_id: 1, status, is_dry_run: false, created_at: at, completed_at: at,
            results: { items: [{ key: "p", status: status === "completed" ? "applied" : "failed" }] } }],
        }).dataset.restore_runs;
        const r = await db.transaction((tx) => writeEvidence(tx, { backup_sets: [], operation_runs: [], restore_runs: runs }, { mode: "upsert" }));
        expect(r.events).toBe(1);
      }
      await until(`${N} distinct events`, () => receiver.ids().size === N);
      // Every delivery recorded as delivered (a delivered row is never claimed again): any duplicate claim
      // would have shown as a second request for one webhook-id by now.
      const { sql } = await import("drizzle-orm");
      const { rowsOf } = await import("../db/client");
      const pending = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from webhook_deliveries where status <> 'delivered'`))[0]!.n;
      const deadline = Date.now() + 30_000;
      while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await pending()).toBe(0);
      for (const w of workers) w.child.kill("SIGTERM");
      await Promise.all(workers.map((w) => exited(w.child)));
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      expect(receiver.received).toHaveLength(N);
      const attempts = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from webhook_attempts`))[0]!.n;
      expect(attempts).toBe(N);
    }, 180_000);
  } else {
    it("a second worker process on the same embedded directory is refused while the first runs", async () => {
      const first = startWorker();
      await until("the first worker to start", () => /worker running/.test(first.stderr()));
      const second = startWorker();
      await exited(second.child);
      expect(second.child.exitCode).not.toBe(0);
      expect(second.stderr()).toMatch(/open in another process/);
      expect(first.child.exitCode).toBeNull();
      first.child.kill("SIGTERM");
      await exited(first.child);
    }, 180_000);
  }
});
