/**
 * npm run bench:cluster [-- --duration 15] [--warmup 3] [--connections 16]
 *
 * Requests/s through nginx with one app process behind it versus two, in one run, on the dashboard and
 * the evidence API (the operator's session, demo data), with the CPU time of each part (app processes,
 * PostgreSQL primary + replica, nginx, this load generator, everything else on the machine) over each
 * measured window — which is what says what limits the second process. Uses the cluster recorded in
 * CLUSTER_DIR (`npm run cluster`), or starts one and stops it afterwards. Switching between one and two
 * processes rewrites nginx's upstream list and reloads it (both processes keep running).
 * Writes bench/results/cluster-<stamp>.json and .md.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DEMO_USERS } from "../db/seed/demo-dataset";
import { machineTicks, processTicks } from "./proc-stat";
import { get, signIn } from "../scripts/cluster/client";
import { readState, startCluster, stopCluster } from "../scripts/cluster/cluster";
import { lbUrl, type ClusterState } from "../scripts/cluster/config";
import { nginxBinary, nginxConf, readPid } from "../scripts/cluster/nginx";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg("duration", 15);
const WARMUP = arg("warmup", 3);
const CONNECTIONS = arg("connections", 16);

interface Proc {
  pid: number;
  ppid: number;
  pgrp: number;
}
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.push({ pid: Number(e), ppid: Number(f[1]), pgrp: Number(f[2]) });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** The pids of each part of the cluster, right now (PostgreSQL backends come and go with connections). */
function roles(s: ClusterState): Record<string, number[]> {
  const all = processes();
  const children = (pid: number) => [pid, ...all.filter((p) => p.ppid === pid).map((p) => p.pid)];
  const postmaster = (dir: string | null) => (dir ? readPid(path.join(dir, "postmaster.pid")) : null);
  const nginx = s.nginx ? readPid(s.nginx.pidFile) : null;
  const apps = Object.values(s.apps);
  return {
    "app processes": all.filter((p) => apps.includes(p.pgrp)).map((p) => p.pid),
    "PostgreSQL primary": postmaster(s.pg.primary) ? children(postmaster(s.pg.primary)!) : [],
    "PostgreSQL replica": postmaster(s.pg.replica) ? children(postmaster(s.pg.replica)!) : [],
    nginx: nginx ? children(nginx) : [],
    "load generator (autocannon)": [process.pid],
  };
}

function useUpstreams(s: ClusterState, ports: number[]) {
  fs.writeFileSync(s.nginx!.conf, nginxConf(s.config, ports));
  const r = spawnSync(nginxBinary()!, ["-c", s.nginx!.conf, "-p", path.dirname(s.nginx!.conf), "-s", "reload"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`nginx reload: ${r.stderr}`);
}

async function untilOnly(base: string, cookie: string, ports: number[]) {
  const want = new Set(ports.map((p) => `127.0.0.1:${p}`));
  let streak = 0;
  const deadline = Date.now() + 30_000;
  while (streak < 20) {
    // A reload closes the old workers' keep-alive connections: a reset here is expected, not a result.
    const a = await get(`${base}/api/ping`, cookie).catch(() => null);
    streak = a?.upstream && want.has(a.upstream) ? streak + 1 : 0;
    if (Date.now() > deadline) throw new Error("nginx did not switch upstreams");
  }
}

async function run(base: string, pathname: string, cookie: string, seconds: number) {
  return autocannon({ url: `${base}${pathname}`, connections: CONNECTIONS, duration: seconds, timeout: 30, headers: { cookie, accept: "text/html,application/json" } });
}

async function measure(s: ClusterState, base: string, pathname: string, cookie: string) {
  await run(base, pathname, cookie, WARMUP);
  const pids = roles(s);
  const before = Object.fromEntries(Object.entries(pids).map(([k, v]) => [k, v.reduce((a, p) => a + processTicks(p), 0)]));
  const m0 = machineTicks();
  const result = await run(base, pathname, cookie, DURATION);
  const m1 = machineTicks();
  const after = roles(s);
  const hz = 100;
  const cpu: Record<string, number> = {};
  let ours = 0;
  for (const k of Object.keys(pids)) {
    // Processes that ended during the window are lost (short-lived backends): a small undercount.
    const ticks = [...new Set([...pids[k]!, ...after[k]!])].reduce((a, p) => a + processTicks(p), 0) - before[k]!;
    cpu[k] = Math.round((ticks / hz / DURATION) * 100) / 100;
    ours += cpu[k]!;
  }
  const machineCores = ((m1.busy - m0.busy) / hz) / DURATION;
  cpu["everything else on the machine"] = Math.max(0, Math.round((machineCores - ours) * 100) / 100);
  return {
    rps: Math.round(result.requests.average * 10) / 10,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuCores: cpu,
    machineBusyCores: Math.round(machineCores * 100) / 100,
  };
}

async function main() {
  let s = readState();
  const started = !s;
  if (!s) s = (await startCluster()).state;
  const base = lbUrl(s.config);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  try {
    const cookie = await signIn(base, DEMO_USERS.operator);
    const evidence = JSON.parse((await get(`${base}/api/fleet`, cookie)).text).tenants[0].tenantId as number;
    const endpoints = { dashboard: "/dashboard", "evidence API": `/api/tenants/${evidence}/recovery-evidence` };
    const [one] = s.config.appPorts;
    const results: Record<string, Record<string, Awaited<ReturnType<typeof measure>>>> = {};
    for (const [name, p] of Object.entries(endpoints)) {
      results[name] = {};
      for (const [mode, ports] of [["1 process", [one!]], ["2 processes", s.config.appPorts]] as const) {
        useUpstreams(s, [...ports]);
        await untilOnly(base, cookie, [...ports]);
        console.log(`… ${name}, ${mode}`);
        results[name][mode] = await measure(s, base, p, cookie);
      }
    }
    useUpstreams(s, s.config.appPorts);
    const report = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() },
      method: { connections: CONNECTIONS, durationS: DURATION, warmupS: WARMUP, through: "nginx round robin (keepalive)", replica: "reads on the streaming replica (lag guard)" },
      results,
    };
    const lines = [`# Cluster throughput, ${report.at}`, "", `${report.machine.cpus} CPUs (${report.machine.model}); autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${DURATION} s measured, through nginx.`, ""];
    lines.push("| endpoint | processes | req/s | p50 ms | p99 ms | non-2xx | machine busy (cores) | CPU cores by part |", "|---|---|---|---|---|---|---|---|");
    for (const [name, modes] of Object.entries(results)) {
      for (const [mode, r] of Object.entries(modes)) {
        const parts = Object.entries(r.cpuCores).map(([k, v]) => `${k} ${v}`).join("; ");
        lines.push(`| ${name} | ${mode} | ${r.rps} | ${r.p50ms} | ${r.p99ms} | ${r.non2xx + r.errors} | ${r.machineBusyCores} | ${parts} |`);
      }
      const ratio = modes["2 processes"]!.rps / modes["1 process"]!.rps;
      lines.push(`| ${name} | **2 ÷ 1** | **${ratio.toFixed(2)}×** | | | | | |`);
    }
    const md = lines.join("\n") + "\n";
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync(`bench/results/cluster-${stamp}.json`, JSON.stringify(report, null, 2));
    fs.writeFileSync(`bench/results/cluster-${stamp}.md`, md);
    console.log(md);
  } finally {
    if (started) await stopCluster();
  }
}

await main();
