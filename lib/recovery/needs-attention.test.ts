import { describe, expect, it } from "vitest";
import { needsAttentionItems } from "./needs-attention";
import { resolveBackupHealth } from "./backup-health";
import { VIEWER_RESTORE_HISTORY_HELPER_TEXT } from "./copy";
import { NEEDS_ATTENTION_BOUNDARY, NEEDS_ATTENTION_EMPTY } from "./surface-copy";
import { resolveRecoveryEvidence } from "./evidence-summary";
import { backupSet, hoursAgo, NOW, opRun, overclaimingSentences, restoreRun } from "./test-support";

const healthy = resolveBackupHealth({ tenantId: 1, backupSets: [backupSet({ id: 1 })], staleAfterHours: 24, now: NOW });
const stale = resolveBackupHealth({
  tenantId: 1,
  backupSets: [backupSet({ id: 7, completedAt: hoursAgo(48) })],
  staleAfterHours: 24,
  now: NOW,
});

const evidence = (latest: Parameters<typeof resolveRecoveryEvidence>[0]["latestRelevant"], canView = true) =>
  resolveRecoveryEvidence({ tenantId: 1, backupPosture: "healthy", latestRelevant: latest, canViewRestoreHistory: canView, now: NOW, staleAfterDays: 90 });

describe("needsAttentionItems (§5)", () => {
  it("is empty only when backup inputs are current and the latest restore shows no issues", () => {
    expect(needsAttentionItems(healthy, evidence({ run: restoreRun({ id: 3 }), operationRun: null }))).toEqual([]);
    // The empty card still carries the boundary.
    expect(NEEDS_ATTENTION_EMPTY).toMatch(/not proof/);
    expect(overclaimingSentences(`${NEEDS_ATTENTION_EMPTY} ${NEEDS_ATTENTION_BOUNDARY}`)).toEqual([]);
  });

  it("lists a backup posture that is not healthy, with the backup drillthrough", () => {
    const [item] = needsAttentionItems(stale, evidence({ run: restoreRun({ id: 3 }), operationRun: null }));
    expect(item).toMatchObject({ key: "backup", title: stale.headline, action: { url: "/backup-sets/7", disabled: false } });
  });

  it("lists unvalidated recovery with the no_history list link", () => {
    const items = needsAttentionItems(healthy, evidence(null));
    expect(items.map((i) => i.key)).toEqual(["recovery"]);
    expect(items[0]!.action).toMatchObject({ label: "Open restore history", url: "/restore-runs?recovery_posture_reason=no_history" });
  });

  it("links a weakened recovery to the exact run, or to the list fallback when that run is archived", () => {
    const failed = { run: restoreRun({ id: 9, status: "failed" }), operationRun: null };
    expect(needsAttentionItems(healthy, evidence(failed))[0]!.action?.url).toBe("/restore-runs/9");
    const archived = { run: restoreRun({ id: 9, status: "partial", archivedAt: hoursAgo(1) }), operationRun: opRun(1, "succeeded") };
    expect(needsAttentionItems(healthy, evidence(archived))[0]!.action?.url).toBe(
      "/restore-runs?recovery_posture_reason=partial",
    );
  });

  it("keeps the restore action's label for a viewer but disables it with the helper text", () => {
    const [item] = needsAttentionItems(healthy, evidence(null, false));
    expect(item!.action).toEqual({
      label: "Open restore history",
      url: null,
      disabled: true,
      helperText: VIEWER_RESTORE_HISTORY_HELPER_TEXT,
    });
  });
});
