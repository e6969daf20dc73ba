/**
 * npm run bench [-- --sizes 10k,1M] [--duration 10] [--warmup 3] [--connections 10] [--port 3200]
 *                  [--skip-build] [--skip-tests] [--personas sample,all] [--reuse-data]
 *                  [--server-node-options "--max-old-space-size=…"] [--label name] [--skip-fleet]
 *                  [--db-prefix rp_bench] [--paired-floor]
 *
 * The performance benchmark of issue 5 (method: docs/decisions/0005-benchmark-method.md). Against
 * PostgreSQL, for each dataset size: a fresh database, migrations, the load generator, the production
 * server; then autocannon (10 connections, warm-up, fixed duration) on each endpoint, rotating through
 * URLs that sample tenants across the whole range, while the server's resident memory is polled from
 * /proc. Writes bench/results/<date>.json and .md (plus the EXPLAIN plans per size) and prints the
 * target ratios with PASS/FAIL: pages against the page floor (`/sign-in` without a session, same run), APIs
 * against `/api/ping`, and each page's HTML and RSC payload bytes (bench/bytes.ts). Database names are
 * <prefix>_small and <prefix>_large (--db-prefix, default rp_bench); ports 3200–3799 (--port).
 * --reuse-data serves the databases the previous run loaded (experiments only: the report then quotes
 * that run's load figures); --server-node-options replaces the server's NODE_OPTIONS (default: package.json
 * config.serverNodeOptions, what `npm start` uses; recorded).
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type LoadReport } from "./load/generate";
import { type EndpointId, type Options, PAGE_ENDPOINTS, type PersonaName, RESULTS_DIR, ROOT, type SizeSpec, TMP_DIR, parseOptions } from "./config";
import { exec, log, mustExec, round } from "./util";
import { MemoryPoller } from "./meters";
import { SNAPSHOT_DIR, snapshotBuild, startServer, stopServer } from "./server";
import { type PersonaTargets, type Target, buildTargets, validate } from "./targets";
import { type LoadCpu, type Measurement, generate, measure } from "./measure";
import { type Report, type SizeResult, checks, markdown } from "./report";
import { runFleetBench } from "./fleet";
import { pageBytes } from "./bytes";

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
    if (!databaseUrl.startsWith("postgres://") || !databaseUrl.endsWith(`/${size.database}`)) throw new Error(`unexpected DATABASE_URL ${databaseUrl}`);
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
    const floorTargets: Target[] = [{ path: "/sign-in", cookie: "" }];
    measurements.push({ ...(await measure(base, opts, size.database, sql, poller, null, "page-floor", floorTargets)), bytes: await pageBytes(base, floorTargets) });
    for (const persona of opts.personas) {
      for (const [id, targets] of Object.entries(personaTargets.get(persona)!.endpoints) as [EndpointId, Target[]][]) {
        // --paired-floor: the floor again just before the page, so a ratio compares two neighbouring windows.
        const paired = opts.pairedFloor && PAGE_ENDPOINTS.includes(id) ? await measure(base, opts, size.database, sql, poller, null, "page-floor", floorTargets) : null;
        const m = { ...(await measure(base, opts, size.database, sql, poller, persona, id, targets)), ...(paired ? { pairedFloorP95: paired.p95 } : {}) };
        // Weighed after the measurement, not during it (the fetches would share the server's CPU).
        measurements.push(PAGE_ENDPOINTS.includes(id) ? { ...m, bytes: await pageBytes(base, targets, id === "list-deep" ? 10 : 5) } : m);
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
  console.log("size persona page".padEnd(34), "p95 ms".padStart(8), "÷ floor".padStart(8), "doc bytes".padStart(10), "inline RSC".padStart(11), "RSC nav".padStart(9));
  for (const r of results) {
    const floor = r.measurements.find((m) => m.endpoint === "page-floor")!;
    for (const m of r.measurements.filter((x) => x.bytes)) {
      console.log(`${r.size.name} ${m.persona ?? "-"} ${m.endpoint}`.padEnd(34), m.p95.toFixed(1).padStart(8), `${(m.p95 / (m.pairedFloorP95 ?? floor.p95)).toFixed(2)}×`.padStart(8),
        String(m.bytes!.document).padStart(10), String(m.bytes!.inlineRsc).padStart(11), String(m.bytes!.rscPayload).padStart(9));
    }
  }
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
