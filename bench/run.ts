/**
 * npm run bench [-- --sizes 10k,1M] [--duration 10] [--warmup 3] [--connections 10] [--port 3200]
 *                  [--skip-build] [--skip-tests] [--personas sample,all] [--reuse-data]
 *                  [--server-node-options "--max-old-space-size=…"] [--label name] [--skip-fleet]
 *
 * The performance benchmark of issue 5 (method: docs/decisions/0005-benchmark-method.md). Against
 * PostgreSQL, for each dataset size: a fresh database, migrations, the load generator, the production
 * server; then autocannon (10 connections, warm-up, fixed duration) on each endpoint, rotating through
 * URLs that sample tenants across the whole range, while the server's resident memory is polled from
 * /proc. Writes bench/results/<date>.json and .md (plus the EXPLAIN plans per size) and prints the
 * target ratios with PASS/FAIL. Database names are rp_bench_*; ports 3200–3299.
 * --reuse-data serves the databases the previous run loaded (experiments only: the report then quotes
 * that run's load figures); --server-node-options replaces the server's NODE_OPTIONS (default: package.json
 * config.serverNodeOptions, what `npm start` uses; recorded).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";
import { BENCH_SAMPLE_USER, BENCH_USER, type BenchUser, type LoadReport } from "./load/generate";
import { SERVER_NODE_OPTIONS } from "../scripts/server-options";
import { runFleetBench } from "./fleet";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_DIR = path.join(ROOT, "bench/results");
const TMP_DIR = path.join(ROOT, "bench/.tmp");

/* ───────────────────────── configuration ───────────────────────── */

interface SizeSpec {
  name: "10k" | "1M";
  database: string;
  tenants: number;
  runsPerTenant: number;
}

const SIZES: SizeSpec[] = [
  { name: "10k", database: "rp_bench_small", tenants: 50, runsPerTenant: 200 },
  { name: "1M", database: "rp_bench_large", tenants: 5000, runsPerTenant: 200 },
];

type PersonaName = "sample" | "all";
const PERSONAS: Record<PersonaName, { user: BenchUser; label: string }> = {
  sample: { user: BENCH_SAMPLE_USER, label: `operator with a fixed sample of ≤50 tenants (${BENCH_SAMPLE_USER.email})` },
  all: { user: BENCH_USER, label: `operator who owns every tenant (${BENCH_USER.email})` },
};

type EndpointId = "ping" | "page-floor" | "evidence" | "dashboard" | "list-first" | "list-deep" | "detail" | "run-api";
const ENDPOINT_LABELS: Record<EndpointId, string> = {
  ping: "GET /api/ping (floor: no database, no session)",
  "page-floor": "GET /sign-in without a session (a dynamic page with no data: the framework's page floor, for reference)",
  evidence: "GET /api/tenants/{id}/recovery-evidence",
  dashboard: "GET /dashboard",
  "list-first": "GET /restore-runs (first page)",
  "list-deep": "GET /restore-runs?after=… (deepest page of the longest histories)",
  detail: "GET /restore-runs/{id}",
  "run-api": "GET /api/restore-runs/{id}",
};
/** Target multiples of the floor's p95 (issue 5, target 3). */
const FLOOR_LIMITS: Partial<Record<EndpointId, number>> = { evidence: 3, dashboard: 4, "list-first": 4, "list-deep": 4 };
const GROWTH_LIMIT = 1.5;
const RSS_LIMIT_MB = 400;
const LOAD_RATE_TARGET = 50_000;
/** A measurement during which other processes used more than this share of the machine is flagged. */
const NOISE_LIMIT_PCT = 10;

interface Options {
  sizes: SizeSpec[];
  duration: number;
  warmup: number;
  connections: number;
  port: number;
  build: boolean;
  tests: boolean;
  personas: PersonaName[];
  reuseData: boolean;
  serverNodeOptions: string;
  /** Suffix of the result file names, for experiments that must not replace the day's main results. */
  label: string | null;
}

function parseOptions(argv: string[]): Options {
  const args = argv.filter((a) => a !== "--");
  const get = (name: string): string | undefined => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const a = args[i]!;
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[i + 1];
  };
  const num = (name: string, fallback: number, min: number, max: number) => {
    const raw = get(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const sizeNames = (get("--sizes") ?? "10k,1M").split(",");
  const sizes = SIZES.filter((s) => sizeNames.includes(s.name));
  if (sizes.length === 0) throw new Error("--sizes takes 10k, 1M or both");
  const personas = (get("--personas") ?? "sample,all").split(",").filter((p): p is PersonaName => p in PERSONAS);
  if (personas.length === 0) throw new Error("--personas takes sample, all or both");
  return {
    sizes,
    duration: num("--duration", 10, 1, 600),
    warmup: num("--warmup", 3, 0, 120),
    connections: num("--connections", 10, 1, 1000),
    port: num("--port", 3200, 3200, 3299),
    build: !args.includes("--skip-build"),
    tests: !args.includes("--skip-tests"),
    personas,
    reuseData: args.includes("--reuse-data"),
    serverNodeOptions: get("--server-node-options") ?? SERVER_NODE_OPTIONS,
    label: get("--label")?.replace(/[^a-z0-9-]/gi, "") || null,
  };
}

/* ───────────────────────── small helpers ───────────────────────── */

const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

function exec(cmd: string, args: string[], env: Record<string, string> = {}, opts: { echo?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (opts.echo) process.stderr.write(d);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function mustExec(cmd: string, args: string[], env: Record<string, string> = {}, opts: { echo?: boolean } = {}) {
  const r = await exec(cmd, args, env, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}):\n${(r.stderr || r.stdout).slice(-3000)}`);
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic PRNG (mulberry32) for rotating through targets. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` values spread evenly over 1..max (stratified, deterministic). */
function spread(max: number, count: number): number[] {
  const n = Math.min(count, max);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(1 + Math.floor(((i + 0.5) * max) / n));
  return [...out];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/* ───────────────────────── server process and memory ───────────────────────── */

interface ProcessMemory {
  pid: number;
  name: string;
  rssMb: number;
}

/** Every process in the server's process group (`next start` and the next-server it runs), with VmRSS. */
function groupMemory(pgid: number): ProcessMemory[] {
  const out: ProcessMemory[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command: state ppid pgrp …
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(after[2]) !== pgid) continue;
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const rss = /VmRSS:\s+(\d+) kB/.exec(status);
      const name = /Name:\s+(.+)/.exec(status)?.[1]?.trim() ?? "?";
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 3).join(" ");
      out.push({ pid: Number(entry), name: `${name} (${cmdline.slice(0, 80)})`, rssMb: rss ? Number(rss[1]) / 1024 : 0 });
    } catch {
      /* the process ended between readdir and read */
    }
  }
  return out;
}

/** Jiffies of the whole machine (all CPUs) from /proc/stat: busy and total. */
function machineTicks(): { busy: number; total: number; steal: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const steal = v[7] ?? 0;
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle - steal, total, steal };
}

/** utime + stime of one process, in jiffies (0 if it is gone). */
function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

type CpuRole = "group" | "self" | "database";

/**
 * The processes whose CPU belongs to this benchmark: a tracked process group (the server, or the load
 * generator), this process (autocannon runs in it) and the PostgreSQL backends connected to the bench
 * database. Everything else that ran on the machine during a measurement is "foreign" load, reported
 * with the numbers it may have skewed.
 */
function benchPids(pgid: number, database: string): Map<number, CpuRole> {
  const pids = new Map<number, CpuRole>([[process.pid, "self"]]);
  for (const p of groupMemory(pgid)) pids.set(p.pid, "group");
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      // The bench database's backends, and PostgreSQL's shared helpers (WAL writer, checkpointer, background
      // writer), whose work during a measurement is the bench's own writes being flushed.
      if (cmd.startsWith("postgres: ") && (cmd.includes(` ${database} `) || PG_HELPERS.test(cmd))) pids.set(Number(entry), "database");
    } catch {
      /* gone */
    }
  }
  return pids;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
const PG_HELPERS = /^postgres: [^:]+: (walwriter|checkpointer|background writer)/;

/**
 * CPU accounting over a window. Polls every 200 ms, so processes that start and end inside the window
 * (the generator's children, short-lived backends) are counted up to their last sample.
 */
class CpuWindow {
  private readonly machine = machineTicks();
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private readonly roles = new Map<number, CpuRole>();
  private readonly timer: NodeJS.Timeout | null;

  /** `poll`: sample while running (for process trees that start and end inside the window). */
  constructor(private readonly pgid: number, private readonly database: string, poll: boolean) {
    for (const [pid, role] of benchPids(pgid, database)) {
      this.roles.set(pid, role);
      const t = processTicks(pid);
      this.first.set(pid, t);
      this.last.set(pid, t);
    }
    this.timer = poll ? setInterval(() => this.sample(), 200) : null;
  }

  private sample(): void {
    for (const [pid, role] of benchPids(this.pgid, this.database)) {
      if (!this.roles.has(pid)) {
        this.roles.set(pid, role);
        this.first.set(pid, 0); // born inside the window
      }
      const t = processTicks(pid);
      if (t > 0) this.last.set(pid, t);
    }
  }

  /** Machine shares in percent, and CPU milliseconds per request for the tracked group and the database. */
  finish(requests: number): {
    machineBusyPct: number;
    foreignCpuPct: number;
    stealPct: number;
    serverCpuMsPerRequest: number;
    databaseCpuMsPerRequest: number;
  } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const m = machineTicks();
    const used: Record<CpuRole, number> = { group: 0, self: 0, database: 0 };
    for (const [pid, role] of this.roles) used[role] += Math.max(0, (this.last.get(pid) ?? 0) - (this.first.get(pid) ?? 0));
    const ours = used.group + used.self + used.database;
    const total = Math.max(1, m.total - this.machine.total);
    const busy = m.busy - this.machine.busy;
    const perRequest = (ticks: number) => (requests > 0 ? round((ticks * TICK_MS) / requests, 2) : Number.NaN);
    return {
      machineBusyPct: round((100 * busy) / total, 1),
      foreignCpuPct: round((100 * Math.max(0, busy - ours)) / total, 1),
      stealPct: round((100 * (m.steal - this.machine.steal)) / total, 1),
      serverCpuMsPerRequest: perRequest(used.group),
      databaseCpuMsPerRequest: perRequest(used.database),
    };
  }
}

class MemoryPoller {
  private timer: NodeJS.Timeout | null = null;
  /** Max RSS seen per process, over the whole run. */
  readonly maxByPid = new Map<number, ProcessMemory>();
  maxGroupMb = 0;
  /** Max RSS of the largest single process since `mark()`. */
  private windowMaxMb = 0;

  constructor(readonly pgid: number) {}

  start(): void {
    // Finding the group means reading every /proc entry: do that once a second, and only read the
    // known processes' status in between, so the poller takes little CPU from the server it measures.
    let known: number[] = [];
    let lastScan = 0;
    const sample = () => {
      let procs: ProcessMemory[];
      if (Date.now() - lastScan > 1000) {
        procs = groupMemory(this.pgid);
        known = procs.map((p) => p.pid);
        lastScan = Date.now();
      } else {
        procs = known.flatMap((pid) => {
          try {
            const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
            return [{ pid, name: this.maxByPid.get(pid)?.name ?? String(pid), rssMb: rss ? Number(rss[1]) / 1024 : 0 }];
          } catch {
            return [];
          }
        });
      }
      let group = 0;
      for (const p of procs) {
        group += p.rssMb;
        const prev = this.maxByPid.get(p.pid);
        if (!prev || p.rssMb > prev.rssMb) this.maxByPid.set(p.pid, p);
        this.windowMaxMb = Math.max(this.windowMaxMb, p.rssMb);
      }
      this.maxGroupMb = Math.max(this.maxGroupMb, group);
    };
    sample();
    this.timer = setInterval(sample, 200);
  }

  mark(): number {
    const m = this.windowMaxMb;
    this.windowMaxMb = 0;
    return m;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The largest process: the server that renders (next-server), not the `next start` launcher. */
  maxProcessMb(): number {
    return Math.max(0, ...[...this.maxByPid.values()].map((p) => p.rssMb));
  }
}

const SNAPSHOT_DIR = path.join(TMP_DIR, "app");

/**
 * A private copy of the production build to serve from. Other work in this tree rebuilds `.next` (tests,
 * e2e) and a server whose `.next` changes under it serves a mix of two builds, so the bench serves a
 * snapshot: `.next` (without its cache), the config, the migrations the server applies at start, and a
 * symlink to node_modules. Returns the snapshot's BUILD_ID.
 */
function snapshotBuild(): string {
  const buildIdFile = path.join(ROOT, ".next/BUILD_ID");
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = fs.readFileSync(buildIdFile, "utf8").trim();
    fs.rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(SNAPSHOT_DIR, "db"), { recursive: true });
    const cache = path.join(ROOT, ".next/cache");
    fs.cpSync(path.join(ROOT, ".next"), path.join(SNAPSHOT_DIR, ".next"), { recursive: true, filter: (src) => !src.startsWith(cache) });
    fs.cpSync(path.join(ROOT, "db/migrations"), path.join(SNAPSHOT_DIR, "db/migrations"), { recursive: true });
    for (const f of ["package.json", "next.config.mjs"]) fs.copyFileSync(path.join(ROOT, f), path.join(SNAPSHOT_DIR, f));
    if (fs.existsSync(path.join(ROOT, "public"))) fs.cpSync(path.join(ROOT, "public"), path.join(SNAPSHOT_DIR, "public"), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(SNAPSHOT_DIR, "node_modules"), "dir");
    const copied = fs.readFileSync(path.join(SNAPSHOT_DIR, ".next/BUILD_ID"), "utf8").trim();
    const after = fs.readFileSync(buildIdFile, "utf8").trim();
    if (before === copied && copied === after) return copied;
    log("`.next` changed while it was being copied (someone else built); copying again");
  }
  throw new Error("`.next` kept changing while the bench copied it; run the bench when no one else is building");
}

async function startServer(port: number, databaseUrl: string, nodeOptions: string): Promise<{ child: ChildProcess; pgid: number; logFile: string }> {
  const logFile = path.join(TMP_DIR, `server-${port}.log`);
  const out = fs.openSync(logFile, "w");
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [next, "start", SNAPSHOT_DIR, "-H", "127.0.0.1", "-p", String(port)], {
    cwd: SNAPSHOT_DIR,
    detached: true, // its own process group, so the next-server child is tracked and stopped with it
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      APP_URL: `http://127.0.0.1:${port}`,
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0005",
      SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
      NODE_OPTIONS: nodeOptions,
    },
  });
  const pgid = child.pid!;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/ping`);
      if (r.status === 200) return { child, pgid, logFile };
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  stopServer(pgid);
  throw new Error(`the server did not answer /api/ping within 60 s; see ${logFile}`);
}

function stopServer(pgid: number): Promise<void> {
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    return Promise.resolve();
  }
  return (async () => {
    for (let i = 0; i < 50; i++) {
      await sleep(100);
      if (groupMemory(pgid).length === 0) return;
    }
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      /* gone */
    }
  })();
}

/* ───────────────────────── sessions and targets ───────────────────────── */

interface Target {
  path: string;
  cookie: string;
}

async function signIn(base: string, user: BenchUser): Promise<{ cookie: string; token: string }> {
  const r = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: user.email, password: user.password }),
    redirect: "manual",
  });
  if (r.status !== 200) throw new Error(`sign-in as ${user.email} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  const raw = r.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
  if (!raw) throw new Error("sign-in set no better-auth.session_token cookie");
  const pair = raw.split(";")[0]!;
  const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
  return { cookie: pair, token: value.split(".")[0]! };
}

/** One session per tenant, each with that tenant as its current tenant (what the tenant switcher does). */
async function pinnedSessions(base: string, sql: postgres.Sql, user: BenchUser, tenantIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const queue = [...tenantIds];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
        const s = await signIn(base, user);
        await sql`update sessions set active_tenant_id = ${t} where token = ${s.token}`;
        out.set(t, s.cookie);
      }
    }),
  );
  return out;
}

function cursorAfter(id: number): string {
  return Buffer.from(JSON.stringify({ i: id }), "utf8").toString("base64url");
}

interface PersonaTargets {
  endpoints: Partial<Record<EndpointId, Target[]>>;
  /** For validation: per deep target, the run id that must be on that page. */
  deepOldest: Map<string, number>;
  notes: string[];
}

async function buildTargets(base: string, sql: postgres.Sql, persona: PersonaName, size: SizeSpec): Promise<PersonaTargets> {
  const user = PERSONAS[persona].user;
  const memberTenants = (
    await sql<{ tenant_id: number }[]>`select tenant_id from memberships where user_id = ${user.id} order by tenant_id`
  ).map((r) => r.tenant_id);
  const counts = new Map(
    (
      await sql<{ tenant_id: number; n: number }[]>`
        select tenant_id, count(*)::int as n from restore_runs where tenant_id = any(${memberTenants}) group by tenant_id`
    ).map((r) => [r.tenant_id, r.n]),
  );
  const deepTenants = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10).map(([t]) => t);
  // Pages are per session (the current tenant): 40 tenants spread over the member range.
  const pageTenants = persona === "sample" ? memberTenants : spread(size.tenants, 40);
  const sessions = await pinnedSessions(base, sql, user, [...new Set([...pageTenants, ...deepTenants])]);
  const apiCookie = sessions.get(pageTenants[0]!)!;

  const evidenceTenants = persona === "sample" ? memberTenants : spread(size.tenants, 200);
  let runIds: number[];
  if (persona === "sample") {
    runIds = [];
    for (const t of memberTenants) {
      const n = counts.get(t) ?? 0;
      for (const k of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const [row] = await sql<{ id: number }[]>`
          select id from restore_runs where tenant_id = ${t} order by id offset ${Math.floor(n * k)} limit 1`;
        if (row) runIds.push(row.id);
      }
    }
  } else {
    const [{ max } = { max: 0 }] = await sql<{ max: number }[]>`select max(id)::int as max from restore_runs`;
    runIds = spread(max, 300);
  }

  const deepOldest = new Map<string, number>();
  const deep: Target[] = [];
  for (const t of deepTenants) {
    const n = counts.get(t)!;
    const [cursorRow] = await sql<{ id: number }[]>`
      select id from restore_runs where tenant_id = ${t} order by id desc offset ${Math.max(0, n - 26)} limit 1`;
    const [oldest] = await sql<{ id: number }[]>`select min(id)::int as id from restore_runs where tenant_id = ${t}`;
    const target = { path: `/restore-runs?after=${cursorAfter(cursorRow!.id)}`, cookie: sessions.get(t)! };
    deep.push(target);
    deepOldest.set(target.cookie + target.path, oldest!.id);
  }
  const deepSizes = deepTenants.map((t) => counts.get(t)!);
  return {
    endpoints: {
      evidence: evidenceTenants.map((t) => ({ path: `/api/tenants/${t}/recovery-evidence`, cookie: apiCookie })),
      dashboard: pageTenants.map((t) => ({ path: "/dashboard", cookie: sessions.get(t)! })),
      "list-first": pageTenants.map((t) => ({ path: "/restore-runs", cookie: sessions.get(t)! })),
      "list-deep": deep,
      detail: runIds.map((id) => ({ path: `/restore-runs/${id}`, cookie: apiCookie })),
      "run-api": runIds.map((id) => ({ path: `/api/restore-runs/${id}`, cookie: apiCookie })),
    },
    deepOldest,
    notes: [
      `${memberTenants.length} memberships; pages over ${pageTenants.length} tenants (sessions pinned to each); ` +
        `evidence over ${evidenceTenants.length} tenants; detail over ${runIds.length} runs; ` +
        `deep pages in the ${deepTenants.length} longest histories (${Math.min(...deepSizes)}–${Math.max(...deepSizes)} runs, page offset up to ${Math.max(...deepSizes) - 25})`,
    ],
  };
}

/** One request per endpoint kind must answer 200 with the right content before it is measured. */
async function validate(base: string, id: EndpointId, targets: Target[], deepOldest: Map<string, number>): Promise<void> {
  const check = id === "list-deep" ? targets : targets.slice(0, 2);
  for (const t of check) {
    const r = await fetch(base + t.path, { headers: { cookie: t.cookie }, redirect: "manual" });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`${id}: ${t.path} answered ${r.status} (${body.slice(0, 200)})`);
    if (id === "evidence" && !body.includes('"overviewState"')) throw new Error(`${id}: no overviewState in ${body.slice(0, 200)}`);
    if (id === "list-deep") {
      const oldest = deepOldest.get(t.cookie + t.path)!;
      if (!body.includes(`/restore-runs/${oldest}"`)) throw new Error(`${id}: ${t.path} did not render the deepest page (run #${oldest} missing)`);
    }
  }
}

/* ───────────────────────── load runs ───────────────────────── */

interface Measurement {
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
}

async function cannon(base: string, targets: Target[], seconds: number, connections: number, seed: number) {
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
async function transactions(sql: postgres.Sql, database: string): Promise<number> {
  const [row] = await sql<{ n: string }[]>`select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = ${database}`;
  return Number(row?.n ?? 0);
}

async function measure(
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

interface LoadCpu {
  foreignCpuPct: number;
  machineBusyPct: number;
}

/** Runs the load generator in its own process group, accounting the machine's CPU while it runs. */
async function generate(size: SizeSpec, databaseUrl: string): Promise<{ load: LoadReport; loadCpu: LoadCpu }> {
  const args = ["tsx", "scripts/generate-load.ts", "--tenants", String(size.tenants), "--runs-per-tenant", String(size.runsPerTenant), "--seed", "1", "--json"];
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

/* ───────────────────────── one dataset size ───────────────────────── */

interface SizeResult {
  size: SizeSpec;
  databaseUrl: string;
  load: LoadReport;
  /** CPU accounting while the generator ran (null when the data was reused). */
  loadCpu: LoadCpu | null;
  measurements: Measurement[];
  floorEnd: Measurement | null;
  notes: Record<string, string[]>;
  memory: { maxProcessMb: number; maxGroupMb: number; processes: ProcessMemory[] };
  explainFile: string | null;
  serverLog: string;
}

async function runSize(size: SizeSpec, opts: Options, stamp: string): Promise<SizeResult> {
  log(`== ${size.name}: ${size.tenants} tenants × ${size.runsPerTenant} restore runs (mean) in ${size.database}`);
  const loadFile = path.join(TMP_DIR, `load-${size.name}.json`);
  let databaseUrl: string;
  let load: LoadReport;
  let loadCpu: LoadCpu | null = null;
  if (opts.reuseData && fs.existsSync(loadFile)) {
    ({ databaseUrl, load, loadCpu = null } = JSON.parse(fs.readFileSync(loadFile, "utf8")) as { databaseUrl: string; load: LoadReport; loadCpu?: LoadCpu });
    log(`reusing ${size.database} as loaded at ${load.now} (--reuse-data)`);
  } else {
    const started = await mustExec("bash", [".ci/start-postgres.sh", size.database]);
    databaseUrl = started.stdout.trim().split("\n").pop()!;
    if (!/^postgres:\/\/.+\/rp_bench_/.test(databaseUrl)) throw new Error(`unexpected DATABASE_URL ${databaseUrl}`);
    await mustExec("npx", ["tsx", "scripts/migrate.ts"], { DATABASE_URL: databaseUrl });
    // The previous run's database was just dropped and this one created and migrated: flush that work
    // now, so the checkpoint it leaves pending is not charged to the timed load (it cost ~10% of it).
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin`checkpoint`;
    await admin.end();
    log("loading…");
    ({ load, loadCpu } = await generate(size, databaseUrl));
    fs.writeFileSync(loadFile, JSON.stringify({ databaseUrl, load, loadCpu }));
  }

  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const base = `http://127.0.0.1:${opts.port}`;
  const server = await startServer(opts.port, databaseUrl, opts.serverNodeOptions);
  const poller = new MemoryPoller(server.pgid);
  poller.start();
  const measurements: Measurement[] = [];
  const notes: Record<string, string[]> = {};
  let floorEnd: Measurement | null = null;
  try {
    const personaTargets = new Map<PersonaName, PersonaTargets>();
    for (const persona of opts.personas) {
      const t = await buildTargets(base, sql, persona, size);
      personaTargets.set(persona, t);
      notes[persona] = t.notes;
      for (const [id, targets] of Object.entries(t.endpoints) as [EndpointId, Target[]][]) await validate(base, id, targets, t.deepOldest);
    }
    // Warm every route once (first requests load and JIT-compile route code).
    const ping: Target[] = [{ path: "/api/ping", cookie: "" }];
    for (let i = 0; i < 20; i++) await fetch(base + "/api/ping");
    for (const t of personaTargets.values()) {
      for (const targets of Object.values(t.endpoints)) {
        for (const target of targets.slice(0, 5)) await (await fetch(base + target.path, { headers: { cookie: target.cookie } })).arrayBuffer();
      }
    }
    log(`measuring: ${opts.warmup}s warm-up + ${opts.duration}s per endpoint, ${opts.connections} connections`);
    measurements.push(await measure(base, opts, size.database, sql, poller, null, "ping", ping));
    measurements.push(await measure(base, opts, size.database, sql, poller, null, "page-floor", [{ path: "/sign-in", cookie: "" }]));
    for (const persona of opts.personas) {
      for (const [id, targets] of Object.entries(personaTargets.get(persona)!.endpoints) as [EndpointId, Target[]][]) {
        measurements.push(await measure(base, opts, size.database, sql, poller, persona, id, targets));
      }
    }
    // The floor again at the end: a drift check (the ratios use the first one).
    floorEnd = await measure(base, opts, size.database, sql, poller, null, "ping", ping);
  } finally {
    poller.stop();
    await stopServer(server.pgid);
  }

  let explainFile: string | null = null;
  log("EXPLAIN (ANALYZE, BUFFERS) of the hot statements…");
  const explain = await exec("node", ["--conditions=react-server", "--import", "tsx", "bench/explain.ts"], { DATABASE_URL: databaseUrl });
  if (explain.code === 0) {
    explainFile = path.join(RESULTS_DIR, `${stamp}-explain-${size.name}.md`);
    fs.writeFileSync(explainFile, explain.stdout);
  } else {
    log(`explain failed: ${explain.stderr.slice(-500)}`);
  }
  await sql.end({ timeout: 5 });
  const serverLog = fs.readFileSync(server.logFile, "utf8");
  return {
    size,
    databaseUrl,
    load,
    loadCpu,
    measurements,
    floorEnd,
    notes,
    memory: { maxProcessMb: poller.maxProcessMb(), maxGroupMb: poller.maxGroupMb, processes: [...poller.maxByPid.values()] },
    explainFile: explainFile ? path.relative(ROOT, explainFile) : null,
    serverLog: serverLog.slice(-4000),
  };
}

/* ───────────────────────── targets and report ───────────────────────── */

interface Check {
  target: string;
  value: number;
  limit: number;
  unit: string;
  pass: boolean;
  detail?: string;
}

function checks(results: SizeResult[], testOutcome: { pass: boolean; detail: string } | null): Check[] {
  const out: Check[] = [];
  for (const r of results) {
    const floor = r.measurements.find((m) => m.endpoint === "ping")!;
    for (const m of r.measurements) {
      const limit = FLOOR_LIMITS[m.endpoint];
      if (limit === undefined) continue;
      const value = m.p95 / floor.p95;
      out.push({ target: `${r.size.name} ${m.persona} ${m.endpoint} p95 ÷ floor p95`, value: round(value), limit, unit: "×", pass: value <= limit });
    }
    for (const m of r.measurements) {
      if (m.non2xx > 0 || m.errors > 0) {
        out.push({ target: `${r.size.name} ${m.persona ?? "-"} ${m.endpoint} answered only 2xx`, value: m.non2xx + m.errors, limit: 0, unit: "bad responses", pass: false });
      }
    }
  }
  const small = results.find((r) => r.size.name === "10k");
  const large = results.find((r) => r.size.name === "1M");
  if (small && large) {
    for (const m of large.measurements) {
      const s = small.measurements.find((x) => x.endpoint === m.endpoint && x.persona === m.persona);
      if (!s) continue;
      const value = m.p95 / s.p95;
      out.push({ target: `${m.persona ?? "-"} ${m.endpoint} p95 at 1M ÷ p95 at 10k`, value: round(value), limit: GROWTH_LIMIT, unit: "×", pass: value <= GROWTH_LIMIT });
    }
    for (const m of large.measurements) {
      const s = small.measurements.find((x) => x.endpoint === m.endpoint && x.persona === m.persona);
      if (!s || m.endpoint === "ping") continue;
      const diff = round(Math.abs(m.statementsPerRequest - s.statementsPerRequest), 1);
      out.push({
        target: `${m.persona ?? "-"} ${m.endpoint} SQL statements per request, 1M vs 10k (measured, ±0.5)`,
        value: diff,
        limit: 0.5,
        unit: "stmts",
        pass: diff <= 0.5,
        detail: `${s.statementsPerRequest} at 10k, ${m.statementsPerRequest} at 1M`,
      });
    }
  }
  const noisyLoads = results.filter((r) => (r.loadCpu?.foreignCpuPct ?? 0) > NOISE_LIMIT_PCT).map((r) => `${r.size.name} load (${r.loadCpu!.foreignCpuPct}%)`);
  const noisy = [...noisyLoads, ...results.flatMap((r) => [...r.measurements, ...(r.floorEnd ? [r.floorEnd] : [])].filter((m) => m.foreignCpuPct + m.stealPct > NOISE_LIMIT_PCT).map((m) => `${r.size.name} ${m.persona ?? "-"} ${m.endpoint} (${round(m.foreignCpuPct + m.stealPct, 1)}%)`))];
  out.push({
    target: `measurements with > ${NOISE_LIMIT_PCT}% of the CPU taken by other work (other processes, or hypervisor steal)`,
    value: noisy.length,
    limit: 0,
    unit: "",
    pass: noisy.length === 0,
    detail: noisy.length ? `numbers skewed by foreign load: ${noisy.join(", ")}` : "the machine was otherwise idle",
  });
  const rss = Math.max(...results.map((r) => r.memory.maxProcessMb));
  out.push({
    target: "server resident memory (largest process of the server's group)",
    value: Math.round(rss),
    limit: RSS_LIMIT_MB,
    unit: "MB",
    pass: rss < RSS_LIMIT_MB,
    detail: `process group total peaked at ${Math.round(Math.max(...results.map((r) => r.memory.maxGroupMb)))} MB`,
  });
  const biggest = [...results].sort((a, b) => b.load.restoreRuns - a.load.restoreRuns)[0]!;
  out.push({
    target: `bulk load, ${biggest.size.name}: restore runs per second, wall clock of the whole load`,
    value: biggest.load.restoreRunsPerSecondOverall,
    limit: LOAD_RATE_TARGET,
    unit: "runs/s",
    pass: biggest.load.restoreRunsPerSecondOverall >= LOAD_RATE_TARGET,
    detail: `history phase alone ${biggest.load.restoreRunsPerSecond.toLocaleString("en")} runs/s`,
  });
  if (testOutcome) {
    out.push({ target: "fixed number of SQL statements per request (db/queries/query-count.test.ts)", value: testOutcome.pass ? 1 : 0, limit: 1, unit: "", pass: testOutcome.pass, detail: testOutcome.detail });
  }
  return out;
}

function markdown(report: Report): string {
  const lines: string[] = [];
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
  lines.push(`# Benchmark ${report.startedAt}`, "");
  lines.push(
    `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB RAM, Node ${report.machine.node}, ${report.machine.postgres}. ` +
      `Load average at start ${report.machine.loadAverageStart.join(" / ")}, at end ${report.machine.loadAverageEnd.join(" / ")}. ` +
      `Commit ${report.git.commit.slice(0, 10)}${report.git.dirtyFiles ? ` + ${report.git.dirtyFiles} uncommitted files` : ""}.`,
    "",
    ...(report.settings.reuseData || report.settings.serverNodeOptions !== SERVER_NODE_OPTIONS
      ? [
          `**Experiment settings:** ${report.settings.reuseData ? "databases reused from the previous load (load figures are that load's); " : ""}` +
            `${report.settings.serverNodeOptions !== SERVER_NODE_OPTIONS ? `server NODE_OPTIONS \`${report.settings.serverNodeOptions}\` instead of \`npm start\`'s \`${SERVER_NODE_OPTIONS}\`.` : ""}`,
          "",
        ]
      : []),
    `Method: autocannon, ${report.settings.connections} connections, ${report.settings.warmupSeconds} s warm-up then ${report.settings.durationSeconds} s per endpoint, ` +
      `each request a random URL from the endpoint's target list; p50/p95/p99 from every response's latency. ` +
      `Server: \`next start\` (production build) with NODE_OPTIONS \`${report.settings.serverNodeOptions}\`, PostgreSQL on the same machine.`,
    "",
  );
  for (const r of report.sizes) {
    const l = r.load;
    lines.push(`## ${r.size.name}: ${l.tenants.toLocaleString("en")} tenants, ${l.restoreRuns.toLocaleString("en")} restore runs`, "");
    lines.push(
      `Loaded ${l.backupSets.toLocaleString("en")} backup sets, ${l.operationRuns.toLocaleString("en")} operation runs, ${l.restoreRuns.toLocaleString("en")} restore runs ` +
        `(${l.archivedRuns.toLocaleString("en")} archived) in ${(l.ms.total / 1000).toFixed(1)} s: **${l.restoreRunsPerSecondOverall.toLocaleString("en")} restore runs/s overall** ` +
        `(${l.restoreRunsPerSecond.toLocaleString("en")}/s in the history phase; setup ${(l.ms.setup / 1000).toFixed(1)} s, history ${(l.ms.history / 1000).toFixed(1)} s, ` +
        `index rebuild ${(l.ms.indexes / 1000).toFixed(1)} s, reference check ${(l.ms.verify / 1000).toFixed(1)} s, vacuum analyze ${(l.ms.vacuumAnalyze / 1000).toFixed(1)} s)` +
        (r.loadCpu ? `; other work used ${r.loadCpu.foreignCpuPct}% of the machine meanwhile.` : "; reused from an earlier load."),
      "",
    );
    for (const [persona, notes] of Object.entries(r.notes)) lines.push(`- ${persona}: ${notes.join("; ")}`);
    lines.push("");
    lines.push(
      "| persona | endpoint | p50 ms | p95 ms | p99 ms | req/s | requests | non-2xx | SQL stmts/req | server CPU ms/req | db CPU ms/req | RSS max MB | foreign CPU % | steal % |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    const row = (m: Measurement, label = m.label) =>
      `| ${m.persona ?? "–"} | ${label} | ${f(m.p50)} | ${f(m.p95)} | ${f(m.p99)} | ${m.rps.toFixed(0)} | ${m.requests} | ${m.non2xx + m.errors} | ${m.statementsPerRequest} | ${m.serverCpuMsPerRequest} | ${m.databaseCpuMsPerRequest} | ${m.rssMaxMb.toFixed(0)} | ${m.foreignCpuPct} | ${m.stealPct} |`;
    for (const m of r.measurements) lines.push(row(m));
    if (r.floorEnd) lines.push(row(r.floorEnd, "floor again at the end (drift check)"));
    lines.push("", `Server memory: largest process ${r.memory.maxProcessMb.toFixed(0)} MB, process group ${r.memory.maxGroupMb.toFixed(0)} MB. EXPLAIN plans: ${r.explainFile ?? "not captured"}.`, "");
  }
  lines.push("## Targets", "", "| target | value | limit | result |", "|---|---:|---:|---|");
  for (const c of report.checks) {
    lines.push(`| ${c.target}${c.detail ? ` (${c.detail})` : ""} | ${c.value.toLocaleString("en")} ${c.unit} | ${c.unit === "×" || c.unit === "stmts" ? "≤" : c.unit === "runs/s" ? "≥" : c.unit === "MB" ? "<" : ""} ${c.limit.toLocaleString("en")} | ${c.pass ? "PASS" : "**FAIL**"} |`);
  }
  lines.push("");
  return lines.join("\n");
}

interface Report {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  git: { commit: string; dirtyFiles: number };
  buildId: string;
  settings: {
    durationSeconds: number;
    warmupSeconds: number;
    connections: number;
    seed: number;
    personas: PersonaName[];
    reuseData: boolean;
    serverNodeOptions: string;
  };
  sizes: Omit<SizeResult, "databaseUrl" | "serverLog">[];
  checks: Check[];
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const startedAt = new Date();
  const stamp = `${startedAt.toISOString().slice(0, 10)}${opts.label ? `-${opts.label}` : ""}`;
  const loadAverageStart = os.loadavg().map((n) => round(n));
  if (loadAverageStart[0]! > 1) log(`warning: load average is ${loadAverageStart.join(" / ")}; other work on this machine will skew the numbers`);

  const git = await new Promise<{ commit: string; dirtyFiles: number }>((resolve) =>
    execFile("git", ["rev-parse", "HEAD"], { cwd: ROOT }, (e1, commit) =>
      execFile("git", ["status", "--porcelain"], { cwd: ROOT }, (e2, status) =>
        resolve({ commit: e1 ? "unknown" : commit.trim(), dirtyFiles: e2 ? 0 : status.split("\n").filter(Boolean).length }),
      ),
    ),
  );

  let testOutcome: { pass: boolean; detail: string } | null = null;
  if (opts.tests) {
    log("query-count test (embedded database)…");
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const t = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawn("npx", ["vitest", "run", "db/queries/query-count.test.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? 1, out }));
    });
    const summary = /Tests\s+.*?(\d+ (?:passed|failed).*)/.exec(t.out.replace(/\x1b\[[0-9;]*m/g, ""))?.[1] ?? `exit ${t.code}`;
    testOutcome = { pass: t.code === 0, detail: summary.trim() };
    log(`query-count test: ${testOutcome.pass ? "passed" : "FAILED"} (${testOutcome.detail})`);
  }

  if (opts.build) {
    log("next build…");
    const b = await exec("npx", ["next", "build"], { NODE_ENV: "production" });
    fs.writeFileSync(path.join(TMP_DIR, "next-build.log"), b.stdout + b.stderr);
    if (b.code !== 0) throw new Error(`next build failed; see bench/.tmp/next-build.log\n${(b.stdout + b.stderr).slice(-2000)}`);
  }
  const buildId = snapshotBuild();
  log(`serving build ${buildId} from ${path.relative(ROOT, SNAPSHOT_DIR)}`);

  const pgVersion = (await exec("psql", ["--version"])).stdout.trim();
  const results: SizeResult[] = [];
  for (const size of opts.sizes) results.push(await runSize(size, opts, stamp));

  const report: Report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? "?",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: pgVersion,
      loadAverageStart,
      loadAverageEnd: os.loadavg().map((n) => round(n)),
    },
    git,
    buildId,
    settings: {
      durationSeconds: opts.duration,
      warmupSeconds: opts.warmup,
      connections: opts.connections,
      seed: 1,
      personas: opts.personas,
      reuseData: opts.reuseData,
      serverNodeOptions: opts.serverNodeOptions,
    },
    sizes: results.map(({ databaseUrl: _u, serverLog: _l, ...rest }) => ({
      ...rest,
      measurements: rest.measurements.map((m) => ({ ...m, p50: round(m.p50), p95: round(m.p95), p99: round(m.p99), mean: round(m.mean), max: round(m.max), rps: round(m.rps, 1), rssMaxMb: round(m.rssMaxMb, 1) })),
    })),
    checks: checks(results, testOutcome),
  };
  const jsonFile = path.join(RESULTS_DIR, `${stamp}.json`);
  const mdFile = path.join(RESULTS_DIR, `${stamp}.md`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(mdFile, markdown(report));

  console.log("");
  console.log("target".padEnd(78), "value".padStart(12), "limit".padStart(10), " result");
  for (const c of report.checks) {
    console.log(c.target.slice(0, 78).padEnd(78), `${c.value.toLocaleString("en")}${c.unit === "×" ? "×" : ""}`.padStart(12), String(c.limit).padStart(10), ` ${c.pass ? "PASS" : "FAIL"}`);
  }
  const failed = report.checks.filter((c) => !c.pass).length;
  console.log(`\n${report.checks.length - failed} passed, ${failed} failed. Wrote ${path.relative(ROOT, jsonFile)} and ${path.relative(ROOT, mdFile)}.`);
  // The fleet benchmark (issue 10: the 5,000-tenant owner at 10k and 1M runs) has its own databases and
  // report: bench/fleet.ts. It runs after the main one unless --skip-fleet.
  if (!process.argv.includes("--skip-fleet")) await runFleetBench(process.argv.slice(2));
}

main().catch((e) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
