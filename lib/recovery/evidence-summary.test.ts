import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VIEWER_RESTORE_HISTORY_HELPER_TEXT } from "./copy";
import {
  compareLatestRelevant,
  isRelevantRestoreRun,
  reasonForOverview,
  relevanceTime,
  resolveRecoveryEvidence,
  resolveRecoveryEvidenceFromHistory,
} from "./evidence-summary";
import { resolveResultAttention } from "./result-attention";
import { arbHistory, arbNoiseRun, arbDate, hoursAgo, NOW, opRun, overclaimingSentences, restoreRun } from "./test-support";
import type { OperationRunInput, RestoreRunInput } from "./types";
import { RESTORE_KNOWN_STATUSES, type OverviewState } from "./vocabulary";

const fromHistory = (runs: RestoreRunInput[], operationRuns: OperationRunInput[] = [], canViewRestoreHistory = true) =>
  resolveRecoveryEvidenceFromHistory({ tenantId: 3, backupPosture: "healthy", runs, operationRuns, canViewRestoreHistory, now: NOW, staleAfterDays: 90 });

const FAILED = { status: "failed" } as const;
const PARTIAL = { status: "partial" } as const;
const FOLLOW_UP = { results: { items: [{ status: "applied" }, { status: "skipped" }] } };

describe("isRelevantRestoreRun", () => {
  it.each([
    ...RESTORE_KNOWN_STATUSES.map((status) => [status, false, ["completed", "partial", "failed", "cancelled"].includes(status)] as const),
    ["mystery", false, true] as const,
    ["completed", true, false] as const,
    ["failed", true, false] as const,
  ])("status %s, dry run %s → %s", (status, isDryRun, expected) => {
    expect(isRelevantRestoreRun({ status, isDryRun })).toBe(expected);
  });
});

describe("latest relevant ordering", () => {
  it("relevanceTime is completedAt, else createdAt", () => {
    expect(relevanceTime(restoreRun({ id: 1, completedAt: hoursAgo(1), createdAt: hoursAgo(9) }))).toEqual(hoursAgo(1));
    expect(relevanceTime(restoreRun({ id: 1, completedAt: null, createdAt: hoursAgo(9) }))).toEqual(hoursAgo(9));
  });

  it("sorts greatest time first and ties by greatest id", () => {
    const a = restoreRun({ id: 1, completedAt: hoursAgo(1) });
    const b = restoreRun({ id: 2, completedAt: hoursAgo(2) });
    const c = restoreRun({ id: 3, completedAt: hoursAgo(2) });
    expect([b, a, c].sort(compareLatestRelevant).map((r) => r.id)).toEqual([1, 3, 2]);
  });
});

describe("resolveRecoveryEvidence — §4 table", () => {
  it.each<[string, RestoreRunInput[], OperationRunInput[], OverviewState, number | null, string | null]>([
    ["no runs", [], [], "unvalidated", null, "/restore-runs?recovery_posture_reason=no_history"],
    [
      "only dry runs and previews",
      [restoreRun({ id: 1, isDryRun: true }), restoreRun({ id: 2, status: "previewed" }), restoreRun({ id: 3, status: "running" })],
      [],
      "unvalidated",
      null,
      "/restore-runs?recovery_posture_reason=no_history",
    ],
    ["latest failed", [restoreRun({ id: 5, ...FAILED })], [], "weakened", 5, "/restore-runs/5"],
    ["latest partial", [restoreRun({ id: 5, ...PARTIAL })], [], "weakened", 5, "/restore-runs/5"],
    ["latest needs follow-up", [restoreRun({ id: 5, ...FOLLOW_UP })], [], "weakened", 5, "/restore-runs/5"],
    ["latest clean", [restoreRun({ id: 5 })], [], "no_recent_issues_visible", 5, "/restore-runs?recovery_posture_reason=no_recent_issues_visible"],
    [
      "older failure, newer clean run",
      [restoreRun({ id: 1, ...FAILED, completedAt: hoursAgo(9) }), restoreRun({ id: 2, completedAt: hoursAgo(1) })],
      [],
      "no_recent_issues_visible",
      2,
      "/restore-runs?recovery_posture_reason=no_recent_issues_visible",
    ],
    [
      "a newer in-flight run does not hide an older failure",
      [restoreRun({ id: 1, ...FAILED, completedAt: hoursAgo(9) }), restoreRun({ id: 2, status: "running", completedAt: null, createdAt: hoursAgo(1) })],
      [],
      "weakened",
      1,
      "/restore-runs/1",
    ],
    [
      "archived failed run still weakens, with a list fallback",
      [restoreRun({ id: 2, completedAt: hoursAgo(9) }), restoreRun({ id: 8, ...FAILED, completedAt: hoursAgo(1), archivedAt: hoursAgo(0) })],
      [],
      "weakened",
      8,
      "/restore-runs?recovery_posture_reason=failed",
    ],
    ["archived partial run falls back", [restoreRun({ id: 8, ...PARTIAL, archivedAt: hoursAgo(0) })], [], "weakened", 8, "/restore-runs?recovery_posture_reason=partial"],
    [
      "archived follow-up run falls back",
      [restoreRun({ id: 8, ...FOLLOW_UP, archivedAt: hoursAgo(0) })],
      [],
      "weakened",
      8,
      "/restore-runs?recovery_posture_reason=completed_with_follow_up",
    ],
    [
      "null completedAt uses createdAt",
      [restoreRun({ id: 1, ...FAILED, completedAt: null, createdAt: hoursAgo(1) }), restoreRun({ id: 2, completedAt: hoursAgo(3) })],
      [],
      "weakened",
      1,
      "/restore-runs/1",
    ],
    [
      "equal timestamps tie by greatest id",
      [restoreRun({ id: 4, completedAt: hoursAgo(2) }), restoreRun({ id: 3, ...FAILED, completedAt: hoursAgo(2) })],
      [],
      "no_recent_issues_visible",
      4,
      "/restore-runs?recovery_posture_reason=no_recent_issues_visible",
    ],
    ["linked op run failed weakens a clean-looking run", [restoreRun({ id: 6, operationRunId: 60 })], [opRun(60, "failed")], "weakened", 6, "/restore-runs/6"],
    ["linked op run blocked weakens a clean-looking run", [restoreRun({ id: 6, operationRunId: 60 })], [opRun(60, "blocked")], "weakened", 6, "/restore-runs/6"],
    ["cancelled with applied entries is partial", [restoreRun({ id: 6, status: "cancelled" })], [], "weakened", 6, "/restore-runs/6"],
    ["malformed results under completed", [restoreRun({ id: 6, results: [1, 2] })], [], "weakened", 6, "/restore-runs/6"],
    ["unrecognized status", [restoreRun({ id: 6, status: "rolled_back" })], [], "weakened", 6, "/restore-runs/6"],
  ])("%s", (_name, runs, ops, overviewState, runId, url) => {
    const summary = fromHistory(runs, ops);
    expect(summary.overviewState).toBe(overviewState);
    expect(summary.latestRelevantRestoreRunId).toBe(runId);
    expect(summary.relevantRestoreHistoryPresent).toBe(runId !== null);
    expect(summary.action?.url).toBe(url);
    expect(summary.action?.disabled).toBe(false);
    expect(summary.claimBoundary.length).toBeGreaterThan(0);
  });

  it("uses the exact headlines and action labels", () => {
    expect(fromHistory([])).toMatchObject({
      headline: "Recovery confidence is unvalidated",
      action: { label: "Open restore history" },
      latestRelevantAttentionState: null,
      latestRelevantRestoreAt: null,
    });
    expect(fromHistory([restoreRun({ id: 12, ...FAILED })])).toMatchObject({
      headline: "Recovery evidence is weakened",
      action: { label: "Review restore run #12" },
      latestRelevantAttentionState: "failed",
    });
    const clean = fromHistory([restoreRun({ id: 12, completedAt: new Date("2025-05-31T08:00:00.000Z") })]);
    expect(clean).toMatchObject({
      headline: "No recent restore issues are visible",
      action: { label: "View restore history" },
      latestRelevantAttentionState: "completed",
      latestRelevantRestoreAt: "2025-05-31T08:00:00.000Z",
    });
    expect(clean.claimBoundary).toMatch(/not proof that the tenant can be recovered/);
    expect(fromHistory([]).summary).toMatch(/recovery evidence is not yet known/);
  });

  it.each([
    ["unvalidated", [] as RestoreRunInput[], "Open restore history"],
    ["weakened", [restoreRun({ id: 9, ...FAILED })], "Review restore run #9"],
    ["no recent issues", [restoreRun({ id: 9 })], "View restore history"],
  ])("viewer: %s action keeps its label but is disabled with helper text", (_name, runs, label) => {
    expect(fromHistory(runs, [], false).action).toEqual({
      label,
      url: null,
      disabled: true,
      helperText: VIEWER_RESTORE_HISTORY_HELPER_TEXT,
    });
  });

  it("a run the SQL filter should not have returned is not evidence", () => {
    const summary = resolveRecoveryEvidence({
      tenantId: 3,
      backupPosture: "stale",
      latestRelevant: { run: restoreRun({ id: 1, isDryRun: true, ...FAILED }), operationRun: null },
      canViewRestoreHistory: true,
      now: NOW,
      staleAfterDays: 90,
    });
    expect(summary).toMatchObject({ overviewState: "unvalidated", latestRelevantRestoreRunId: null, backupPosture: "stale" });
  });

  it.each([
    ["unvalidated", null, "no_history"],
    ["weakened", "failed", "failed"],
    ["weakened", "partial", "partial"],
    ["weakened", "completed_with_follow_up", "completed_with_follow_up"],
    ["no_recent_issues_visible", "completed", "no_recent_issues_visible"],
  ] as const)("reasonForOverview(%s, %s) = %s", (overviewState, latestRelevantAttentionState, reason) => {
    expect(reasonForOverview({ overviewState, latestRelevantAttentionState })).toBe(reason);
  });
});

/** Brute-force oracle for the latest relevant run, independent of compareLatestRelevant. */
function bruteLatest(runs: RestoreRunInput[]): RestoreRunInput | null {
  let best: RestoreRunInput | null = null;
  for (const run of runs) {
    if (run.isDryRun || ["draft", "scoped", "checked", "previewed", "queued", "running"].includes(run.status)) continue;
    const t = (run.completedAt ?? run.createdAt).getTime();
    const bt = best ? (best.completedAt ?? best.createdAt).getTime() : -Infinity;
    if (!best || t > bt || (t === bt && run.id > best.id)) best = run;
  }
  return best;
}

const opFor = (run: RestoreRunInput, ops: OperationRunInput[]) => ops.find((op) => op.id === run.operationRunId) ?? null;

describe("properties over random histories", () => {
  it("relevance is exactly 'attention is not not_executed'", () => {
    fc.assert(
      fc.property(arbHistory, ({ runs, operationRuns }) => {
        for (const run of runs) {
          const attention = resolveResultAttention(run, opFor(run, operationRuns));
          expect(isRelevantRestoreRun(run)).toBe(attention.state !== "not_executed");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("no_recent_issues_visible only when the latest relevant run's attention is completed; weakened otherwise", () => {
    const seen = new Set<OverviewState>();
    fc.assert(
      fc.property(arbHistory, fc.boolean(), ({ runs, operationRuns }, canView) => {
        const summary = fromHistory(runs, operationRuns, canView);
        seen.add(summary.overviewState);
        const latest = bruteLatest(runs);
        expect(summary.latestRelevantRestoreRunId).toBe(latest?.id ?? null);
        if (!latest) {
          expect(summary.overviewState).toBe("unvalidated");
          return;
        }
        const attention = resolveResultAttention(latest, opFor(latest, operationRuns));
        expect(attention.state).not.toBe("not_executed");
        expect(summary.latestRelevantAttentionState).toBe(attention.state);
        expect(summary.overviewState).toBe(attention.state === "completed" ? "no_recent_issues_visible" : "weakened");
      }),
      { numRuns: 1000 },
    );
    expect(seen.size).toBe(3);
  });

  it("the SQL path (given the selected latest run) agrees with the history path", () => {
    fc.assert(
      fc.property(arbHistory, fc.boolean(), ({ runs, operationRuns }, canView) => {
        const latest = bruteLatest(runs);
        const viaSql = resolveRecoveryEvidence({
          tenantId: 3,
          backupPosture: "healthy",
          latestRelevant: latest ? { run: latest, operationRun: opFor(latest, operationRuns) } : null,
          canViewRestoreHistory: canView,
          now: NOW,
          staleAfterDays: 90,
        });
        expect(viaSql).toEqual(fromHistory(runs, operationRuns, canView));
      }),
      { numRuns: 500 },
    );
  });

  it("adding any dry-run, pre-execution or in-flight run never changes the summary", () => {
    fc.assert(
      fc.property(arbHistory, fc.array(arbNoiseRun, { minLength: 1, maxLength: 3 }), fc.nat(), ({ runs, operationRuns }, noise, at) => {
        const extra = noise.map((body, i) => restoreRun({ ...body, id: 1000 + i }));
        const withNoise = [...runs];
        withNoise.splice(at % (runs.length + 1), 0, ...extra);
        expect(fromHistory(withNoise, operationRuns)).toEqual(fromHistory(runs, operationRuns));
      }),
      { numRuns: 500 },
    );
  });

  it("archiving any run never changes overviewState or latestRelevantRestoreRunId", () => {
    fc.assert(
      fc.property(arbHistory, fc.nat(), arbDate, ({ runs, operationRuns }, pick, archivedAt) => {
        fc.pre(runs.length > 0);
        const index = pick % runs.length;
        const archived = runs.map((run, i) => (i === index ? { ...run, archivedAt } : run));
        const before = fromHistory(runs, operationRuns);
        const after = fromHistory(archived, operationRuns);
        expect(after.overviewState).toBe(before.overviewState);
        expect(after.latestRelevantRestoreRunId).toBe(before.latestRelevantRestoreRunId);
        expect(after.latestRelevantAttentionState).toBe(before.latestRelevantAttentionState);
      }),
      { numRuns: 500 },
    );
  });

  it("claimBoundary is never empty, copy never overclaims, and viewers never get a link", () => {
    fc.assert(
      fc.property(arbHistory, fc.boolean(), ({ runs, operationRuns }, canView) => {
        const summary = fromHistory(runs, operationRuns, canView);
        expect(summary.claimBoundary.trim()).not.toBe("");
        expect(overclaimingSentences([summary.headline, summary.summary, summary.claimBoundary].join(" "))).toEqual([]);
        expect(summary.action).not.toBeNull();
        expect(summary.action!.disabled).toBe(!canView);
        expect(summary.action!.url === null).toBe(!canView);
        if (summary.overviewState === "no_recent_issues_visible") {
          expect(summary.claimBoundary).toMatch(/not proof that the tenant can be recovered/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
