import { describe, expect, it } from "vitest";
import * as domainCopy from "./copy";
import * as fleetCopy from "./fleet-copy";
import * as surfaceCopy from "./surface-copy";

const copy = { ...domainCopy, ...surfaceCopy };
import { overclaimingSentences } from "./test-support";
import { ATTENTION_REASONS, RECOVERY_POSTURE_REASONS } from "./vocabulary";

/** Every string reachable from the copy module, with functions called on representative arguments. */
function allCopy(): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk([...Object.values(copy), ...Object.values(fleetCopy)].filter((v) => typeof v !== "function"));
  out.push(fleetCopy.FRESHNESS_COPY.title(12), fleetCopy.FRESHNESS_COPY.title(null), fleetCopy.FRESHNESS_COPY.description(90));
  const m = copy.BACKUP_HEALTH_MESSAGES;
  out.push(m.stale("3 hours ago", 24), m.failedItems(4, true, 2), m.failedItems(4, false, 1), m.attemptFailed(5));
  out.push(m.current("1 hour ago", 24), copy.OVERVIEW_ACTION_LABELS.reviewRun(7));
  out.push(copy.OVERVIEW_SUMMARIES.noRecentIssues(7));
  for (const state of ["failed", "partial", "completed_with_follow_up"] as const) {
    out.push(copy.OVERVIEW_SUMMARIES.weakened(7, state, true), copy.OVERVIEW_SUMMARIES.weakened(7, state, false));
  }
  for (const reason of ATTENTION_REASONS) out.push(copy.attentionSummary(reason, "mystery"));
  out.push(copy.NEEDS_ATTENTION_COUNT(0), copy.NEEDS_ATTENTION_COUNT(2), copy.RUN_OUTCOME_COUNT(0, ""), copy.RUN_OUTCOME_COUNT(3, "3 applied"));
  out.push(copy.RUN_FACTS.missingLink(null), copy.RUN_FACTS.missingLink(4));
  out.push(copy.TENANT_SEARCH_COPY.count(0, 0), copy.TENANT_SEARCH_COPY.count(3, 1200), copy.TENANT_SEARCH_COPY.switchLabel("Acme"));
  return out;
}

describe("operator copy", () => {
  it("has the exact spec strings", () => {
    expect(copy.POSITIVE_CLAIM_BOUNDARY).toBe(
      "Backup health reflects backup inputs only. It does not prove that a restore will succeed.",
    );
    expect(copy.OVERVIEW_HEADLINES).toEqual({
      unvalidated: "Recovery confidence is unvalidated",
      weakened: "Recovery evidence is weakened",
      no_recent_issues_visible: "No recent restore issues are visible",
    });
    expect(copy.OVERVIEW_ACTION_LABELS.openHistory).toBe("Open restore history");
    expect(copy.OVERVIEW_ACTION_LABELS.reviewRun(42)).toBe("Review restore run #42");
    expect(copy.OVERVIEW_ACTION_LABELS.viewHistory).toBe("View restore history");
  });

  it("never states an overall verdict (verdict words only inside negated sentences)", () => {
    const strings = allCopy();
    expect(strings.length).toBeGreaterThan(60);
    expect(strings.flatMap(overclaimingSentences)).toEqual([]);
  });

  it("the overclaim check itself catches verdict sentences", () => {
    expect(overclaimingSentences("Backups ran. The tenant is protected.")).toEqual(["The tenant is protected."]);
    expect(overclaimingSentences("Healthy")).toEqual(["Healthy"]);
    expect(overclaimingSentences("It is not proof that the tenant can be recovered.")).toEqual([]);
  });

  it("has a banner for every recovery_posture_reason, explaining the dashboard arrival", () => {
    expect(Object.keys(copy.REASON_BANNERS).sort()).toEqual([...RECOVERY_POSTURE_REASONS].sort());
    for (const banner of Object.values(copy.REASON_BANNERS)) {
      expect(banner.title.length).toBeGreaterThan(0);
      expect(banner.body).toMatch(/dashboard/);
    }
    expect(copy.REASON_BANNERS.no_recent_issues_visible.body).toMatch(/not proof that the tenant can be recovered/);
  });

  it("viewer helper text names the role and who to ask", () => {
    expect(copy.VIEWER_RESTORE_HISTORY_HELPER_TEXT).toMatch(/viewer/);
    expect(copy.VIEWER_RESTORE_HISTORY_HELPER_TEXT).toMatch(/owner or operator/);
  });

  it("does not label the healthy backup posture as Healthy", () => {
    expect(copy.BACKUP_POSTURE_LABELS.healthy).not.toMatch(/healthy/i);
    expect(copy.BACKUP_HEALTH_HEADLINES.none).toBe("Latest backup inputs look current");
  });

  it("names an unrecognized restore status verbatim", () => {
    const text = copy.attentionSummary("status_unrecognized", "<b>odd</b>");
    expect(text).toContain('"<b>odd</b>"');
    expect(text).toMatch(/cannot be confirmed/);
  });
});
