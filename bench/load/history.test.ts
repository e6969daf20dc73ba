/** The load generator's history: deterministic, exact in size, realistic in mix, and safe to COPY. */
import { describe, expect, it } from "vitest";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import { copyTime } from "./copy-sink";
import { planHistory, tenantRunCounts, type RestoreRunRow } from "./history";

const NOW = new Date("2025-06-01T12:00:00.000Z");

function allRuns(opts: Parameters<typeof planHistory>[0]): RestoreRunRow[] {
  const h = planHistory(opts);
  const out: RestoreRunRow[] = [];
  for (let k = 0; k < h.windows; k++) for (const batch of h.window(k, 500)) out.push(...batch.restoreRuns);
  return out;
}

describe("planHistory", () => {
  const opts = { tenants: 40, runsPerTenant: 150, seed: 3, now: NOW };
  const runs = allRuns(opts);

  it("is deterministic for a seed and differs between seeds", () => {
    expect(allRuns(opts)).toStrictEqual(runs);
    expect(allRuns({ ...opts, seed: 4 })).not.toStrictEqual(runs);
  });

  it("writes exactly tenants × runs-per-tenant runs, ids in creation order, nothing after now", () => {
    expect(runs).toHaveLength(40 * 150);
    runs.forEach((r, i) => {
      expect(r.id).toBe(i + 1);
      if (i > 0) expect(r.createdAt).toBeGreaterThanOrEqual(runs[i - 1]!.createdAt);
      for (const t of [r.createdAt, r.completedAt, r.archivedAt]) if (t !== null) expect(t).toBeLessThanOrEqual(NOW.getTime());
    });
  });

  it("caches exactly the resolver's attention state for every run", () => {
    const h = planHistory(opts);
    for (let k = 0; k < h.windows; k++) {
      for (const batch of h.window(k, 500)) {
        const ops = new Map(batch.operationRuns.map((o) => [o.id, o]));
        for (const r of batch.restoreRuns) {
          const op = r.operationRunId === null ? null : ops.get(r.operationRunId)!;
          const state = resolveResultAttention(
            { status: r.status, isDryRun: r.isDryRun, results: r.results === null ? null : JSON.parse(r.results), metadata: r.metadata === null ? null : JSON.parse(r.metadata) },
            op ? { outcome: op.outcome } : null,
          ).state;
          expect(r.attentionState).toBe(state);
        }
      }
    }
  });

  it("mixes every kind of run: dry runs, previews, in flight, failed, partial, follow-up, clean, archived", () => {
    const states = new Set(runs.map((r) => r.attentionState));
    expect([...states].sort()).toStrictEqual(["completed", "completed_with_follow_up", "failed", "not_executed", "partial"]);
    expect(runs.some((r) => r.isDryRun)).toBe(true);
    expect(runs.some((r) => r.status === "previewed" && !r.isDryRun)).toBe(true);
    expect(runs.some((r) => r.status === "running" || r.status === "queued")).toBe(true);
    const archived = runs.filter((r) => r.archivedAt !== null).length / runs.length;
    expect(archived).toBeGreaterThan(0.005);
    expect(archived).toBeLessThan(0.02);
  });

  it("writes JSON that parses and COPY lines with no stray tab, newline or backslash", () => {
    for (const r of runs) {
      for (const text of [r.results, r.metadata]) {
        if (text === null) continue;
        expect(() => JSON.parse(text)).not.toThrow();
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/[\\\t\n\r]/);
      }
      expect(r.status).not.toMatch(/[\\\t\n\r]/);
    }
  });
});

describe("tenantRunCounts", () => {
  it("sums exactly, is heavy-tailed when skewed, and flat when uniform", () => {
    const skewed = tenantRunCounts({ tenants: 5000, runsPerTenant: 200, seed: 1 });
    expect(skewed.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    const sorted = [...skewed].sort((a, b) => a - b);
    expect(sorted[2500]!).toBeLessThan(200);
    expect(sorted[4999]!).toBeGreaterThan(5000);
    expect(sorted[0]!).toBeGreaterThan(0);
    expect([...tenantRunCounts({ tenants: 7, runsPerTenant: 3, seed: 1, distribution: "uniform" })]).toStrictEqual([3, 3, 3, 3, 3, 3, 3]);
  });
});

describe("copyTime", () => {
  it("formats like Date#toISOString", () => {
    for (const ms of [0, 1, 999, 86_399_999, 86_400_000, 1_717_243_199_123, NOW.getTime(), 4_102_444_800_000 - 1]) {
      expect(copyTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(copyTime(null)).toBe("\\N");
  });
});
