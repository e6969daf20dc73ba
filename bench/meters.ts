/** Measuring the server from /proc: resident memory of its process group and CPU time by role. */
import fs from "node:fs";
import { machineTicks, processTicks } from "./proc-stat";
import { round } from "./util";

export { machineTicks, processTicks };

export interface ProcessMemory {
  pid: number;
  name: string;
  rssMb: number;
}

/** Every process in the server's process group (`next start` and the next-server it runs), with VmRSS. */
export function groupMemory(pgid: number): ProcessMemory[] {
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

export type CpuRole = "group" | "self" | "database";

/**
 * The processes whose CPU belongs to this benchmark: a tracked process group (the server, or the load
 * generator), this process (autocannon runs in it) and the PostgreSQL backends connected to the bench
 * database. Everything else that ran on the machine during a measurement is "foreign" load, reported
 * with the numbers it may have skewed.
 */
export function benchPids(pgid: number, database: string): Map<number, CpuRole> {
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

export const TICK_MS = 10; // USER_HZ is 100 on Linux
export const PG_HELPERS = /^postgres: [^:]+: (walwriter|checkpointer|background writer)/;

/**
 * CPU accounting over a window. Polls every 200 ms, so processes that start and end inside the window
 * (the generator's children, short-lived backends) are counted up to their last sample.
 */
export class CpuWindow {
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

export class MemoryPoller {
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
