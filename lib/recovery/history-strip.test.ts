import { describe, expect, it } from "vitest";
import {
  BACKUP_DAY_CATEGORIES,
  backupCategory,
  buildHistoryStrip,
  daysByWorst,
  historyStripWindow,
  notEvidenceCategory,
  restoreCategory,
  type StripGroup,
} from "./history-strip";
import * as pictureCopy from "./picture-copy";
import { overclaimingSentences } from "./test-support";

const NOW = new Date("2026-12-01T09:30:00Z");
const g = (row: StripGroup["row"], day: string, key: string, count = 1, maxId = 1, flag = false, failedItems = false): StripGroup => ({
  row, day, key, count, maxId, flag, failedItems,
});

describe("history strip window", () => {
  it("is the UTC day of now and the 89 days before it, oldest first", () => {
    const w = historyStripWindow(NOW);
    expect(w.days).toHaveLength(90);
    expect(w.days[0]).toBe("2026-09-03");
    expect(w.days[89]).toBe("2026-12-01");
    expect(w.from.toISOString()).toBe("2026-09-03T00:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });
});

describe("classification follows backup health and result attention", () => {
  it.each([
    [{ key: "completed", flag: true, failedItems: false }, "completed"],
    [{ key: "completed", flag: true, failedItems: true }, "completed_with_errors"],
    [{ key: "completed_with_errors", flag: true, failedItems: false }, "completed_with_errors"],
    [{ key: "completed", flag: false, failedItems: false }, "unconfirmed"],
    [{ key: "failed", flag: true, failedItems: false }, "failed"],
    [{ key: "imported-odd", flag: true, failedItems: false }, "failed"],
    [{ key: "running", flag: false, failedItems: false }, null],
    [{ key: "queued", flag: false, failedItems: false }, null],
  ] as const)("backup %o → %s", (group, category) => {
    expect(backupCategory(group)).toBe(category);
  });

  it("an unexpected stored attention reads as follow-up, never as completed", () => {
    expect(restoreCategory("completed")).toBe("completed");
    expect(restoreCategory("not_executed")).toBe("completed_with_follow_up");
    expect(restoreCategory("anything")).toBe("completed_with_follow_up");
  });

  it("runs that are not evidence: dry run, preview, in flight", () => {
    expect(notEvidenceCategory({ key: "completed", flag: true })).toBe("dry_run");
    expect(notEvidenceCategory({ key: "previewed", flag: false })).toBe("preview");
    expect(notEvidenceCategory({ key: "draft", flag: false })).toBe("preview");
    expect(notEvidenceCategory({ key: "running", flag: false })).toBe("in_flight");
  });
});

describe("buildHistoryStrip", () => {
  const groups = [
    g("backups", "2026-11-30", "completed", 2, 10, true),
    g("backups", "2026-11-30", "failed", 1, 11, true),
    g("backups", "2026-05-01", "failed", 1, 12, true), // outside the window
    g("restores", "2026-11-29", "completed", 1, 20),
    g("restores", "2026-11-29", "partial", 1, 19),
    g("not_evidence", "2026-11-28", "previewed", 3, 30),
  ];
  const strip = buildHistoryStrip({
    groups,
    now: NOW,
    canViewRestoreHistory: true,
    latestBackupAt: new Date("2026-11-30T02:00:00Z"),
    latestRelevantAt: new Date("2026-11-29T23:59:00Z"),
  });

  it("a day's worst category decides its drawing and its link; counts stay per category", () => {
    const day = strip.backups.find((c) => c.day === "2026-11-30")!;
    expect(day).toMatchObject({ counts: { completed: 2, failed: 1 }, total: 3, worst: "failed", linkId: 11, latest: true });
    const restore = strip.restores!.find((c) => c.day === "2026-11-29")!;
    expect(restore).toMatchObject({ worst: "partial", linkId: 19, latest: true });
    expect(strip.notEvidence!.find((c) => c.day === "2026-11-28")).toMatchObject({ worst: "preview", total: 3 });
  });

  it("draws nothing outside the window and marks exactly one latest day per row", () => {
    expect(strip.backups.reduce((n, c) => n + c.total, 0)).toBe(3);
    expect(strip.backups.filter((c) => c.latest)).toHaveLength(1);
    expect(strip.restores!.filter((c) => c.latest)).toHaveLength(1);
    expect(strip.notEvidence!.filter((c) => c.latest)).toHaveLength(0);
    expect(daysByWorst(strip.backups)).toEqual({ failed: 1 });
  });

  it("a viewer gets no restore rows, and a future-dated latest run is said to be outside the strip", () => {
    const viewer = buildHistoryStrip({ groups, now: NOW, canViewRestoreHistory: false, latestBackupAt: null, latestRelevantAt: null });
    expect(viewer.restores).toBeNull();
    expect(viewer.notEvidence).toBeNull();
    const skewed = buildHistoryStrip({ groups, now: NOW, canViewRestoreHistory: true, latestBackupAt: null, latestRelevantAt: new Date("2026-12-05T00:00:00Z") });
    expect(skewed.latestRestoreAfterWindow).toBe(true);
    expect(skewed.restores!.some((c) => c.latest)).toBe(false);
  });

  it("cell texts and summaries say the counts, and never a verdict", () => {
    const cell = strip.backups.find((c) => c.day === "2026-11-30")!;
    expect(pictureCopy.stripCellText(cell, BACKUP_DAY_CATEGORIES, pictureCopy.BACKUP_DAY_LABELS, "backup attempts", "latest completed backup")).toBe(
      "2026-11-30: 1 failed, 2 completed (latest completed backup)",
    );
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === "string") texts.push(v);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(Object.values(pictureCopy).filter((v) => typeof v !== "function"));
    texts.push(pictureCopy.STRIP_COPY.intro("a", "b"), pictureCopy.STRIP_COPY.latestAfterWindow("x"));
    texts.push(pictureCopy.stripRowSummary("Backups", { completed: 3 }, ["completed"], { completed: "completed" }, 90));
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.flatMap(overclaimingSentences)).toEqual([]);
  });
});
