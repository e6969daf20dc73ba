import { describe, expect, it } from "vitest";
import { assessTenant } from "./assessment";
import { evidenceAgeDays, isRestoreEvidenceStale } from "./freshness";
import { backupSet, hoursAgo, NOW, overclaimingSentences, restoreRun } from "./test-support";

const DAY = 24;
const tenant = (days: number) => ({ id: 2, backupStaleAfterHours: 24, restoreEvidenceStaleAfterDays: days });
const assess = (runAt: Date | null, days = 90, canView = true) =>
  assessTenant(
    {
      tenant: tenant(days),
      backupSets: [backupSet({ id: 1 })],
      latestRelevant: runAt ? { run: restoreRun({ id: 5, createdAt: runAt, completedAt: runAt }), operationRun: null } : null,
    },
    { now: NOW, canViewRestoreHistory: canView },
  );

describe("restore-evidence freshness (§9)", () => {
  it.each([
    [89 * DAY, false],
    [90 * DAY, false],
    [90 * DAY + 1, true],
    [400 * DAY, true],
  ])("a clean run %s hours old against a 90-day window: stale %s", (hours, stale) => {
    const a = assess(hoursAgo(hours));
    expect(a.evidence.restoreEvidenceStale).toBe(stale);
    // Extra context, never a new state: a stale clean run stays no_recent_issues_visible.
    expect(a.evidence.overviewState).toBe("no_recent_issues_visible");
    expect(a.needsAttention.map((i) => [i.kind, i.severity])).toEqual(stale ? [["restore_evidence_stale", "medium"]] : []);
  });

  it("names the age in days and follows the tenant's own window", () => {
    const a = assess(hoursAgo(12 * DAY + 3), 7);
    expect(a.evidence.restoreEvidenceStale).toBe(true);
    const item = a.needsAttention.find((i) => i.kind === "restore_evidence_stale")!;
    expect(item.title).toBe("Restore evidence is 12 days old");
    expect(item.description).toContain("7-day");
    expect(overclaimingSentences(`${item.title}. ${item.description}`)).toEqual([]);
    expect(assess(hoursAgo(12 * DAY), 30).evidence.restoreEvidenceStale).toBe(false);
  });

  it("no relevant run is not stale (it is unvalidated instead)", () => {
    const a = assess(null);
    expect(a.evidence.restoreEvidenceStale).toBe(false);
    expect(a.evidence.latestRelevantRestoreAt).toBeNull();
    expect(a.needsAttention.map((i) => i.kind)).toEqual(["recovery_unvalidated"]);
  });

  it("a viewer gets the item with its action disabled", () => {
    const item = assess(hoursAgo(100 * DAY), 90, false).needsAttention[0]!;
    expect(item.action).toMatchObject({ disabled: true, url: null });
  });

  it("an unreadable time cannot show freshness", () => {
    expect(isRestoreEvidenceStale({ relevantRestoreHistoryPresent: true, latestRelevantRestoreAt: new Date(Number.NaN), now: NOW, staleAfterDays: 90 })).toBe(true);
    expect(evidenceAgeDays(new Date(Number.NaN), NOW)).toBeNull();
    expect(evidenceAgeDays(hoursAgo(-48), NOW)).toBe(0);
  });
});
