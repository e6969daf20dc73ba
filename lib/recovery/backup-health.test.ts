import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBackupStale, resolveBackupHealth } from "./backup-health";
import { POSITIVE_CLAIM_BOUNDARY } from "./copy";
import { HOUR_MS, NOW, arbBackupSets, backupSet, hoursAgo, overclaimingSentences } from "./test-support";
import type { BackupSetInput } from "./types";

const resolve = (backupSets: BackupSetInput[], staleAfterHours = 24, now = NOW) =>
  resolveBackupHealth({ tenantId: 7, backupSets, staleAfterHours, now });

describe("resolveBackupHealth — §2 rule table (first match wins)", () => {
  it.each<[string, BackupSetInput[], string, string | null]>([
    ["absent: no sets at all", [], "absent", "no_backup_sets"],
    ["absent: only a failed set", [backupSet({ id: 1, status: "failed" })], "absent", "no_completed_backup"],
    [
      "absent: only queued/running sets (ignored, but sets exist)",
      [backupSet({ id: 1, status: "queued", completedAt: null }), backupSet({ id: 2, status: "running", completedAt: null })],
      "absent",
      "no_completed_backup",
    ],
    [
      "absent: a completed status with null completedAt is not completed evidence",
      [backupSet({ id: 1, status: "completed", completedAt: null })],
      "absent",
      "no_completed_backup",
    ],
    ["stale: latest completed is older than the threshold", [backupSet({ id: 1, completedAt: hoursAgo(30) })], "stale", "latest_backup_stale"],
    [
      "stale wins over failed items",
      [backupSet({ id: 1, status: "completed_with_errors", failedItemCount: 3, completedAt: hoursAgo(30) })],
      "stale",
      "latest_backup_stale",
    ],
    [
      "stale: an older fresh-looking set does not help when latest is by completedAt",
      [backupSet({ id: 9, completedAt: hoursAgo(48) }), backupSet({ id: 2, completedAt: hoursAgo(25) })],
      "stale",
      "latest_backup_stale",
    ],
    [
      "degraded: latest is completed_with_errors",
      [backupSet({ id: 1, status: "completed_with_errors", failedItemCount: 0 })],
      "degraded",
      "latest_backup_has_failed_items",
    ],
    ["degraded: latest has failed items", [backupSet({ id: 1, failedItemCount: 2 })], "degraded", "latest_backup_has_failed_items"],
    [
      "degraded: failed items win over a newer failed attempt",
      [backupSet({ id: 1, failedItemCount: 2, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "failed", completedAt: hoursAgo(1) })],
      "degraded",
      "latest_backup_has_failed_items",
    ],
    [
      "degraded: a failed set is newer (by completedAt)",
      [backupSet({ id: 1, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "failed", completedAt: hoursAgo(1) })],
      "degraded",
      "latest_backup_attempt_failed",
    ],
    [
      "degraded: a failed set without completedAt is placed by startedAt",
      [backupSet({ id: 1, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "failed", completedAt: null, startedAt: hoursAgo(2) })],
      "degraded",
      "latest_backup_attempt_failed",
    ],
    [
      "degraded: a failed set with no readable time conservatively counts as newer",
      [backupSet({ id: 1, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "failed", completedAt: null, startedAt: null })],
      "degraded",
      "latest_backup_attempt_failed",
    ],
    [
      "degraded: an unrecognized backup status newer than the latest completed set",
      [backupSet({ id: 1, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "exploded", completedAt: hoursAgo(1) })],
      "degraded",
      "latest_backup_attempt_failed",
    ],
    [
      "degraded: failed set at the same time with a greater id is newer",
      [backupSet({ id: 1, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "failed", completedAt: hoursAgo(3) })],
      "degraded",
      "latest_backup_attempt_failed",
    ],
    [
      "healthy: a failed set at the same time with a smaller id is older",
      [backupSet({ id: 2, completedAt: hoursAgo(3) }), backupSet({ id: 1, status: "failed", completedAt: hoursAgo(3) })],
      "healthy",
      null,
    ],
    [
      "healthy: an older failed set (startedAt older) does not degrade",
      [backupSet({ id: 2, completedAt: hoursAgo(3) }), backupSet({ id: 3, status: "failed", completedAt: null, startedAt: hoursAgo(4) })],
      "healthy",
      null,
    ],
    [
      "healthy: newer queued/running sets are ignored",
      [backupSet({ id: 1, completedAt: hoursAgo(3) }), backupSet({ id: 2, status: "running", completedAt: null, startedAt: hoursAgo(1) })],
      "healthy",
      null,
    ],
    ["healthy: otherwise", [backupSet({ id: 1 })], "healthy", null],
  ])("%s", (_name, sets, posture, reason) => {
    const result = resolve(sets);
    expect(result.posture).toBe(posture);
    expect(result.primaryReason).toBe(reason);
    expect(result.healthyClaimAllowed).toBe(posture === "healthy");
    expect(result.positiveClaimBoundary).toBe(POSITIVE_CLAIM_BOUNDARY);
    expect(result.tenantId).toBe(7);
  });

  it("latest ties on completedAt are broken by greatest id", () => {
    const at = hoursAgo(2);
    const higherIdDegraded = [backupSet({ id: 1, completedAt: at }), backupSet({ id: 2, completedAt: at, failedItemCount: 1 })];
    const lowerIdDegraded = [backupSet({ id: 1, completedAt: at, failedItemCount: 1 }), backupSet({ id: 2, completedAt: at })];
    expect(resolve(higherIdDegraded).posture).toBe("degraded");
    expect(resolve(lowerIdDegraded).posture).toBe("healthy");
    expect(resolve(lowerIdDegraded).primaryActionTarget?.url).toBe("/backup-sets/2");
  });
});

describe("staleness boundary", () => {
  it("exactly at the threshold is not stale; one millisecond past is stale", () => {
    const exactly = new Date(NOW.getTime() - 24 * HOUR_MS);
    const past = new Date(NOW.getTime() - 24 * HOUR_MS - 1);
    expect(resolve([backupSet({ id: 1, completedAt: exactly })]).posture).toBe("healthy");
    expect(resolve([backupSet({ id: 1, completedAt: past })]).posture).toBe("stale");
    expect(isBackupStale(exactly, 24, NOW)).toBe(false);
    expect(isBackupStale(past, 24, NOW)).toBe(true);
  });

  it("uses the tenant's threshold and the injected now", () => {
    const sets = [backupSet({ id: 1, completedAt: hoursAgo(10) })];
    expect(resolve(sets, 12).posture).toBe("healthy");
    expect(resolve(sets, 8).posture).toBe("stale");
    expect(resolve(sets, 12, new Date(NOW.getTime() + 3 * HOUR_MS)).posture).toBe("stale");
  });

  it("an unreadable threshold reads as stale, never as current", () => {
    expect(resolve([backupSet({ id: 1 })], Number.NaN).posture).toBe("stale");
  });
});

describe("presentation", () => {
  it("headlines differ per posture and the current one speaks about inputs only", () => {
    const headlines = [
      resolve([]),
      resolve([backupSet({ id: 1, completedAt: hoursAgo(30) })]),
      resolve([backupSet({ id: 1, failedItemCount: 1 })]),
      resolve([backupSet({ id: 1 })]),
    ].map((a) => a.headline);
    expect(new Set(headlines).size).toBe(4);
    expect(headlines[3]).toBe("Latest backup inputs look current");
  });

  it("drills through to the latest completed set, else the list", () => {
    expect(resolve([backupSet({ id: 4, completedAt: hoursAgo(30) })]).primaryActionTarget).toEqual({
      label: "Open latest backup set",
      url: "/backup-sets/4",
    });
    expect(resolve([backupSet({ id: 4, status: "failed" })]).primaryActionTarget?.url).toBe("/backup-sets");
  });

  it("supporting messages carry the age and threshold", () => {
    expect(resolve([backupSet({ id: 1, completedAt: hoursAgo(30) })]).supportingMessage).toBe(
      "The latest completed backup finished 30 hours ago, beyond the 24-hour freshness threshold.",
    );
    expect(resolve([backupSet({ id: 3, failedItemCount: 2 })]).supportingMessage).toMatch(/#3 .*2 failed items/);
  });
});

describe("properties", () => {
  it("never throws; healthy ⇒ latest completed set is within the threshold and not degraded", () => {
    const postures = new Set<string>();
    fc.assert(
      fc.property(arbBackupSets, fc.integer({ min: 0, max: 72 }), (sets, threshold) => {
        const result = resolve(sets, threshold);
        postures.add(result.posture);
        expect(result.positiveClaimBoundary).toBe(POSITIVE_CLAIM_BOUNDARY);
        expect(result.healthyClaimAllowed).toBe(result.posture === "healthy");
        expect(overclaimingSentences(`${result.headline} ${result.supportingMessage ?? ""}`)).toEqual([]);
        if (result.posture !== "healthy") return;

        // Independent oracle: brute-force the latest completed set.
        const completed = sets.filter(
          (s) => (s.status === "completed" || s.status === "completed_with_errors") && s.completedAt !== null,
        );
        const latest = completed.reduce<BackupSetInput | null>((best, s) => {
          if (!best) return s;
          const diff = s.completedAt!.getTime() - best.completedAt!.getTime();
          return diff > 0 || (diff === 0 && s.id > best.id) ? s : best;
        }, null);
        expect(latest).not.toBeNull();
        expect(NOW.getTime() - latest!.completedAt!.getTime()).toBeLessThanOrEqual(threshold * HOUR_MS);
        // §9: never healthy on a future-dated latest set.
        expect(latest!.completedAt!.getTime() - NOW.getTime()).toBeLessThanOrEqual(5 * 60_000);
        expect(latest!.status).toBe("completed");
        expect(latest!.failedItemCount).toBeLessThanOrEqual(0);
        const newerFailure = sets.some((s) => {
          if (s.status !== "failed") return false;
          const t = (s.completedAt ?? s.startedAt)?.getTime();
          return t === undefined || t > latest!.completedAt!.getTime() || (t === latest!.completedAt!.getTime() && s.id > latest!.id);
        });
        expect(newerFailure).toBe(false);
        expect(result.primaryActionTarget?.url).toBe(`/backup-sets/${latest!.id}`);
      }),
      { numRuns: 500 },
    );
    expect([...postures].sort()).toEqual(["absent", "degraded", "healthy", "stale"]);
  });
});
