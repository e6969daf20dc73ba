/**
 * Operator copy that names the *real cause* behind a tenant-level statement: the latest relevant run's
 * attention reason (§3 rule row), clock skew (§9), and in-flight runs shown as context. Lives beside
 * copy.ts (same rules: say only what the evidence supports; "completed" only for a run whose status is
 * `completed`).
 */
import type { AttentionReason } from "./vocabulary";

/**
 * What the latest executed restore did, completing "The latest executed restore (run #N) …". The verb
 * "completed" is used only by reasons that require status `completed`; every other reason describes its
 * own cause (an unrecognized status is named verbatim; React escapes it).
 */
export function latestRunCause(reason: AttentionReason, status: string): string {
  switch (reason) {
    case "status_failed":
      return "failed.";
    case "operation_failed":
      return "failed: its operation run reports the outcome failed.";
    case "cancelled_nothing_applied":
      return "was cancelled before anything was applied.";
    case "all_entries_failed":
      return "failed: every restored item failed.";
    case "status_partial":
      return "was only partially applied (status partial).";
    case "operation_partially_succeeded":
      return "was only partially applied: its operation run only partially succeeded.";
    case "cancelled_some_applied":
      return "was cancelled after some work was applied; the tenant may be in a mixed state.";
    case "entry_failed_or_partial":
      return "was only partially applied: some items, foundations or assignments failed or were only partially applied.";
    case "results_unreadable":
      return "reports completed, but its results could not be read, so its outcome cannot be confirmed.";
    case "results_empty":
      return "reports completed, but it recorded no item outcomes, so its outcome cannot be confirmed.";
    case "nothing_applied":
      return "reports completed, but no item was applied.";
    case "entry_skipped":
      return "completed, but some items, foundations or assignments were skipped.";
    case "non_applied":
      return "completed, but some work is listed as not applied.";
    case "non_applied_unreadable":
      return "completed, but its list of non-applied work could not be read.";
    case "operation_blocked":
      return "reports completed, but its operation run was blocked.";
    case "operation_cancelled":
      return "reports completed, but its operation run was cancelled.";
    case "operation_outcome_unrecognized":
      return "reports completed, but its operation run's outcome is not recognized, so its outcome cannot be confirmed.";
    case "status_unrecognized":
      return `has the unrecognized status "${status}", so its outcome cannot be confirmed.`;
    case "clean":
      return "completed with no visible follow-up.";
    case "dry_run":
    case "pre_execution":
    case "in_flight":
      return "has not executed, so it is not recovery evidence.";
  }
}

/** The clock-skew sentence of §9, naming the run's time. */
export function clockSkewSentence(iso: string): string {
  return `Its recorded time (${iso}) is in the future by this server's clock (clock skew), so it cannot be placed in time and does not count as recent evidence; a later problem may be hidden behind it.`;
}

export const ARCHIVED_EVIDENCE_SENTENCE = "The run is archived; archiving does not remove it as evidence.";

/** Headline of a Needs Attention / banner context line for clock skew. */
export const CLOCK_SKEW_TITLE = "Recovery evidence is weakened by clock skew";

/** In-flight runs (queued/running): context only, never evidence. */
export function inFlightLabel(status: "queued" | "running"): string {
  return `${status === "queued" ? "Queued" : "Running"} — not evidence yet`;
}
export const IN_FLIGHT_CLAIM_BOUNDARY =
  "Queued or running: this run has not finished, so it is not evidence yet. Its outcome will count once it ends.";
export function inFlightContext(runId: number, status: "queued" | "running", age: string): string {
  return `Run #${runId} is ${status} (started ${age}) — not evidence yet. The evidence above does not include it until it finishes.`;
}

/** A relevant run that is not the latest relevant one. */
export function supersededNotice(laterRunId: number): string {
  return `A later executed restore, run #${laterRunId}, is the latest evidence for this tenant. This run's outcome describes this run only; the dashboard's recovery card is based on run #${laterRunId}.`;
}
