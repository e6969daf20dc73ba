import { describe, expect, it } from "vitest";
import { assessTenant } from "./assessment";
import { NEEDS_ATTENTION_SEVERITY, highestSeverity } from "./needs-attention";
import { backupSet, hoursAgo, NOW, restoreRun } from "./test-support";

const tenant = { id: 4, backupStaleAfterHours: 24, restoreEvidenceStaleAfterDays: 90 };

describe("assessTenant", () => {
  it("derives backup health, evidence and Needs Attention from the same inputs", () => {
    const a = assessTenant(
      { tenant, backupSets: [backupSet({ id: 1, completedAt: hoursAgo(48) })], latestRelevant: { run: restoreRun({ id: 9, status: "failed" }), operationRun: null } },
      { now: NOW, canViewRestoreHistory: true },
    );
    expect(a.backupHealth.posture).toBe("stale");
    expect(a.evidence.backupPosture).toBe("stale");
    expect(a.evidence.overviewState).toBe("weakened");
    // Worst first: the failed restore (critical) before the stale backup (medium).
    expect(a.needsAttention.map((i) => [i.kind, i.severity])).toEqual([
      ["recovery_failed", "critical"],
      ["backup_stale", "medium"],
    ]);
    expect(a.severity).toBe("critical");
  });

  it("has no item and severity none only for current backups and a clean latest restore", () => {
    const a = assessTenant(
      { tenant, backupSets: [backupSet({ id: 1 })], latestRelevant: { run: restoreRun({ id: 3 }), operationRun: null } },
      { now: NOW, canViewRestoreHistory: false },
    );
    expect(a.needsAttention).toEqual([]);
    expect(a.severity).toBe("none");
    expect(a.evidence.action).toMatchObject({ disabled: true, url: null });
  });

  it("ranks unvalidated recovery and absent backups by the §10 table", () => {
    const a = assessTenant({ tenant, backupSets: [], latestRelevant: null }, { now: NOW, canViewRestoreHistory: true });
    expect(a.needsAttention.map((i) => i.kind)).toEqual(["backup_absent", "recovery_unvalidated"]);
    expect(a.needsAttention.map((i) => i.severity)).toEqual([NEEDS_ATTENTION_SEVERITY.backup_absent, NEEDS_ATTENTION_SEVERITY.recovery_unvalidated]);
    expect(highestSeverity(a.needsAttention)).toBe("critical");
  });
});
