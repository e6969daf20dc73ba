/**
 * DATABASE_URL=postgres://… node --import tsx bench/ingest.ts [--port 3452] [--batches 15] [--puts 300]
 *
 * Issue 12's targets against the production server (`next build` first) on PostgreSQL, on the database
 * DATABASE_URL names (its data is REPLACED):
 *  - batch ingest: 4 concurrent clients, each its own tenant and key, POSTing batches of 1,000 restore runs
 *    (each batch changes the tenant's evidence, so every batch also writes an outbox event) → runs/s;
 *  - single PUT p95 vs the evidence API's p95 (same concurrency: 4);
 *  - webhook delivery: a local receiver; time from a PUT's answer to its event's arrival → p95.
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { serverNodeOptions } from "../scripts/server-options";
import { allowServerModules } from "../scripts/server-modules";
import { WebhookReceiver } from "../test/webhook-receiver";

allowServerModules();
const { closeDb, getDb } = await import("../db/client");
const { importDataset, parseDataset } = await import("../db/import/importer");
const { migrateDb } = await import("../db/migrate");
const { createApiKey } = await import("../db/queries/api-keys");
const { createWebhookEndpoint } = await import("../db/queries/webhooks");

const { values } = parseArgs({ options: { port: { type: "string", default: "3452" }, batches: { type: "string", default: "15" }, puts: { type: "string", default: "300" } } });
if (!process.env.DATABASE_URL) throw new Error("bench/ingest.ts measures PostgreSQL: set DATABASE_URL (its data is replaced).");
const port = values.port!;
const base = `http://127.0.0.1:${port}`;
const CLIENTS = 4;
const PASSWORD = "bench-ingest-password";
const system = { type: "system" as const, id: null, label: "bench" };

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await migrateDb();
  const db = getDb();
  const tenantIds = [1, 2, 3, 4, 5];
  await importDataset(db, parseDataset({
    tenants: tenantIds.map((id) => ({ id, name: `Bench ${id}`, slug: `bench-${id}` })),
    backup_sets: tenantIds.map((id) => ({ id, tenant_id: id, name: "daily", status: "completed", completed_at: new Date().toISOString() })),
    users: [{ email: "bench@example.test", name: "Bench", password: PASSWORD, memberships: tenantIds.map((id) => ({ tenant_id: id, role: "owner" })) }],
  }).dataset, { replace: true });
  const keys = await Promise.all(tenantIds.map(async (tenantId) => (await createApiKey({ tenantId, name: "bench", actor: system }, db)).key));
  const receiver = new WebhookReceiver();
  const url = await receiver.start();
  const secrets = new Map<number, string>();
  for (const tenantId of tenantIds) secrets.set(tenantId, (await createWebhookEndpoint({ tenantId, url, actor: system }, db)).secret);
  receiver.secret = secrets.get(1)!;
  await closeDb();

  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", port], {
    env: { ...process.env, NODE_ENV: "production", APP_URL: base, NODE_OPTIONS: serverNodeOptions(), WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      INGEST_REQUESTS_PER_MINUTE: "1000000", BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-000", SIGN_IN_ATTEMPTS_PER_MINUTE: "1000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error("server did not start");
      if (await fetch(`${base}/api/ping`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "bench@example.test", password: PASSWORD }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    // 1. Batch throughput.
    const batches = Number(values.batches);
    const batchBody = (client: number, b: number) => JSON.stringify({
      restore_runs: Array.from({ length: 1000 }, (_, i) => {
        const at = new Date(Date.UTC(2026, 0, 1) + (b * 1000 + i) * 1000).toISOString();
        return { id: client * 10_000_000 + b * 1000 + i + 1, status: b % 2 ? "completed" : "failed", is_dry_run: false, created_at: at, completed_at: at,
          backup_set_id: client, results: { items: [{ key: `p:${i}`, status: b % 2 ? "applied" : "failed" }] }, metadata: { scope_basis: "full" } };
      }),
    });
    // Warm-up batch per client (not timed).
    await Promise.all([1, 2, 3, 4].map((c) => fetch(`${base}/api/v1/tenants/${c}/batch`, { method: "POST", headers: { authorization: `Bearer ${keys[c - 1]}`, "content-type": "application/json" }, body: batchBody(c, 999) })));
    const started = performance.now();
    const batchMs: number[] = [];
    await Promise.all([1, 2, 3, 4].map(async (c) => {
      for (let b = 0; b < batches; b++) {
        const body = batchBody(c, b);
        const t = performance.now();
        const r = await fetch(`${base}/api/v1/tenants/${c}/batch`, { method: "POST", headers: { authorization: `Bearer ${keys[c - 1]}`, "content-type": "application/json" }, body });
        if (r.status !== 200) throw new Error(`batch answered ${r.status}: ${await r.text()}`);
        await r.arrayBuffer();
        batchMs.push(performance.now() - t);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const runsPerSecond = (CLIENTS * batches * 1000) / seconds;

    // 2. PUT p95 vs evidence p95, 4 concurrent clients each writing its own tenant (1–4), and
    // 3. webhook latency of those writes' events (signatures checked for tenant 1's).
    const puts = Number(values.puts);
    const putMs: number[] = [];
    const answeredAt = new Map<number, number>();
    let next = 0;
    const firstEvent = receiver.received.length;
    await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
      const tenant = client + 1;
      while (next < puts) {
        const n = next++;
        const id = 50_000_000 + n;
        const at = new Date(Date.UTC(2026, 1, 1) + n * 1000).toISOString();
        const t = performance.now();
        const r = await fetch(`${base}/api/v1/tenants/${tenant}/restore-runs/${id}`, { method: "PUT", headers: { authorization: `Bearer ${keys[tenant - 1]}`, "content-type": "application/json" },
          body: JSON.stringify({ status: n % 2 ? "completed" : "failed", is_dry_run: false, created_at: at, completed_at: at, results: { items: [{ key: "p", status: n % 2 ? "applied" : "failed" }] } }) });
        if (r.status !== 200) throw new Error(`PUT answered ${r.status}`);
        await r.arrayBuffer();
        putMs.push(performance.now() - t);
        answeredAt.set(id, Date.now());
      }
    }));
    const evidenceMs: number[] = [];
    let e = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (e++ < puts) {
        const t = performance.now();
        const r = await fetch(`${base}/api/tenants/${1 + (e % 5)}/recovery-evidence`, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`evidence answered ${r.status}`);
        await r.arrayBuffer();
        evidenceMs.push(performance.now() - t);
      }
    }));
    const mine = () => receiver.received.slice(firstEvent).filter((r) => r.answered === 204 && r.body?.data?.current?.latestRelevantRestoreRunId >= 50_000_000);
    await receiver.until(() => new Set(mine().map((r) => r.body.data.current.latestRelevantRestoreRunId)).size >= answeredAt.size - 1, 60_000).catch(() => {});
    const latencies = [...answeredAt].flatMap(([id, at]) => {
      const got = mine().find((r) => r.body.type === "recovery_evidence.changed" && r.body.data.current.latestRelevantRestoreRunId === id);
      return got ? [got.at - at] : [];
    });
    const report = {
      when: new Date().toISOString(),
      batch: { clients: CLIENTS, batches, runsPerBatch: 1000, seconds: +seconds.toFixed(2), runsPerSecond: Math.round(runsPerSecond), medianBatchMs: Math.round(median(batchMs)), p95BatchMs: Math.round(p95(batchMs)), target: ">= 5000 runs/s", pass: runsPerSecond >= 5000 },
      put: { requests: puts, p95Ms: +p95(putMs).toFixed(1), medianMs: +median(putMs).toFixed(1) },
      evidence: { requests: evidenceMs.length, p95Ms: +p95(evidenceMs).toFixed(1), medianMs: +median(evidenceMs).toFixed(1) },
      putOverEvidenceP95: +(p95(putMs) / p95(evidenceMs)).toFixed(2),
      putTarget: "<= 3x", putPass: p95(putMs) <= 3 * p95(evidenceMs),
      webhook: { events: latencies.length, of: answeredAt.size, p95Ms: latencies.length ? Math.round(p95(latencies)) : null, medianMs: latencies.length ? Math.round(median(latencies)) : null, target: "<= 5000 ms", pass: latencies.length > 0 && p95(latencies) <= 5000 },
      tenant1SignaturesVerified: receiver.received.filter((r) => r.body?.data?.tenantId === 1).every((r) => r.verified),
    };
    console.log(JSON.stringify(report, null, 2));
    await receiver.stop();
  } finally {
    server.kill("SIGTERM");
  }
}

await main();
