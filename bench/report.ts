/** The targets as checks (PASS/FAIL) and the markdown report. */
import { SERVER_NODE_OPTIONS } from "../scripts/server-options";
import { API_FLOOR_LIMITS, GROWTH_LIMIT, LIST_DOCUMENT_LIMIT_BYTES, LOAD_RATE_TARGET, PAGE_FLOOR_LIMITS, NOISE_LIMIT_PCT, type PersonaName, RSS_LIMIT_MB, type SizeSpec } from "./config";
import { round } from "./util";
import { type LoadCpu, type Measurement } from "./measure";
import { type ProcessMemory } from "./meters";
import { type LoadReport } from "./load/generate";

export interface SizeResult {
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

export interface Check {
  target: string;
  value: number;
  limit: number;
  unit: string;
  pass: boolean;
  detail?: string;
}

export function checks(results: SizeResult[], testOutcome: { pass: boolean; detail: string } | null): Check[] {
  const out: Check[] = [];
  for (const r of results) {
    const ping = r.measurements.find((m) => m.endpoint === "ping")!;
    const pageFloor = r.measurements.find((m) => m.endpoint === "page-floor")!;
    for (const m of r.measurements) {
      const apiLimit = API_FLOOR_LIMITS[m.endpoint];
      if (apiLimit !== undefined) {
        const value = m.p95 / ping.p95;
        out.push({ target: `${r.size.name} ${m.persona} ${m.endpoint} p95 ÷ /api/ping p95`, value: round(value), limit: apiLimit, unit: "×", pass: value <= apiLimit });
      }
      const pageLimit = PAGE_FLOOR_LIMITS[m.endpoint];
      if (pageLimit !== undefined) {
        const floorP95 = m.pairedFloorP95 ?? pageFloor.p95;
        const value = m.p95 / floorP95;
        out.push({
          target: `${r.size.name} ${m.persona} ${m.endpoint} p95 ÷ page floor p95`,
          value: round(value),
          limit: pageLimit,
          unit: "×",
          pass: value <= pageLimit,
          ...(m.pairedFloorP95 !== undefined ? { detail: `floor measured just before it: ${round(m.pairedFloorP95)} ms` } : {}),
        });
      }
    }
    const lists = r.measurements.filter((m) => (m.endpoint === "list-first" || m.endpoint === "list-deep") && m.bytes);
    const at25 = Math.max(0, ...lists.map((m) => m.bytes!.documentAt25Rows));
    out.push({
      target: `${r.size.name} restore-run list document (HTML + inline RSC data), page of 25 rows`,
      value: at25,
      limit: LIST_DOCUMENT_LIMIT_BYTES,
      unit: "bytes",
      pass: at25 > 0 && at25 <= LIST_DOCUMENT_LIMIT_BYTES,
      detail: at25 > 0 ? `largest of ${lists.reduce((n, m) => n + m.bytes!.samples, 0)} weighed pages` : "no 25-row page was weighed",
    });
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

export function markdown(report: Report): string {
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
    lines.push("", "Pages: p95 against the page floor (`/sign-in` without a session, this run) and what each document weighs (largest of the weighed targets; uncompressed bytes).", "");
    lines.push("| persona | page | p95 ms | p95 ÷ page floor | target | document bytes | of which inline RSC | RSC payload bytes (navigation) | rows |", "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    const pageFloor = r.measurements.find((m) => m.endpoint === "page-floor");
    for (const m of r.measurements.filter((x) => x.bytes)) {
      const limit = PAGE_FLOOR_LIMITS[m.endpoint];
      lines.push(
        `| ${m.persona ?? "–"} | ${m.endpoint} | ${f(m.p95)} | ${m.pairedFloorP95 !== undefined ? `${(m.p95 / m.pairedFloorP95).toFixed(2)} (paired)` : pageFloor ? (m.p95 / pageFloor.p95).toFixed(2) : "–"} | ${limit === undefined ? "–" : `≤ ${limit}`} | ${m.bytes!.document.toLocaleString("en")} | ${m.bytes!.inlineRsc.toLocaleString("en")} | ${m.bytes!.rscPayload.toLocaleString("en")} | ${m.bytes!.rows || "–"} |`,
      );
    }
    lines.push("", `Server memory: largest process ${r.memory.maxProcessMb.toFixed(0)} MB, process group ${r.memory.maxGroupMb.toFixed(0)} MB. EXPLAIN plans: ${r.explainFile ?? "not captured"}.`, "");
  }
  lines.push("## Targets", "", "| target | value | limit | result |", "|---|---:|---:|---|");
  for (const c of report.checks) {
    lines.push(`| ${c.target}${c.detail ? ` (${c.detail})` : ""} | ${c.value.toLocaleString("en")} ${c.unit} | ${c.unit === "×" || c.unit === "stmts" || c.unit === "bytes" ? "≤" : c.unit === "runs/s" ? "≥" : c.unit === "MB" ? "<" : ""} ${c.limit.toLocaleString("en")} | ${c.pass ? "PASS" : "**FAIL**"} |`);
  }
  lines.push("");
  return lines.join("\n");
}

export interface Report {
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
