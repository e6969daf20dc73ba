/**
 * CPU counters from /proc, with no other imports (bench/cluster.ts needs them without the bench config,
 * whose imports reach the server's query modules).
 */
import fs from "node:fs";

/** Jiffies of the whole machine (all CPUs) from /proc/stat: busy and total. */
export function machineTicks(): { busy: number; total: number; steal: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const steal = v[7] ?? 0;
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle - steal, total, steal };
}

/** utime + stime of one process, in jiffies (0 if it is gone). */
export function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

