/** §3 Restore result attention: what one restore run (and its operation run) says, and no more. */
import { ATTENTION_NEXT_ACTIONS, attentionSummary } from "./copy";
import { parseMetadata, parseResults, type ParsedResults } from "./results";
import type { OperationRunInput, RestoreRunInput } from "./types";
import {
  OPERATION_RUN_OUTCOMES,
  includes,
  isInFlightStatus,
  isPreExecutionStatus,
  type AttentionReason,
  type AttentionState,
  type RecoveryClaimBoundary,
  type Tone,
} from "./vocabulary";

export interface RestoreResultAttention {
  state: AttentionState;
  summary: string;
  followUpRequired: boolean;
  primaryNextAction: string;
  recoveryClaimBoundary: RecoveryClaimBoundary;
  tone: Tone;
}

export type AttentionRunInput = Pick<RestoreRunInput, "status" | "isDryRun" | "results" | "metadata">;
export type AttentionOperationInput = Pick<OperationRunInput, "outcome"> | null;

const PRESENTATION: Record<
  AttentionState,
  { recoveryClaimBoundary: RecoveryClaimBoundary; tone: Tone; followUpRequired: boolean }
> = {
  not_executed: { recoveryClaimBoundary: "preview_only", tone: "neutral", followUpRequired: false },
  failed: { recoveryClaimBoundary: "no_recovery_claim", tone: "danger", followUpRequired: true },
  partial: { recoveryClaimBoundary: "partial_recovery_only", tone: "warning", followUpRequired: true },
  completed_with_follow_up: {
    recoveryClaimBoundary: "follow_up_weakens_confidence",
    tone: "warning",
    followUpRequired: true,
  },
  completed: { recoveryClaimBoundary: "run_outcome_only", tone: "success", followUpRequired: false },
};

/** "Entries exist and every item failed", as decided by the team: all entries, or all of a non-empty items list. */
function everythingFailed(results: ParsedResults): boolean {
  const allFailed = (list: { status: string | null }[]) =>
    list.length > 0 && list.every((entry) => entry.status === "failed");
  return allFailed(results.entries) || allFailed(results.byGroup.items);
}

/** Completed-status follow-up triggers in copy priority order (the most fundamental first). */
function completedFollowUp(run: AttentionRunInput, results: ParsedResults, outcome: unknown): AttentionReason | null {
  const metadata = parseMetadata(run.metadata);
  if (!results.wellFormed) return "results_unreadable";
  if (results.entries.length === 0) return "results_empty";
  if (!results.entries.some((entry) => entry.status === "applied")) return "nothing_applied";
  if (results.entries.some((entry) => entry.status === "skipped")) return "entry_skipped";
  if (metadata.nonApplied.length > 0) return "non_applied";
  if (metadata.nonAppliedMalformed) return "non_applied_unreadable";
  if (outcome === "blocked") return "operation_blocked";
  if (outcome === "cancelled") return "operation_cancelled";
  // Not in the table: an outcome outside the vocabulary is unknown data, so it degrades confidence.
  if (outcome !== undefined && !includes(OPERATION_RUN_OUTCOMES, outcome)) return "operation_outcome_unrecognized";
  return null;
}

/** Which §3 rule row matches first, as a reason key. */
export function resultAttentionReason(
  run: AttentionRunInput,
  operationRun: AttentionOperationInput,
): { state: AttentionState; reason: AttentionReason } {
  const status: unknown = run.status;
  const outcome: unknown = operationRun ? operationRun.outcome : undefined;

  if (run.isDryRun === true) return { state: "not_executed", reason: "dry_run" };
  if (typeof status === "string" && isPreExecutionStatus(status)) return { state: "not_executed", reason: "pre_execution" };
  if (typeof status === "string" && isInFlightStatus(status)) return { state: "not_executed", reason: "in_flight" };

  const results = parseResults(run.results);
  const anyApplied = results.entries.some((entry) => entry.status === "applied");

  if (status === "failed") return { state: "failed", reason: "status_failed" };
  if (outcome === "failed") return { state: "failed", reason: "operation_failed" };
  if (status === "cancelled" && !anyApplied) return { state: "failed", reason: "cancelled_nothing_applied" };
  if (everythingFailed(results)) return { state: "failed", reason: "all_entries_failed" };

  if (status === "partial") return { state: "partial", reason: "status_partial" };
  if (outcome === "partially_succeeded") return { state: "partial", reason: "operation_partially_succeeded" };
  if (status === "cancelled") return { state: "partial", reason: "cancelled_some_applied" };
  if (results.entries.some((entry) => entry.status === "failed" || entry.status === "partial")) {
    return { state: "partial", reason: "entry_failed_or_partial" };
  }

  // Every known status is handled above except `completed`; anything else is unrecognized.
  if (status !== "completed") return { state: "completed_with_follow_up", reason: "status_unrecognized" };
  const followUp = completedFollowUp(run, results, outcome);
  if (followUp) return { state: "completed_with_follow_up", reason: followUp };
  return { state: "completed", reason: "clean" };
}

export function resolveResultAttention(
  run: AttentionRunInput,
  operationRun: AttentionOperationInput,
): RestoreResultAttention {
  const { state, reason } = resultAttentionReason(run, operationRun);
  return {
    state,
    summary: attentionSummary(reason, String(run.status)),
    primaryNextAction: reason === "in_flight" ? ATTENTION_NEXT_ACTIONS.inFlight : ATTENTION_NEXT_ACTIONS[state],
    ...PRESENTATION[state],
  };
}
