import { describe, expect, it } from "vitest";
import { evidenceAgeBucket, fleetDistribution, type DistributionRow } from "./fleet-distribution";
import { DISTRIBUTION_COPY, EVIDENCE_AGE_LABELS, SEVERITY_DISTRIBUTION_LABELS } from "./picture-copy";
import { overclaimingSentences } from "./test-support";

const NOW = new Date("2026-12-01T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe("evidence age buckets (< 30, 30–90, 90–365, > 365 days, none)", () => {
  it.each([
    [daysAgo(0), "under_30"],
    [daysAgo(29.99), "under_30"],
    [daysAgo(30), "from_30_to_90"],
    [daysAgo(89.99), "from_30_to_90"],
    [daysAgo(90), "from_90_to_365"],
    [daysAgo(364.99), "from_90_to_365"],
    [daysAgo(365), "over_365"],
    [new Date(NOW.getTime() + 4 * 60_000).toISOString(), "under_30"],
    [new Date(NOW.getTime() + 6 * 60_000).toISOString(), "future"],
    [null, "none"],
    ["not a time", "none"],
  ] as const)("%s → %s", (at, bucket) => {
    expect(evidenceAgeBucket(at, NOW)).toBe(bucket);
  });
});

describe("fleetDistribution", () => {
  const rows: DistributionRow[] = [
    { severity: "critical", overviewState: "weakened", latestRelevantRestoreAt: daysAgo(2) },
    { severity: "medium", overviewState: "unvalidated", latestRelevantRestoreAt: null },
    { severity: "none", overviewState: "no_recent_issues_visible", latestRelevantRestoreAt: daysAgo(10) },
    { severity: "medium", overviewState: "no_recent_issues_visible", latestRelevantRestoreAt: daysAgo(200) },
  ];
  it("every tenant lands in exactly one segment of every bar", () => {
    const d = fleetDistribution(rows, NOW);
    expect(d.total).toBe(4);
    expect(d.severity).toEqual({ critical: 1, high: 0, medium: 2, none: 1 });
    expect(d.overviewState).toEqual({ weakened: 1, unvalidated: 1, no_recent_issues_visible: 2 });
    expect(d.evidenceAge).toEqual({ under_30: 2, from_30_to_90: 0, from_90_to_365: 1, over_365: 0, future: 0, none: 1 });
    for (const bar of [d.severity, d.overviewState, d.evidenceAge]) expect(Object.values(bar).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("its words never state a verdict", () => {
    const texts = [
      ...Object.values(SEVERITY_DISTRIBUTION_LABELS),
      ...Object.values(EVIDENCE_AGE_LABELS),
      DISTRIBUTION_COPY.title, DISTRIBUTION_COPY.intro(1), DISTRIBUTION_COPY.intro(5), DISTRIBUTION_COPY.boundary,
      DISTRIBUTION_COPY.segment("No visible issues", 3, 7),
    ];
    expect(texts.flatMap(overclaimingSentences)).toEqual([]);
    expect(DISTRIBUTION_COPY.segment("Critical", 1, 3)).toBe("Critical: 1 tenant (33%)");
  });
});
