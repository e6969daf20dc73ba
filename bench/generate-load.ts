/**
 * npm run db:generate-load -- --tenants N --runs-per-tenant M [--seed S] [--now ISO] [--uniform]
 *                             [--replace] [--fk-checks] [--no-vacuum] [--json]
 *
 * Writes a realistic, deterministic history into the configured database (DATABASE_URL, or the
 * embedded one) with COPY. The same --seed and --now give the same rows; --now defaults to the
 * current hour so backup freshness looks like a live estate. --runs-per-tenant is the mean: history
 * sizes are heavy-tailed like real estates (bench/load/history.ts, tenantRunCounts) unless --uniform;
 * the total is always exactly N × M. Prints a progress bar on stderr and the
 * load rate at the end; --json also prints the report as one JSON line on stdout (the bench reads it).
 */
import { describeDatabase } from "../lib/env";
import { allowServerModules } from "../scripts/server-modules";
import type { LoadProgress } from "./load/generate";

// The load writes the fleet projection with the server's query modules' statement.
allowServerModules();
const { closeDb, dbReady, getDb } = await import("../db/client");
const { BENCH_SAMPLE_USER, BENCH_USER, generateLoad } = await import("./load/generate");
const { migrateDb } = await import("../db/migrate");

const USAGE =
  "Usage: npm run db:generate-load -- --tenants N --runs-per-tenant M [--seed S] [--now ISO-8601] [--uniform] [--replace] [--fk-checks] [--no-vacuum] [--json]";

interface Args {
  tenants: number;
  runsPerTenant: number;
  seed: number;
  now: Date;
  replace: boolean;
  fkChecks: boolean;
  vacuum: boolean;
  json: boolean;
  uniform: boolean;
}

function parseArgs(argv: string[]): Args {
  const args = argv.filter((a) => a !== "--");
  const flags = new Set(["--replace", "--fk-checks", "--no-vacuum", "--json", "--uniform"]);
  const valued = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (flags.has(a)) continue;
    const [key, inline] = a.split("=", 2) as [string, string | undefined];
    if (!["--tenants", "--runs-per-tenant", "--seed", "--now"].includes(key)) throw new Error(`unknown argument ${a}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${key} needs a value`);
    valued.set(key, value);
  }
  const int = (key: string, fallback: number | null, max: number): number => {
    const raw = valued.get(key);
    if (raw === undefined) {
      if (fallback === null) throw new Error(`${key} is required`);
      return fallback;
    }
    if (!/^[0-9]+$/.test(raw) || Number(raw) < 0 || Number(raw) > max) throw new Error(`${key} must be an integer from 0 to ${max}`);
    return Number(raw);
  };
  const tenants = int("--tenants", null, 1_000_000);
  const runsPerTenant = int("--runs-per-tenant", null, 1_000_000);
  if (tenants < 1) throw new Error("--tenants must be at least 1");
  if (tenants * runsPerTenant > 50_000_000) throw new Error("at most 50,000,000 restore runs");
  const hour = new Date();
  hour.setUTCMinutes(0, 0, 0);
  const now = valued.has("--now") ? new Date(valued.get("--now")!) : hour;
  if (Number.isNaN(now.getTime())) throw new Error("--now must be an ISO-8601 date-time");
  return {
    tenants,
    runsPerTenant,
    seed: int("--seed", 1, 2_147_483_647),
    now,
    replace: args.includes("--replace"),
    fkChecks: args.includes("--fk-checks"),
    vacuum: !args.includes("--no-vacuum"),
    json: args.includes("--json"),
    uniform: args.includes("--uniform"),
  };
}

function progressBar(): (p: LoadProgress) => void {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  let lastPct = -1;
  return (p) => {
    const pct = p.restoreRunsTotal ? p.restoreRunsDone / p.restoreRunsTotal : 1;
    const rate = p.elapsedMs > 0 ? Math.round(p.restoreRunsDone / (p.elapsedMs / 1000)) : 0;
    const width = 30;
    const filled = Math.round(pct * width);
    const label = p.phase === "setup" ? "tenants, backup sets" : p.phase === "finish" ? "sequences, checks, vacuum analyze" : "restore runs";
    const line =
      `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(pct * 100).toFixed(0).padStart(3)}% ` +
      `${p.restoreRunsDone.toLocaleString("en")}/${p.restoreRunsTotal.toLocaleString("en")} restore runs · ` +
      `${rate.toLocaleString("en")}/s · ${(p.elapsedMs / 1000).toFixed(1)}s · ${label}`;
    if (tty) {
      process.stderr.write(`\r${line}\x1b[K${p.phase === "finish" ? "\n" : ""}`);
    } else if (p.phase !== "runs" || Math.floor(pct * 10) !== lastPct || Date.now() - lastLine > 5000) {
      lastPct = Math.floor(pct * 10);
      lastLine = Date.now();
      process.stderr.write(`${line}\n`);
    }
  };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  console.error(
    `Generating ${args.tenants.toLocaleString("en")} tenants × ${args.runsPerTenant.toLocaleString("en")} restore runs ` +
      `(${args.uniform ? "each" : "on average, heavy-tailed"}; ` +
      `seed ${args.seed}, now ${args.now.toISOString()}) into ${describeDatabase()}…`,
  );
  await dbReady();
  await migrateDb();
  const report = await generateLoad(getDb(), {
    tenants: args.tenants,
    runsPerTenant: args.runsPerTenant,
    seed: args.seed,
    now: args.now,
    distribution: args.uniform ? "uniform" : "skewed",
    replace: args.replace,
    skipForeignKeyTriggers: !args.fkChecks,
    vacuum: args.vacuum,
    onProgress: progressBar(),
  });
  const s = (n: number) => (n / 1000).toFixed(1);
  console.error(
    `Wrote ${report.tenants.toLocaleString("en")} tenants, ${report.backupSets.toLocaleString("en")} backup sets, ` +
      `${report.operationRuns.toLocaleString("en")} operation runs, ${report.restoreRuns.toLocaleString("en")} restore runs ` +
      `(${report.archivedRuns.toLocaleString("en")} archived) in ${s(report.ms.total)}s ` +
      `[setup ${s(report.ms.setup)}s, history ${s(report.ms.history)}s (restore_runs COPY ${s(report.ms.restoreRunCopy)}s), indexes ${s(report.ms.indexes)}s, projection ${s(report.ms.projection)}s, ` +
      `verify ${s(report.ms.verify)}s, vacuum analyze ${s(report.ms.vacuumAnalyze)}s].`,
  );
  console.error(`Attention mix: ${Object.entries(report.attention).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}.`);
  console.error(
    `Load rate: ${report.restoreRunsPerSecond.toLocaleString("en")} restore runs/s while writing history; ` +
      `${report.restoreRunsPerSecondOverall.toLocaleString("en")} restore runs/s and ` +
      `${report.rowsPerSecondOverall.toLocaleString("en")} rows/s (all tables) overall, wall clock.`,
  );
  console.error(
    `Sign in as ${BENCH_USER.email} (owner of every tenant) or ${BENCH_SAMPLE_USER.email} (owner of ` +
      `${report.memberships - report.tenants} sampled tenants), password "${BENCH_USER.password}".`,
  );
  if (args.json) console.log(JSON.stringify(report));
  return 0;
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`\nLoad generation failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  )
  .finally(() => closeDb());
