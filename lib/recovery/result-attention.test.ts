import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveResultAttention, resultAttentionReason, type AttentionRunInput } from "./result-attention";
import { parseMetadata, parseResults } from "./results";
import { CLEAN_RESULTS, arbMetadata, arbOutcome, arbResults, arbRestoreStatus, overclaimingSentences } from "./test-support";
import {
  RESTORE_IN_FLIGHT_STATUSES,
  RESTORE_PRE_EXECUTION_STATUSES,
  type AttentionReason,
  type AttentionState,
} from "./vocabulary";

const run = (overrides: Partial<AttentionRunInput> = {}): AttentionRunInput => ({
  status: "completed",
  isDryRun: false,
  results: CLEAN_RESULTS,
  metadata: {},
  ...overrides,
});
const items = (...statuses: string[]) => ({ items: statuses.map((status, i) => ({ key: `p:${i}`, status })) });
const op = (outcome: string) => ({ outcome });

type Case = [string, AttentionRunInput, { outcome: string } | null, AttentionState, AttentionReason];

const CASES: Case[] = [
  // not_executed
  ["dry run, even if it says failed", run({ isDryRun: true, status: "failed" }), op("failed"), "not_executed", "dry_run"],
  ["dry run that completed cleanly", run({ isDryRun: true }), null, "not_executed", "dry_run"],
  ...RESTORE_PRE_EXECUTION_STATUSES.map((status): Case => [`pre-execution ${status}`, run({ status }), null, "not_executed", "pre_execution"]),
  ...RESTORE_IN_FLIGHT_STATUSES.map((status): Case => [`in flight ${status}`, run({ status }), op("failed"), "not_executed", "in_flight"]),
  // failed
  ["status failed", run({ status: "failed" }), null, "failed", "status_failed"],
  ["op outcome failed under status completed", run(), op("failed"), "failed", "operation_failed"],
  ["op outcome failed under an unrecognized status", run({ status: "mystery" }), op("failed"), "failed", "operation_failed"],
  ["cancelled with no applied entry", run({ status: "cancelled", results: items("skipped") }), null, "failed", "cancelled_nothing_applied"],
  ["cancelled with malformed results", run({ status: "cancelled", results: "junk" }), null, "failed", "cancelled_nothing_applied"],
  ["all items failed under status completed", run({ results: items("failed", "failed") }), null, "failed", "all_entries_failed"],
  [
    "all items failed even though an assignment applied",
    run({ results: { ...items("failed"), assignments: [{ status: "applied" }] } }),
    null,
    "failed",
    "all_entries_failed",
  ],
  [
    "every entry across groups failed (no items)",
    run({ results: { foundations: [{ status: "failed" }], assignments: [{ status: "failed" }] } }),
    null,
    "failed",
    "all_entries_failed",
  ],
  ["all failed under an unrecognized status", run({ status: "mystery", results: items("failed") }), null, "failed", "all_entries_failed"],
  // partial
  ["status partial", run({ status: "partial" }), null, "partial", "status_partial"],
  ["op outcome partially_succeeded", run(), op("partially_succeeded"), "partial", "operation_partially_succeeded"],
  ["cancelled with some applied entry", run({ status: "cancelled", results: items("applied", "skipped") }), null, "partial", "cancelled_some_applied"],
  ["cancelled with applied entries and op blocked", run({ status: "cancelled" }), op("blocked"), "partial", "cancelled_some_applied"],
  ["a failed entry under status completed", run({ results: items("applied", "failed") }), null, "partial", "entry_failed_or_partial"],
  ["a partial entry under status completed", run({ results: items("applied", "partial") }), null, "partial", "entry_failed_or_partial"],
  ["a failed entry under an unrecognized status", run({ status: "mystery", results: items("applied", "failed") }), null, "partial", "entry_failed_or_partial"],
  // completed_with_follow_up (status completed)
  ["an entry skipped", run({ results: items("applied", "skipped") }), null, "completed_with_follow_up", "entry_skipped"],
  ["metadata.non_applied non-empty", run({ metadata: { non_applied: [{ key: "p:2", reason: "unsupported" }] } }), null, "completed_with_follow_up", "non_applied"],
  ["metadata.non_applied malformed", run({ metadata: { non_applied: "p:2" } }), null, "completed_with_follow_up", "non_applied_unreadable"],
  ["metadata not an object", run({ metadata: "??" }), null, "completed_with_follow_up", "non_applied_unreadable"],
  ["op outcome blocked", run(), op("blocked"), "completed_with_follow_up", "operation_blocked"],
  ["op outcome cancelled", run(), op("cancelled"), "completed_with_follow_up", "operation_cancelled"],
  ["op outcome unrecognized", run(), op("exploded"), "completed_with_follow_up", "operation_outcome_unrecognized"],
  ["results missing (null)", run({ results: null }), null, "completed_with_follow_up", "results_unreadable"],
  ["results malformed (a string)", run({ results: "applied" }), null, "completed_with_follow_up", "results_unreadable"],
  ["results with an entry missing status", run({ results: { items: [{ status: "applied" }, { key: "x" }] } }), null, "completed_with_follow_up", "results_unreadable"],
  ["results with an unknown entry status", run({ results: items("applied", "done") }), null, "completed_with_follow_up", "results_unreadable"],
  ["results empty of entries", run({ results: { items: [], foundations: [] } }), null, "completed_with_follow_up", "results_empty"],
  ["no entry applied", run({ results: items("skipped", "skipped") }), null, "completed_with_follow_up", "nothing_applied"],
  // completed_with_follow_up (status unrecognized)
  ["unrecognized status with clean results", run({ status: "mystery" }), op("succeeded"), "completed_with_follow_up", "status_unrecognized"],
  ["status differing only in case", run({ status: "Completed" }), null, "completed_with_follow_up", "status_unrecognized"],
  // completed
  ["status completed, clean, op succeeded", run(), op("succeeded"), "completed", "clean"],
  ["status completed, clean, no op run", run(), null, "completed", "clean"],
  ["status completed, clean, op pending", run(), op("pending"), "completed", "clean"],
];

const PRESENTATION = {
  not_executed: ["neutral", "preview_only", false],
  failed: ["danger", "no_recovery_claim", true],
  partial: ["warning", "partial_recovery_only", true],
  completed_with_follow_up: ["warning", "follow_up_weakens_confidence", true],
  completed: ["success", "run_outcome_only", false],
} as const;

describe("resolveResultAttention — §3 rule table (first match wins)", () => {
  it.each(CASES)("%s", (_name, input, operationRun, state, reason) => {
    expect(resultAttentionReason(input, operationRun)).toEqual({ state, reason });
    const attention = resolveResultAttention(input, operationRun);
    const [tone, boundary, followUp] = PRESENTATION[state];
    expect(attention).toMatchObject({ state, tone, recoveryClaimBoundary: boundary, followUpRequired: followUp });
    expect(attention.summary.length).toBeGreaterThan(0);
    expect(attention.primaryNextAction.length).toBeGreaterThan(0);
    expect(overclaimingSentences(attention.summary)).toEqual([]);
  });

  it("names an unrecognized status and says the outcome cannot be confirmed", () => {
    const { summary } = resolveResultAttention(run({ status: "rolled_back" }), null);
    expect(summary).toContain("rolled_back");
    expect(summary).toMatch(/cannot be confirmed/);
  });

  it("a clean completed run still makes no claim about the tenant", () => {
    const { summary } = resolveResultAttention(run(), null);
    expect(summary).toMatch(/not proven recoverable/);
  });

  it("in-flight runs are told to wait; previews to run an executed restore", () => {
    expect(resolveResultAttention(run({ status: "running" }), null).primaryNextAction).toMatch(/Wait/);
    expect(resolveResultAttention(run({ status: "previewed" }), null).primaryNextAction).toMatch(/executed restore/);
  });
});

describe("properties", () => {
  const arbRun = fc.record({ status: arbRestoreStatus, isDryRun: fc.boolean(), results: arbResults, metadata: arbMetadata });
  const arbOp = fc.option(fc.record({ outcome: arbOutcome }), { nil: null });

  it("never throws on arbitrary JSON and maps tone/boundary/follow-up per state", () => {
    fc.assert(
      fc.property(arbRun, arbOp, fc.anything(), fc.anything(), (input, operationRun, junkResults, junkMetadata) => {
        for (const candidate of [input, { ...input, results: junkResults, metadata: junkMetadata }]) {
          const attention = resolveResultAttention(candidate, operationRun);
          const [tone, boundary, followUp] = PRESENTATION[attention.state];
          expect([attention.tone, attention.recoveryClaimBoundary, attention.followUpRequired]).toEqual([tone, boundary, followUp]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("completed only when entries are well formed, one is applied, and nothing calls for follow-up", () => {
    let completedSeen = 0;
    fc.assert(
      fc.property(arbRun, arbOp, (input, operationRun) => {
        const attention = resolveResultAttention(input, operationRun);
        if (attention.state !== "completed") return;
        completedSeen++;
        const results = parseResults(input.results);
        const metadata = parseMetadata(input.metadata);
        expect(input.isDryRun).toBe(false);
        expect(input.status).toBe("completed");
        expect(results.wellFormed).toBe(true);
        expect(results.entries.some((e) => e.status === "applied")).toBe(true);
        expect(results.entries.every((e) => e.status === "applied")).toBe(true);
        expect(metadata.nonApplied).toEqual([]);
        expect(metadata.nonAppliedMalformed).toBe(false);
        expect(["failed", "partially_succeeded", "blocked", "cancelled"]).not.toContain(operationRun?.outcome);
      }),
      { numRuns: 2000 },
    );
    expect(completedSeen).toBeGreaterThan(0);
  });
});
