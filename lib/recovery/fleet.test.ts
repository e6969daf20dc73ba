import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessTenant } from "./assessment";
import { compareFleetRows, fleetCounts, fleetPage, fleetSortKey, matchesFleetFilter, rankRowOf, toFleetRow, type FleetRow } from "./fleet";
import type { TenantOrderKey } from "./tenant-order";
import { backupSet, hoursAgo, NOW, restoreRun } from "./test-support";

const row = (over: Partial<FleetRow> & { tenantId: number }): FleetRow => ({
  name: `T${over.tenantId}`,
  role: "owner",
  backupPosture: "healthy",
  backupPrimaryReason: null,
  latestCompletedBackupAt: null,
  overviewState: "no_recent_issues_visible",
  latestRelevantRestoreRunId: 1,
  latestRelevantAttentionState: "completed",
  latestRelevantRestoreAt: hoursAgo(1).toISOString(),
  restoreEvidenceStale: false,
  needsAttention: [],
  severity: "none",
  ...over,
});
const crit = { kind: "recovery_failed", severity: "critical" } as const;
const med = { kind: "backup_stale", severity: "medium" } as const;
const high = { kind: "backup_degraded", severity: "high" } as const;

describe("compareFleetRows: the fleet row through the one comparator (§10 default order)", () => {
  it.each([
    ["higher severity first", row({ tenantId: 2, severity: "critical", needsAttention: [crit] }), row({ tenantId: 1, severity: "high", needsAttention: [high, med] })],
    ["then more items", row({ tenantId: 2, severity: "medium", needsAttention: [med, med] }), row({ tenantId: 1, severity: "medium", needsAttention: [med] })],
    ["then absent evidence before any", row({ tenantId: 2, latestRelevantRestoreAt: null }), row({ tenantId: 1, latestRelevantRestoreAt: hoursAgo(9000).toISOString() })],
    ["then older evidence", row({ tenantId: 2, latestRelevantRestoreAt: hoursAgo(50).toISOString() }), row({ tenantId: 1, latestRelevantRestoreAt: hoursAgo(5).toISOString() })],
    ["then name", row({ tenantId: 2, name: "Alpha" }), row({ tenantId: 1, name: "Beta" })],
    ["then id", row({ tenantId: 1, name: "Same" }), row({ tenantId: 2, name: "Same" })],
    ["any item before none", row({ tenantId: 9, severity: "medium", needsAttention: [med] }), row({ tenantId: 1, latestRelevantRestoreAt: null })],
  ])("%s", (_name, worse, better) => {
    expect(compareFleetRows(worse, better)).toBeLessThan(0);
    expect(compareFleetRows(better, worse)).toBeGreaterThan(0);
  });

  it("keyset pages in any size reassemble the full order, and counts never say healthy", () => {
    const arbRow = fc.record({
      tenantId: fc.integer({ min: 1, max: 10_000 }),
      name: fc.constantFrom("a", "b", "c"),
      severity: fc.constantFrom("critical", "high", "medium", "none" as const),
      items: fc.integer({ min: 0, max: 3 }),
      at: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbRow, { selector: (r) => r.tenantId, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (raw, limit) => {
        const rows = raw.map((r) =>
          row({
            tenantId: r.tenantId,
            name: r.name,
            severity: r.severity,
            needsAttention: r.severity === "none" ? [] : Array.from({ length: Math.max(1, r.items) }, () => ({ kind: "backup_stale", severity: r.severity as "medium" })),
            latestRelevantRestoreAt: r.at === null ? null : hoursAgo(r.at).toISOString(),
          }),
        );
        const sorted = [...rows].sort(compareFleetRows).map((x) => ({ row: x, key: fleetSortKey(x) }));
        const seen: number[] = [];
        let after: TenantOrderKey | null = null;
        for (;;) {
          const page: { items: typeof sorted; next: TenantOrderKey | null } = fleetPage(sorted, { after, limit });
          seen.push(...page.items.map((i) => i.row.tenantId));
          if (!page.next) break;
          after = page.next;
        }
        expect(seen).toEqual(sorted.map((s) => s.row.tenantId));
        const c = fleetCounts(rows.map((r) => rankRowOf(r, NOW)));
        expect(c.critical + c.high + c.medium + c.noVisibleIssues).toBe(rows.length);
        expect(Object.keys(c)).not.toContain("healthy");
      }),
    );
  });
});

describe("toFleetRow and filters", () => {
  it("carries the assessment's fields and matches the filters", () => {
    const a = assessTenant(
      {
        tenant: { id: 3, backupStaleAfterHours: 24, restoreEvidenceStaleAfterDays: 90 },
        backupSets: [backupSet({ id: 1, completedAt: hoursAgo(48) })],
        latestRelevant: { run: restoreRun({ id: 9, createdAt: hoursAgo(24 * 100), completedAt: hoursAgo(24 * 100) }), operationRun: null },
      },
      { now: NOW, canViewRestoreHistory: true },
    );
    const r = toFleetRow({ id: 3, name: "Gamma Corp" }, "operator", a);
    expect(r).toMatchObject({
      tenantId: 3, role: "operator", backupPosture: "stale", backupPrimaryReason: "latest_backup_stale",
      latestCompletedBackupAt: hoursAgo(48).toISOString(), overviewState: "no_recent_issues_visible",
      latestRelevantRestoreRunId: 9, restoreEvidenceStale: true, severity: "medium",
      needsAttention: [{ kind: "backup_stale", severity: "medium" }, { kind: "restore_evidence_stale", severity: "medium" }],
    });
    expect(matchesFleetFilter(rankRowOf(r, NOW), { stale: true, attention: true, backup: "stale", state: "no_recent_issues_visible", q: "GAMMA" })).toBe(true);
    expect(matchesFleetFilter(rankRowOf(r, NOW), { state: "weakened" })).toBe(false);
    expect(matchesFleetFilter(rankRowOf(r, NOW), { q: "delta" })).toBe(false);
  });
});
