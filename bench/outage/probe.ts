/**
 * The outage probe (spec §14, issue 13 targets): N concurrent clients request pages and API endpoints in a
 * loop while the database is stopped for real and started again. Reports, for the answers given while the
 * database was down, their statuses and latency percentiles; after it came back, when the first success
 * arrived and how long any request was held. Used by the security suite and by `npm run bench:outage`.
 */
export interface OutageProbeOptions {
  baseUrl: string;
  /** Cookie header of a signed-in session (so requests reach the database). */
  cookie: string;
  paths: string[];
  concurrency: number;
  /** Load before stopping, while down, and after starting again (ms). */
  warmMs: number;
  downMs: number;
  afterMs: number;
  stopDatabase: () => Promise<void>;
  startDatabase: () => Promise<void>;
  /** Client-side cap on one request, so a held request is measured rather than waited for forever. */
  requestTimeoutMs?: number;
}

export interface Sample {
  path: string;
  start: number;
  end: number;
  status: number;
}

export interface OutageReport {
  phases: { stoppedAt: number; startedAt: number };
  down: { count: number; statuses: Record<string, number>; p50: number; p99: number; max: number };
  recovery: { firstSuccessAfterMs: number | null; maxHeldMs: number; statuses: Record<string, number> };
  statuses500: number;
  samples: Sample[];
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function countBy(samples: Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) out[s.status] = (out[s.status] ?? 0) + 1;
  return out;
}

export async function runOutageProbe(o: OutageProbeOptions): Promise<OutageReport> {
  const samples: Sample[] = [];
  const timeout = o.requestTimeoutMs ?? 30_000;
  const t0 = performance.now();
  const end = t0 + o.warmMs + o.downMs + o.afterMs;
  let i = 0;
  const client = async () => {
    while (performance.now() < end) {
      const path = o.paths[i++ % o.paths.length]!;
      const start = performance.now();
      let status = 0;
      try {
        const res = await fetch(o.baseUrl + path, {
          headers: { cookie: o.cookie, accept: "text/html,application/json" },
          redirect: "manual",
          signal: AbortSignal.timeout(timeout),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0; // no answer within the client's cap (or the connection failed)
      }
      samples.push({ path, start, end: performance.now(), status });
    }
  };
  const clients = Array.from({ length: o.concurrency }, client);
  const phases = { stoppedAt: 0, startedAt: 0 };
  const driver = (async () => {
    await new Promise((r) => setTimeout(r, o.warmMs));
    await o.stopDatabase();
    phases.stoppedAt = performance.now();
    await new Promise((r) => setTimeout(r, o.downMs));
    await o.startDatabase();
    phases.startedAt = performance.now();
  })();
  await Promise.all([...clients, driver]);

  // Answers to requests that started and ended while the database was down.
  const down = samples.filter((s) => s.start >= phases.stoppedAt && s.end <= phases.startedAt);
  const downLatencies = down.map((s) => s.end - s.start).sort((a, b) => a - b);
  const after = samples.filter((s) => s.end > phases.startedAt);
  const firstSuccess = after.filter((s) => s.status === 200 && s.start >= phases.startedAt).map((s) => s.end).sort((a, b) => a - b)[0];
  const maxHeld = after.reduce((m, s) => Math.max(m, s.end - Math.max(s.start, phases.startedAt)), 0);
  return {
    phases: { stoppedAt: phases.stoppedAt - t0, startedAt: phases.startedAt - t0 },
    down: {
      count: down.length,
      statuses: countBy(down),
      p50: percentile(downLatencies, 50),
      p99: percentile(downLatencies, 99),
      max: downLatencies.at(-1) ?? 0,
    },
    recovery: {
      firstSuccessAfterMs: firstSuccess === undefined ? null : firstSuccess - phases.startedAt,
      maxHeldMs: maxHeld,
      statuses: countBy(after),
    },
    statuses500: samples.filter((s) => s.status === 500).length,
    samples,
  };
}
