/**
 * The cluster, for real (npm run test:cluster): nginx → two app processes → PostgreSQL primary with a
 * streaming replica, all started by the global setup. Sign-in and every page and API on either process;
 * a paused and a lagging replica never make a surface more positive than the primary (each answer either
 * shows the new failure, or came from the replica with an "as of" before the write and within the lag
 * bound); one app process SIGKILLed under a bounded load fails no request beyond those in flight, and
 * every webhook event arrives (at least once, signed, one webhook-id per event).
 */
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../db/seed/demo-dataset";
import { WebhookReceiver } from "../../test/webhook-receiver";
import { alive, signalGroup, startApp, waitForHttp } from "./apps";
import { get, ingest, signIn, type Answer } from "./client";
import { readState } from "./cluster";
import { lbUrl, primaryUrl, statePath, type ClusterState } from "./config";
import { restartPostgres, stopPostgres, withAdmin } from "./postgres";
import fs from "node:fs";

const BOUND_MS = Number(process.env.REPLICA_MAX_LAG_MS ?? 5_000);
const CHECK_MS = Number(process.env.REPLICA_LAG_CHECK_MS ?? 1_000);
/** Time for one round of requests on a shared 2-core machine, on top of the guard's own delays. */
const SLACK_MS = 2_500;

let state: ClusterState;
let base: string;
let db: postgres.Sql;
let operator: string;
let northwind: number;
let key: string;
const receiver = new WebhookReceiver();

function cli(script: string, args: string[]): string[] {
  const env = { ...process.env, DATABASE_URL: primaryUrl(state.config), DATABASE_REPLICA_URL: "" };
  const r = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${script} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim().split("\n");
}

beforeAll(async () => {
  state = readState()!;
  base = lbUrl(state.config);
  db = postgres(primaryUrl(state.config), { max: 2, onnotice: () => {} });
  operator = await signIn(base, DEMO_USERS.operator);
  const [t] = await db`select m.tenant_id from memberships m join users u on u.id = m.user_id where u.email = ${DEMO_USERS.operator}`;
  northwind = Number(t!.tenant_id);
  key = cli("scripts/api-keys.ts", ["create", "--tenant", String(northwind), "--name", "cluster suite"]).at(-1)!;
});
afterAll(async () => {
  await receiver.stop();
  await db?.end({ timeout: 5 });
});

let nextRunId = 900_000;
async function writeRun(status: "failed" | "completed"): Promise<{ id: number; writeAt: number; json: any }> {
  const id = nextRunId++;
  const writeAt = Date.now();
  const at = new Date(writeAt).toISOString();
  const r = await ingest(base, key, `/api/v1/tenants/${northwind}/restore-runs/${id}`, {
    status, is_dry_run: false, created_at: at, completed_at: at,
    results: { items: [{ key: "policy:1", status: status === "failed" ? "failed" : "applied" }] },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { id, writeAt, json: r.json };
}

/** One round over the evidence surfaces of the operator's current tenant; `shows` = reflects run `id`. */
async function surfaces(id: number): Promise<Array<{ name: string; answer: Answer; shows: boolean }>> {
  const [evidence, fleet, dashboard, runs, fleetPage] = await Promise.all([
    get(`${base}/api/tenants/${northwind}/recovery-evidence`, operator),
    get(`${base}/api/fleet`, operator),
    get(`${base}/dashboard`, operator),
    get(`${base}/restore-runs`, operator),
    get(`${base}/fleet`, operator),
  ]);
  const json = (a: Answer): any => {
    try {
      return JSON.parse(a.text);
    } catch {
      return null;
    }
  };
  const ev = json(evidence) ?? {};
  const row = ((json(fleet)?.tenants ?? []) as any[]).find((t) => t.tenantId === northwind);
  return [
    { name: "evidence API", answer: evidence, shows: ev.latestRelevantRestoreRunId === id },
    { name: "fleet API", answer: fleet, shows: row?.latestRelevantRestoreRunId === id },
    { name: "dashboard", answer: dashboard, shows: dashboard.text.includes(`/restore-runs/${id}`) },
    { name: "restore runs", answer: runs, shows: runs.text.includes(`/restore-runs/${id}`) },
    { name: "fleet page", answer: fleetPage, shows: fleetPage.text.includes(`/restore-runs/${id}`) },
  ];
}

/** The never-overclaim rule for one answer about a write made at `writeAt`. */
function assertHonest(s: { name: string; answer: Answer; shows: boolean }, writeAt: number) {
  expect(s.answer.status, s.name).toBe(200);
  expect(s.answer.asOf, `${s.name} names its "as of" instant`).not.toBeNull();
  if (s.shows) return;
  // Not showing the write: only from the replica, with data as of before the write, within the bound.
  expect({ name: s.name, source: s.answer.source }).toEqual({ name: s.name, source: "replica" });
  expect(s.answer.asOf!).toBeLessThan(writeAt);
  expect(s.answer.at - s.answer.asOf!).toBeLessThanOrEqual(BOUND_MS + SLACK_MS);
}

/** Rounds of every surface until all show run `id`; every round is checked by assertHonest. */
async function untilAllShow(id: number, writeAt: number, withinMs: number) {
  const rounds: Array<Awaited<ReturnType<typeof surfaces>>> = [];
  for (;;) {
    const round = await surfaces(id);
    rounds.push(round);
    for (const s of round) assertHonest(s, writeAt);
    if (round.every((s) => s.shows)) return { rounds, last: round, doneAt: Date.now() };
    if (Date.now() - writeAt > withinMs) throw new Error(`not every surface showed run ${id} within ${withinMs} ms: ${round.filter((s) => !s.shows).map((s) => s.name)}`);
  }
}

async function untilReplicaServes(id: number) {
  const deadline = Date.now() + 60_000;
  const seen = new Set<string>();
  while (seen.size < state.config.appPorts.length) {
    const ev = await get(`${base}/api/tenants/${northwind}/recovery-evidence`, operator);
    if (ev.source === "replica" && JSON.parse(ev.text).latestRelevantRestoreRunId === id) seen.add(ev.upstream!);
    if (Date.now() > deadline) throw new Error("the replica did not serve the latest write on every process");
  }
}

describe("through nginx, on either process", () => {
  it("a session made on one process is valid on the other; every page and API answers on both", async () => {
    const [portA, portB] = state.config.appPorts;
    const owner = await signIn(`http://127.0.0.1:${portA}`, DEMO_USERS.owner);
    const [run] = await db`select id from restore_runs order by id limit 1`;
    const [set] = await db`select id from backup_sets order by id limit 1`;
    const paths = [
      "/dashboard", "/fleet", "/restore-runs", `/restore-runs/${run!.id}`, "/backup-sets", `/backup-sets/${set!.id}`,
      "/tenants", "/settings", "/audit",
      `/api/tenants/${northwind}/recovery-evidence`, `/api/tenants/${northwind}/backup-health`, `/api/restore-runs/${run!.id}`,
      "/api/fleet", "/api/fleet/export?format=csv", `/api/tenants/${northwind}/restore-runs/export?format=json`,
    ];
    for (const p of paths) {
      for (const port of [portA, portB]) {
        const a = await get(`http://127.0.0.1:${port}${p}`, owner);
        expect({ p, port, status: a.status }).toEqual({ p, port, status: 200 });
        if (p.startsWith("/api/") && !p.includes("export")) expect(a.headers.get("x-data-as-of"), p).not.toBeNull();
      }
      const upstreams = new Set<string>();
      for (let i = 0; i < 6 && upstreams.size < 2; i++) {
        const a = await get(`${base}${p}`, owner);
        expect({ p, status: a.status }).toEqual({ p, status: 200 });
        upstreams.add(a.upstream!);
      }
      expect(upstreams.size, `${p} answered by both processes through nginx`).toBe(2);
    }
    for (const p of ["/dashboard", "/fleet", "/restore-runs", "/backup-sets"]) {
      expect((await get(`${base}${p}`, owner)).text, p).toContain('data-testid="data-as-of"');
    }
  });
});

describe("replica lag never makes a surface more positive than the primary", () => {
  it("paused replica: the ingest answers from the primary, every surface shows the new failure or an older 'as of', then the failure", async () => {
    const clean = await writeRun("completed");
    await untilReplicaServes(clean.id);
    await withAdmin(state.config, "replica", (sql) => sql`select pg_wal_replay_pause()`);
    try {
      const failed = await writeRun("failed");
      // Read-your-writes: the ingest response is the primary's, after the write.
      expect(failed.json.attention.state).toBe("failed");
      expect(failed.json.evidence).toMatchObject({ overviewState: "weakened", latestRelevantRestoreRunId: failed.id });
      const { rounds, doneAt, last } = await untilAllShow(failed.id, failed.writeAt, CHECK_MS + SLACK_MS);
      expect(doneAt - failed.writeAt).toBeLessThanOrEqual(CHECK_MS + SLACK_MS);
      const stale = rounds.flat().filter((s) => !s.shows);
      console.log(`[cluster] paused replica: every surface showed the failure from the primary ${doneAt - failed.writeAt} ms after the write; ${stale.length} earlier answers from the replica, as of ≤ ${stale.length ? new Date(Math.max(...stale.map((s) => s.answer.asOf!))).toISOString() : "-"} (write at ${new Date(failed.writeAt).toISOString()})`);
      expect(last.every((s) => s.answer.source === "primary")).toBe(true);
      // The replica really is behind: the failed run is not there.
      const onReplica = await withAdmin(state.config, "replica", (sql) => sql`select count(*)::int as n from restore_runs where id = ${failed.id}`);
      expect(onReplica[0]!.n).toBe(0);
      // And it stays that way while paused (ten more rounds), on the detail surfaces too.
      for (let i = 0; i < 10; i++) for (const s of await surfaces(failed.id)) expect({ n: s.name, shows: s.shows }).toEqual({ n: s.name, shows: true });
      const detail = await get(`${base}/restore-runs/${failed.id}`, operator);
      expect(detail.status).toBe(200);
      expect(detail.source).toBe("primary");
      expect((await get(`${base}/api/restore-runs/${failed.id}`, operator)).status).toBe(200);
    } finally {
      await withAdmin(state.config, "replica", (sql) => sql`select pg_wal_replay_resume()`);
    }
  });

  it("lagging replica (recovery_min_apply_delay 15 s): stale answers only from the replica within the bound, then the primary's", async () => {
    const clean = await writeRun("completed");
    await untilReplicaServes(clean.id);
    await withAdmin(state.config, "replica", async (sql) => {
      await sql`alter system set recovery_min_apply_delay = '15s'`;
      await sql`select pg_reload_conf()`;
    });
    try {
      const failed = await writeRun("failed");
      expect(failed.json.evidence.latestRelevantRestoreRunId).toBe(failed.id);
      // The replica cannot show it before 15 s: every surface must show it from the primary well before.
      const { rounds, doneAt, last } = await untilAllShow(failed.id, failed.writeAt, BOUND_MS + CHECK_MS + SLACK_MS);
      expect(doneAt - failed.writeAt).toBeLessThan(15_000);
      expect(last.every((s) => s.answer.source === "primary")).toBe(true);
      const stale = rounds.flat().filter((s) => !s.shows);
      const maxAge = Math.max(0, ...stale.map((s) => s.answer.at - s.answer.asOf!));
      console.log(`[cluster] lagging replica: every surface showed the failure from the primary ${doneAt - failed.writeAt} ms after the write; ${stale.length} earlier answers from the replica, the oldest ${maxAge} ms behind when served (bound ${BOUND_MS} ms)`);
    } finally {
      await withAdmin(state.config, "replica", async (sql) => {
        await sql`alter system reset recovery_min_apply_delay`;
        await sql`select pg_reload_conf()`;
      });
    }
  });
});

describe("replica stopped", () => {
  it("answers are the primary's within the check interval; none before is a calm claim (200 with its 'as of', or 503)", async () => {
    const run = await writeRun("failed");
    await untilReplicaServes(run.id);
    const stoppedAt = Date.now();
    stopPostgres(state.config, state.pg.replica!);
    try {
      const seen: number[] = [];
      for (;;) {
        const round = await surfaces(run.id);
        for (const s of round) {
          seen.push(s.answer.status);
          expect([200, 503], s.name).toContain(s.answer.status);
          if (s.answer.status === 200) expect({ n: s.name, shows: s.shows }).toEqual({ n: s.name, shows: true });
        }
        if (round.every((s) => s.answer.status === 200 && s.answer.source === "primary")) break;
        if (Date.now() - stoppedAt > CHECK_MS + SLACK_MS + 2_000) throw new Error(`still not all from the primary: ${round.map((s) => `${s.name} ${s.answer.status} ${s.answer.source}`)}`);
      }
      console.log(`[cluster] replica stopped: all surfaces from the primary ${Date.now() - stoppedAt} ms later; ${seen.filter((x) => x === 503).length} answers 503 before`);
    } finally {
      restartPostgres(state.config, state.pg.replica!);
    }
    await untilReplicaServes(run.id);
  });
});

describe("one app process SIGKILLed under load", () => {
  it("fails no request beyond those in flight; every webhook event is delivered, signed, one id per event", async () => {
    const url = await receiver.start(Number(process.env.CLUSTER_RECEIVER_PORT ?? 3620));
    receiver.secret = cli("scripts/webhooks.ts", ["create", "--tenant", String(northwind), "--url", url, "--events", "recovery_evidence.changed"]).at(-1)!;
    const [endpoint] = await db`select id from webhook_endpoints where url = ${url} order by id desc limit 1`;
    const [victimPort, survivorPort] = state.config.appPorts.map(String);
    const victim = state.apps[victimPort!]!;

    let inFlight = 0;
    let inFlightAtKill = -1;
    const failures: string[] = [];
    let ok = 0;
    let stop = false;
    const track = async <T>(what: string, work: () => Promise<T>, good: (t: T) => boolean) => {
      inFlight++;
      try {
        const t = await work();
        if (good(t)) ok++;
        else failures.push(what);
      } catch (e) {
        failures.push(`${what}: ${(e as Error).message}`);
      } finally {
        inFlight--;
      }
    };
    const readers = Array.from({ length: 6 }, (_, i) => (async () => {
      const paths = ["/dashboard", `/api/tenants/${northwind}/recovery-evidence`, "/api/fleet"];
      for (let n = 0; !stop; n++) {
        const p = paths[(i + n) % paths.length]!;
        await track(`GET ${p}`, () => get(`${base}${p}`, operator), (a) => a.status === 200);
      }
    })());
    let writes = 0;
    const writer = (async () => {
      for (let i = 0; i < 16; i++) {
        // Deliveries in flight at the kill: the receiver leaves them hanging from just before it.
        if (i === 4) receiver.mode = "hang";
        if (i === 5) {
          inFlightAtKill = inFlight;
          signalGroup(victim, "SIGKILL");
        }
        if (i === 8) receiver.mode = "ok";
        const id = nextRunId++;
        const at = new Date().toISOString();
        const status = i % 2 === 0 ? "failed" : "completed";
        await track(`PUT run ${id}`, () => ingest(base, key, `/api/v1/tenants/${northwind}/restore-runs/${id}`, {
          status, is_dry_run: false, created_at: at, completed_at: at,
          results: { items: [{ key: "policy:1", status: status === "failed" ? "failed" : "applied" }] },
        }), (r) => r.status === 200);
        writes++;
      }
    })();
    await writer;
    stop = true;
    await Promise.all(readers);
    const deadline = Date.now() + 10_000;
    while (alive(victim) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(victim)).toBe(false);
    console.log(`[cluster] kill under load: ${ok} requests answered, ${failures.length} failed (${inFlightAtKill} in flight at the kill): ${failures.join("; ")}`);
    expect(writes).toBe(16);
    expect(failures.length).toBeLessThanOrEqual(inFlightAtKill);

    // Every event of the endpoint is delivered (the survivor takes over the killed one's leases).
    const events = async () => db`select e.id, d.status from webhook_deliveries d join webhook_events e on e.id = d.event_id where d.endpoint_id = ${endpoint!.id}`;
    const until = Date.now() + 60_000;
    while ((await events()).some((e) => e.status !== "delivered")) {
      if (Date.now() > until) throw new Error(`undelivered: ${JSON.stringify(await events())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const ids = (await events()).map((e) => String(e.id));
    expect(ids.length).toBeGreaterThanOrEqual(16 - failures.length);
    expect(receiver.ids()).toStrictEqual(new Set(ids));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // Requests left hanging came again, under the same webhook-id (at least once, §13).
    const hung = receiver.received.filter((r) => r.answered === null).map((r) => r.webhookId);
    expect(hung.length).toBeGreaterThan(0);
    for (const id of hung) expect(receiver.received.some((r) => r.webhookId === id && r.answered === 204)).toBe(true);
    console.log(`[cluster] webhooks: ${ids.length} events, ${receiver.received.length} requests, ${hung.length} left hanging at the kill and sent again`);

    // The killed process rejoins.
    state.apps[victimPort!] = startApp(state.config, Number(victimPort));
    fs.writeFileSync(statePath(state.config), JSON.stringify(state, null, 2));
    await waitForHttp(`http://127.0.0.1:${victimPort}/api/ping`);
    expect((await get(`http://127.0.0.1:${survivorPort}/api/ping`)).status).toBe(200);
  });
});
