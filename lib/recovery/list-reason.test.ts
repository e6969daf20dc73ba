import { describe, expect, it } from "vitest";
import { resolveRecoveryEvidence, type LatestRelevantRestore } from "./evidence-summary";
import { reasonBanner } from "./list-reason";
import { hoursAgo, NOW, overclaimingSentences, restoreRun } from "./test-support";
import { RECOVERY_POSTURE_REASONS, type RecoveryPostureReason } from "./vocabulary";

const evidence = (latest: LatestRelevantRestore | null) =>
  resolveRecoveryEvidence({ tenantId: 1, backupPosture: "healthy", latestRelevant: latest, canViewRestoreHistory: true, now: NOW, staleAfterDays: 90 });
const latest = (overrides: Parameters<typeof restoreRun>[0]) => ({ run: restoreRun(overrides), operationRun: null });

const CASES: [string, LatestRelevantRestore | null, RecoveryPostureReason][] = [
  ["no history", null, "no_history"],
  ["failed", latest({ id: 4, status: "failed" }), "failed"],
  ["partial", latest({ id: 4, status: "partial" }), "partial"],
  ["unrecognized status", latest({ id: 4, status: "rolled_back" }), "completed_with_follow_up"],
  ["clean", latest({ id: 4 }), "no_recent_issues_visible"],
  ["clean but future-dated", latest({ id: 4, completedAt: new Date(NOW.getTime() + 86_400_000) }), "completed_with_follow_up"],
];

describe("reasonBanner: never contradicts the current evidence", () => {
  it("no reason, no banner", () => {
    expect(reasonBanner(null, evidence(null), NOW)).toBeNull();
  });

  it.each(CASES)("%s: only the matching reason explains; every other reason says the link is out of date", (_name, l, matching) => {
    const e = evidence(l);
    for (const reason of RECOVERY_POSTURE_REASONS) {
      const banner = reasonBanner(reason, e, NOW)!;
      const text = [banner.title, ...banner.paragraphs].join(" ");
      expect(banner.matchesEvidence).toBe(reason === matching);
      expect(overclaimingSentences(text)).toEqual([]);
      if (reason === matching) {
        if (e.overviewState === "weakened") expect(text).toContain(e.summary);
      } else {
        // It names what the evidence is now, and never asserts the link's cause as today's truth.
        expect(text).toContain(e.headline);
        expect(text).not.toMatch(/You arrived from the dashboard because/);
      }
    }
  });

  it("a stale ?recovery_posture_reason=partial beside a newer clean run", () => {
    const banner = reasonBanner("partial", evidence(latest({ id: 9, completedAt: hoursAgo(1) })), NOW)!;
    expect(banner.title).toBe("This link no longer matches the evidence");
    expect(banner.paragraphs.join(" ")).toMatch(/No recent restore issues are visible/);
    expect(banner.tone).toBe("info");
  });

  it("the rolled_back run is named by its status, not as a completed run", () => {
    const banner = reasonBanner("completed_with_follow_up", evidence(latest({ id: 1013, status: "rolled_back" })), NOW)!;
    expect(banner.paragraphs.join(" ")).toMatch(/unrecognized status "rolled_back"/);
    expect(banner.paragraphs.join(" ").replaceAll('"rolled_back"', "")).not.toMatch(/\bcompleted\b/);
  });
});
