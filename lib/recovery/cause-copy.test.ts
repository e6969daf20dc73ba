/**
 * Summaries name the real cause: for every attention reason a relevant run can have, the dashboard's
 * recovery text (evidence card and Needs Attention item) names that cause, and the word "completed"
 * never appears for a run whose status is not `completed`.
 */
import { describe, expect, it } from "vitest";
import { assessTenant } from "./assessment";
import { resultAttentionReason } from "./result-attention";
import { backupSet, CLEAN_RESULTS, hoursAgo, NOW, opRun, overclaimingSentences, restoreRun } from "./test-support";
import type { OperationRunInput, RestoreRunInput } from "./types";
import { ATTENTION_REASONS, type AttentionReason } from "./vocabulary";

type Case = { run: Partial<RestoreRunInput>; outcome?: string; names: RegExp };
const CASES: Record<Exclude<AttentionReason, "dry_run" | "pre_execution" | "in_flight">, Case> = {
  status_failed: { run: { status: "failed" }, names: /\(run #7\) failed\./ },
  operation_failed: { run: {}, outcome: "failed", names: /operation run reports the outcome failed/ },
  cancelled_nothing_applied: { run: { status: "cancelled", results: { items: [{ status: "skipped" }] } }, names: /cancelled before anything was applied/ },
  all_entries_failed: { run: { results: { items: [{ status: "failed" }, { status: "failed" }] } }, names: /every restored item failed/ },
  status_partial: { run: { status: "partial" }, names: /partially applied \(status partial\)/ },
  operation_partially_succeeded: { run: {}, outcome: "partially_succeeded", names: /operation run only partially succeeded/ },
  cancelled_some_applied: { run: { status: "cancelled" }, names: /cancelled after some work was applied/ },
  entry_failed_or_partial: { run: { results: { items: [{ status: "applied" }, { status: "partial" }] } }, names: /failed or were only partially applied/ },
  results_unreadable: { run: { results: "see ticket 4411" }, names: /results could not be read/ },
  results_empty: { run: { results: {} }, names: /recorded no item outcomes/ },
  nothing_applied: { run: { results: { items: [{ status: "skipped" }] } }, names: /no item was applied/ },
  entry_skipped: { run: { results: { items: [{ status: "applied" }, { status: "skipped" }] } }, names: /were skipped/ },
  non_applied: { run: { metadata: { non_applied: [{ key: "policy:7", reason: "unsupported" }] } }, names: /listed as not applied/ },
  non_applied_unreadable: { run: { metadata: { non_applied: "several" } }, names: /non-applied work could not be read/ },
  operation_blocked: { run: {}, outcome: "blocked", names: /operation run was blocked/ },
  operation_cancelled: { run: {}, outcome: "cancelled", names: /operation run was cancelled/ },
  operation_outcome_unrecognized: { run: {}, outcome: "exploded", names: /outcome is not recognized/ },
  status_unrecognized: { run: { status: "rolled_back" }, names: /unrecognized status "rolled_back".*cannot be confirmed/ },
  clean: { run: {}, names: /completed with no visible follow-up/ },
};

function dashboardText(c: Case) {
  const run = restoreRun({ id: 7, results: CLEAN_RESULTS, ...c.run, operationRunId: c.outcome ? 100 : null, completedAt: hoursAgo(3) });
  const operationRun: OperationRunInput | null = c.outcome ? opRun(100, c.outcome) : null;
  const a = assessTenant(
    { tenant: { id: 1, backupStaleAfterHours: 24, restoreEvidenceStaleAfterDays: 90 }, backupSets: [backupSet({ id: 1 })], latestRelevant: { run, operationRun } },
    { now: NOW, canViewRestoreHistory: true },
  );
  const recovery = a.needsAttention.find((i) => i.key === "recovery");
  return { run, operationRun, a, card: [a.evidence.headline, a.evidence.summary, a.evidence.claimBoundary, a.evidence.action?.label ?? ""].join(" "), item: recovery ? `${recovery.title} ${recovery.description ?? ""}` : "" };
}

describe("the dashboard names the latest relevant run's real cause", () => {
  it("covers every attention reason a relevant run can have", () => {
    const relevant = ATTENTION_REASONS.filter((r) => !["dry_run", "pre_execution", "in_flight"].includes(r));
    expect(Object.keys(CASES).sort()).toEqual([...relevant].sort());
  });

  it.each(Object.entries(CASES))("%s", (reason, c) => {
    const { run, operationRun, a, card, item } = dashboardText(c);
    expect(resultAttentionReason(run, operationRun).reason).toBe(reason);
    expect(a.evidence.summary).toMatch(c.names);
    if (reason !== "clean") expect(item).toMatch(c.names);
    // "completed" is never said of a run whose status is not `completed` (its verbatim status aside).
    if (run.status !== "completed") {
      for (const text of [card, item]) expect(text.replaceAll(`"${run.status}"`, "")).not.toMatch(/\bcomplete(d)?\b/i);
    }
    expect(a.evidence.summary).not.toMatch(/completed but still needs follow-up/);
    expect(overclaimingSentences(`${card} ${item}`)).toEqual([]);
  });

  it("each cause reads differently", () => {
    const summaries = Object.values(CASES).map((c) => dashboardText(c).a.evidence.summary);
    expect(new Set(summaries).size).toBe(summaries.length);
  });
});
