/** Load runs (autocannon against one endpoint, with memory and CPU accounting) and the timed bulk load. */
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import postgres from "postgres";
import { type LoadReport } from "./load/generate";
import { ENDPOINT_LABELS, type EndpointId, type Options, type PersonaName, ROOT, type SizeSpec } from "./config";
import { log, percentile, prng, round } from "./util";
import { CpuWindow, MemoryPoller } from "./meters";
import { type Target } from "./targets";
import { type PageBytes } from "./bytes";

export interface Measurement {
  persona: PersonaName | null;
  endpoint: EndpointId;
  label: string;
  targets: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  non2xx: number;
  errors: number;
  rssMaxMb: number;
  /** Share of the machine's CPU used by processes outside the benchmark during the measurement. */
  foreignCpuPct: number;
  machineBusyPct: number;
  /** Time the hypervisor gave this VM's CPUs to someone else (/proc/stat steal). */
  stealPct: number;
  /** CPU time per request (ms), from /proc: the server process group, and the bench database's backends. */
  serverCpuMsPerRequest: number;
  databaseCpuMsPerRequest: number;
  /** ≈ SQL statements per request, from pg_stat_database (see `transactions`). */
  statementsPerRequest: number;
  /** Pages with --paired-floor: the page floor's p95 measured right before this page (same foreign load, nearly). */
  pairedFloorP95?: number;
  /** Pages only: what the document and its RSC payload weigh (bench/bytes.ts). */
  bytes?: PageBytes;
}

export async function cannon(base: string, targets: Target[], seconds: number, connections: number, seed: number) {
  const next = prng(seed);
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const t = targets[Math.floor(next() * targets.length)]!;
          req.path = t.path;
          req.headers = { cookie: t.cookie, accept: "text/html,application/json" };
          return req;
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (status < 200 || status > 299) non2xx++;
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: latencies.length ? sum / latencies.length : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Transactions the bench database has committed or rolled back. Every statement the app issues outside an
 * explicit transaction is one, so the delta over a window ÷ requests ≈ SQL statements per request.
 * (Backends flush these counters about once a second under load, so it is approximate, ±~10%.)
 */
export async function transactions(sql: postgres.Sql, database: string): Promise<number> {
  const [row] = await sql<{ n: string }[]>`select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = ${database}`;
  return Number(row?.n ?? 0);
}

export async function measure(
  base: string,
  opts: Options,
  database: string,
  sql: postgres.Sql,
  poller: MemoryPoller,
  persona: PersonaName | null,
  endpoint: EndpointId,
  targets: Target[],
): Promise<Measurement> {
  if (opts.warmup > 0) await cannon(base, targets, opts.warmup, opts.connections, 7);
  poller.mark();
  const cpu = new CpuWindow(poller.pgid, database, false);
  const xactBefore = await transactions(sql, database);
  const r = await cannon(base, targets, opts.duration, opts.connections, 11);
  const xactAfter = await transactions(sql, database);
  const m: Measurement = {
    persona,
    endpoint,
    label: ENDPOINT_LABELS[endpoint],
    targets: targets.length,
    ...r,
    rssMaxMb: poller.mark(),
    ...cpu.finish(r.requests),
    // minus the two counter reads themselves
    statementsPerRequest: r.requests > 0 ? round((xactAfter - xactBefore - 2) / r.requests, 1) : Number.NaN,
  };
  log(
    `  ${(persona ?? "-").padEnd(6)} ${endpoint.padEnd(10)} p50 ${m.p50.toFixed(1)} p95 ${m.p95.toFixed(1)} p99 ${m.p99.toFixed(1)} ms · ` +
      `${m.rps.toFixed(0)} req/s · non-2xx ${m.non2xx} · errors ${m.errors} · RSS ≤ ${m.rssMaxMb.toFixed(0)} MB · ` +
      `per request: ${m.statementsPerRequest} statements, CPU server ${m.serverCpuMsPerRequest} ms, db ${m.databaseCpuMsPerRequest} ms · machine busy ${m.machineBusyPct}% (foreign ${m.foreignCpuPct}%, steal ${m.stealPct}%)`,
  );
  return m;
}

/* ───────────────────────── the bulk load ───────────────────────── */

export interface LoadCpu {
  foreignCpuPct: number;
  machineBusyPct: number;
}

/** Runs the load generator in its own process group, accounting the machine's CPU while it runs. */
export async function generate(size: SizeSpec, databaseUrl: string): Promise<{ load: LoadReport; loadCpu: LoadCpu }> {
  const args = ["tsx", "--conditions=react-server", "bench/generate-load.ts", "--tenants", String(size.tenants), "--runs-per-tenant", String(size.runsPerTenant), "--seed", "1", "--json"];
  const child = spawn("npx", args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const cpu = new CpuWindow(child.pid!, size.database, true);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  const { foreignCpuPct, machineBusyPct } = cpu.finish(0);
  if (code !== 0) throw new Error(`the load generator failed (${code}):\n${stderr.slice(-3000)}`);
  log(`load: machine busy ${machineBusyPct}%, foreign ${foreignCpuPct}%`);
  return { load: JSON.parse(stdout.trim().split("\n").pop()!) as LoadReport, loadCpu: { foreignCpuPct, machineBusyPct } };
}
