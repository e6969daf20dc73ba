/** Spec §9 clock skew: table-driven rules for backup health and evidence, and the "never more positive" property. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveBackupHealth } from "./backup-health";
import { resolveRecoveryEvidenceFromHistory } from "./evidence-summary";
import { needsAttentionItems } from "./needs-attention";
import {
  arbBackupSet,
  arbBackupSets,
  arbHistory,
  arbRunBody,
  backupSet,
  hoursAgo,
  NOW,
  opRun,
  overclaimingSentences,
  restoreRun,
} from "./test-support";
import type { BackupSetInput, OperationRunInput, RestoreRunInput } from "./types";
import type { OverviewState } from "./vocabulary";

const MIN = 60_000;
const ahead = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 24 * 60 * MIN;

const health = (backupSets: BackupSetInput[], staleAfterHours = 24) =>
  resolveBackupHealth({ tenantId: 1, backupSets, staleAfterHours, now: NOW });
const evidence = (runs: RestoreRunInput[], operationRuns: OperationRunInput[] = [], canView = true) =>
  resolveRecoveryEvidenceFromHistory({ tenantId: 1, backupPosture: "healthy", runs, operationRuns, canViewRestoreHistory: canView, now: NOW, staleAfterDays: 90 });

describe("backup health: a future-dated latest completed set (rule before stale)", () => {
  it.each<[string, BackupSetInput[], string, string | null]>([
    ["a clean set a day ahead", [backupSet({ id: 1, completedAt: ahead(DAY) })], "degraded", "latest_backup_time_in_future"],
    ["5 minutes and 1 ms ahead", [backupSet({ id: 1, completedAt: ahead(5 * MIN + 1) })], "degraded", "latest_backup_time_in_future"],
    ["exactly 5 minutes ahead is tolerated", [backupSet({ id: 1, completedAt: ahead(5 * MIN) })], "healthy", null],
    [
      "a failed backup today hides behind a future-dated set, which degrades",
      [backupSet({ id: 1, completedAt: ahead(2 * DAY) }), backupSet({ id: 2, status: "failed", completedAt: hoursAgo(1) })],
      "degraded",
      "latest_backup_time_in_future",
    ],
    [
      "before stale: an old set and a future-dated one",
      [backupSet({ id: 1, completedAt: hoursAgo(200) }), backupSet({ id: 2, completedAt: ahead(DAY) })],
      "degraded",
      "latest_backup_time_in_future",
    ],
    [
      "before failed items",
      [backupSet({ id: 1, status: "completed_with_errors", failedItemCount: 4, completedAt: ahead(DAY) })],
      "degraded",
      "latest_backup_time_in_future",
    ],
    [
      "a future-dated failed attempt after a current set is a newer failed attempt",
      [backupSet({ id: 1, completedAt: hoursAgo(1) }), backupSet({ id: 2, status: "failed", completedAt: ahead(DAY) })],
      "degraded",
      "latest_backup_attempt_failed",
    ],
    [
      "a future-dated running set is ignored",
      [backupSet({ id: 1, completedAt: hoursAgo(1) }), backupSet({ id: 2, status: "running", completedAt: null, startedAt: ahead(DAY) })],
      "healthy",
      null,
    ],
    ["absent comes first: only a future-dated failed set", [backupSet({ id: 1, status: "failed", completedAt: ahead(DAY) })], "absent", "no_completed_backup"],
  ])("%s → %s / %s", (_name, sets, posture, reason) => {
    const h = health(sets);
    expect([h.posture, h.primaryReason]).toEqual([posture, reason]);
    expect(h.healthyClaimAllowed).toBe(posture === "healthy");
    if (reason === "latest_backup_time_in_future") {
      expect(h.supportingMessage).toMatch(/in the future/);
      expect(h.supportingMessage).toMatch(/clock skew/);
      expect(h.primaryActionTarget?.url).toMatch(/^\/backup-sets\/\d+$/);
    }
  });
});

describe("evidence: a future-dated latest relevant run weakens whatever its attention", () => {
  const FAILED = { status: "failed" } as const;
  it.each<[string, RestoreRunInput[], OverviewState, number | null, string | null, string | null]>([
    ["a clean run a day ahead", [restoreRun({ id: 5, completedAt: ahead(DAY) })], "weakened", 5, "completed", "/restore-runs/5"],
    [
      "archived: the list with completed_with_follow_up",
      [restoreRun({ id: 5, completedAt: ahead(DAY), archivedAt: hoursAgo(1) })],
      "weakened",
      5,
      "completed",
      "/restore-runs?recovery_posture_reason=completed_with_follow_up",
    ],
    [
      "a clean future-dated run stays latest over a failed restore today",
      [restoreRun({ id: 5, completedAt: ahead(3 * DAY) }), restoreRun({ id: 6, ...FAILED, completedAt: hoursAgo(1) })],
      "weakened",
      5,
      "completed",
      "/restore-runs/5",
    ],
    ["a failed future-dated run keeps its attention", [restoreRun({ id: 5, ...FAILED, completedAt: ahead(DAY) })], "weakened", 5, "failed", "/restore-runs/5"],
    [
      "a failed future-dated archived run: the list with completed_with_follow_up",
      [restoreRun({ id: 5, ...FAILED, completedAt: ahead(DAY), archivedAt: hoursAgo(2) })],
      "weakened",
      5,
      "failed",
      "/restore-runs?recovery_posture_reason=completed_with_follow_up",
    ],
    [
      "future created_at without completion (the §4 time is created_at)",
      [restoreRun({ id: 5, completedAt: null, createdAt: ahead(DAY) })],
      "weakened",
      5,
      "completed",
      "/restore-runs/5",
    ],
    ["exactly 5 minutes ahead is tolerated", [restoreRun({ id: 5, completedAt: ahead(5 * MIN) })], "no_recent_issues_visible", 5, "completed", "/restore-runs?recovery_posture_reason=no_recent_issues_visible"],
    ["a future-dated dry run is not evidence", [restoreRun({ id: 5, isDryRun: true, completedAt: ahead(DAY) })], "unvalidated", null, null, "/restore-runs?recovery_posture_reason=no_history"],
  ])("%s", (_name, runs, state, latestId, attention, url) => {
    const s = evidence(runs);
    expect(s.overviewState).toBe(state);
    expect(s.latestRelevantRestoreRunId).toBe(latestId);
    expect(s.latestRelevantAttentionState).toBe(attention);
    expect(s.action?.url).toBe(url);
    if (state === "weakened") {
      expect(s.summary).toMatch(/clock skew/);
      expect(s.headline).toBe("Recovery evidence is weakened");
    }
    expect(overclaimingSentences(`${s.headline} ${s.summary} ${s.claimBoundary}`)).toEqual([]);
  });

  it("Needs Attention: clock skew on a clean run is recovery_clock_skew (medium); a failed one stays critical", () => {
    const h = health([backupSet({ id: 1 })]);
    const kinds = (runs: RestoreRunInput[]) => needsAttentionItems(h, evidence(runs)).map((i) => [i.kind, i.severity]);
    expect(kinds([restoreRun({ id: 5, completedAt: ahead(DAY) })])).toEqual([["recovery_clock_skew", "medium"]]);
    expect(kinds([restoreRun({ id: 5, status: "failed", completedAt: ahead(DAY) })])).toEqual([["recovery_failed", "critical"]]);
    const skewedBackup = health([backupSet({ id: 1, completedAt: ahead(DAY) })]);
    expect(needsAttentionItems(skewedBackup, evidence([restoreRun({ id: 5 })])).map((i) => [i.kind, i.severity])).toEqual([
      ["backup_degraded", "high"],
    ]);
  });
});

/* ───────────────────────── the property ───────────────────────── */

const OVERVIEW_RANK: Record<OverviewState, number> = { weakened: 0, unvalidated: 1, no_recent_issues_visible: 2 };
const arbFuture = fc.integer({ min: 5 * MIN + 1, max: 30 * DAY }).map(ahead);

/** A backup set with its completion (or, uncompleted, its start) more than 5 minutes after now. */
const arbFutureBackupSet = fc.record({ set: arbBackupSet, at: arbFuture, completed: fc.boolean() }).map(({ set, at, completed }) =>
  completed ? { ...set, completedAt: at } : { ...set, completedAt: null, startedAt: at },
);
/** A restore run whose §4 time, coalesce(completed_at, created_at), is future-dated. */
const arbFutureRun = fc.record({ body: arbRunBody, at: arbFuture, completed: fc.boolean() }).map(({ body: { opChoice, ...body }, at, completed }) => ({
  ...body,
  operationRunId: opChoice === null ? null : 100 + opChoice,
  ...(completed ? { completedAt: at } : { completedAt: null, createdAt: at }),
}));

function assess(sets: BackupSetInput[], runs: RestoreRunInput[], operationRuns: OperationRunInput[]) {
  const backupHealth = health(sets);
  const summary = resolveRecoveryEvidenceFromHistory({
    tenantId: 1,
    backupPosture: backupHealth.posture,
    runs,
    operationRuns,
    canViewRestoreHistory: true,
    now: NOW,
    staleAfterDays: 90,
  });
  return { backupHealth, summary, items: needsAttentionItems(backupHealth, summary) };
}

describe("property: adding a future-dated record never makes any derived state more positive", () => {
  it("healthy claim, overview state, Needs Attention count; over backup sets and restore runs", () => {
    fc.assert(
      fc.property(
        arbBackupSets,
        arbHistory,
        fc.oneof(arbFutureBackupSet.map((set) => ({ set })), arbFutureRun.map((run) => ({ run }))),
        (sets, { runs, operationRuns }, added) => {
          const before = assess(sets, runs, operationRuns);
          const after =
            "set" in added
              ? assess([...sets, { ...added.set, id: 900 }], runs, operationRuns)
              : assess(sets, [...runs, restoreRun({ ...added.run, id: 900 })], operationRuns);
          // A healthy claim is never gained, nor a calmer overview state, nor fewer items to attend to.
          if (!before.backupHealth.healthyClaimAllowed) expect(after.backupHealth.healthyClaimAllowed).toBe(false);
          expect(OVERVIEW_RANK[after.summary.overviewState]).toBeLessThanOrEqual(OVERVIEW_RANK[before.summary.overviewState]);
          expect(after.items.length).toBeGreaterThanOrEqual(before.items.length);
          // And a future-dated record that becomes the latest evidence is never calm.
          if ("run" in added && after.summary.latestRelevantRestoreRunId === 900) expect(after.summary.overviewState).toBe("weakened");
          if ("set" in added && after.backupHealth.primaryActionTarget?.url === "/backup-sets/900") {
            expect(after.backupHealth.posture).not.toBe("healthy");
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a future-dated run over a clean history is never 'no recent issues visible', for any attention", () => {
    fc.assert(
      fc.property(arbFutureRun, (body) => {
        const s = evidence([restoreRun({ id: 1, completedAt: hoursAgo(2) }), restoreRun({ ...body, id: 2 })], [opRun(100, "succeeded")]);
        if (s.latestRelevantRestoreRunId === 2) {
          expect(s.overviewState).toBe("weakened");
          expect(s.summary).toMatch(/clock skew/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
