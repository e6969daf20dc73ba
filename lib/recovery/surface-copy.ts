/**
 * The operator pages' and the API's own copy (lists, notices, labels, error messages), beside the domain
 * copy of copy.ts. Same rule: say only what the evidence supports; never healthy, protected, recoverable
 * or safe except inside a negated boundary statement.
 */
import type { BackupSetStatus, RecoveryClaimBoundary, ResultEntryGroup, ResultEntryStatus } from "./vocabulary";

// ── Other surface copy ───────────────────────────────────────────────────────────────────────────────

export const LATEST_RELEVANT_RUN_MARKER = "Latest executed restore";
export const DRY_RUN_NOTICE =
  "Preview only: this dry run proves preview truth only. It is not recovery evidence.";
export const NEEDS_ATTENTION_EMPTY =
  "Nothing in the evidence shown here needs attention. This is not proof that the tenant can be recovered.";
/** The error page (app/error.tsx): any failure while loading, the database unreachable included. */
export const EVIDENCE_UNAVAILABLE = {
  title: "Evidence could not be loaded",
  body:
    "The data behind this page could not be read, so nothing can be said about backup or restore evidence " +
    "right now. This is not a sign that anything is fine or broken — it is unknown.",
  retry: "Try again",
} as const;

// ── Surface copy added for the operator pages (dashboard, restore runs, backup sets) ─────────────────

/** Plain-language text for each `recoveryClaimBoundary` identifier of §3. */
export const RECOVERY_CLAIM_BOUNDARY_TEXT: Record<RecoveryClaimBoundary, string> = {
  preview_only:
    "Preview only: a dry run or a restore that has not executed proves preview truth only. It is not recovery evidence.",
  no_recovery_claim: "No recovery claim can be made from this run.",
  partial_recovery_only:
    "At most part of the work was restored. This run is not evidence that the tenant can be recovered.",
  follow_up_weakens_confidence:
    "Open follow-up weakens confidence in this run. It is not evidence that the tenant can be recovered.",
  run_outcome_only:
    "This describes this run's outcome only. The tenant is still not proven recoverable.",
};

export const ARCHIVED_RUN_NOTICE =
  "This run is archived. Archiving does not remove it as evidence: a failed, partial or follow-up run still weakens recovery confidence.";

/** Shown under a non-empty Needs Attention list (the empty list shows NEEDS_ATTENTION_EMPTY). */
export const NEEDS_ATTENTION_BOUNDARY =
  "This list covers backup inputs and the latest executed restore only. Clearing it would not prove that the tenant can be recovered.";

export const RESULTS_UNREADABLE_NOTICE =
  "Some of this run's results could not be read. Entries that could be read are listed; the outcome cannot be confirmed.";
export const NON_APPLIED_UNREADABLE_NOTICE =
  "This run's list of non-applied work could not be read in full, so more work may not have been applied.";

/** Backup set status labels; a status outside the vocabulary is shown verbatim after UNRECOGNIZED_STATUS_LABEL. */
export const BACKUP_SET_STATUS_LABELS: Record<BackupSetStatus, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  completed_with_errors: "Completed with errors",
  failed: "Failed",
};

export const RESTORE_RUNS_EMPTY = {
  title: "No restore runs are recorded",
  body: "This tenant has no restore runs yet. Until an executed restore is recorded, recovery confidence stays unvalidated; dry runs and previews do not count.",
} as const;
export const RESTORE_RUNS_FILTER_EMPTY = {
  title: "No restore runs match this filter",
  body: "No run of this tenant has the selected attention state. Runs hidden by a filter still count as evidence.",
} as const;
export const BACKUP_SETS_EMPTY = {
  title: "No backup sets are recorded",
  body: "This tenant has no backup sets, so there are no backup inputs to restore from.",
} as const;

export const RESTORE_HISTORY_FORBIDDEN = {
  title: "Restore history is not available to your role",
  body: "Only owners and operators of a tenant may view its restore runs. Ask an owner or operator of this tenant for access.",
} as const;

/** Labels for result entry statuses (`results.*[].status`); anything else reads as unrecognized. */
export const RESULT_ENTRY_STATUS_LABELS: Record<ResultEntryStatus, string> = {
  applied: "Applied",
  partial: "Partial",
  failed: "Failed",
  skipped: "Skipped",
};
/** Shown before a status outside the vocabulary (which follows verbatim, escaped by React). */
export const UNRECOGNIZED_STATUS_LABEL = "Unrecognized status";
export const RESULT_ENTRY_UNREADABLE_LABEL = "Unreadable entry";

export const RESULT_GROUP_LABELS: Record<ResultEntryGroup, string> = {
  items: "Items",
  foundations: "Foundations",
  assignments: "Assignments",
};
export const RESULTS_MISSING_NOTICE =
  "This run recorded no results, so no item outcome can be confirmed from it.";


// ── Cards and notices of the dashboard and the run detail ────────────────────────────────────────────

export const NEEDS_ATTENTION_COUNT = (n: number) => (n === 0 ? "Nothing listed" : `${n} item${n === 1 ? "" : "s"}`);

export const RUN_OUTCOME_COUNT = (count: number, byStatus: string) =>
  count === 0 ? "No entries recorded." : `${count} entr${count === 1 ? "y" : "ies"} recorded: ${byStatus}.`;

export const NON_APPLIED_EMPTY = { unreadable: "No readable entries.", none: "Nothing is listed as not applied." } as const;

export const RUN_FACTS = {
  dryRun: { yes: "Yes (preview only)", no: "No" },
  scope: { full: "Full", selected: "Selected items", unknown: "Not recorded" },
  missingLink: (id: number | null) => (id === null ? "None linked" : `#${id} (linked, but not found for this tenant)`),
} as const;

export const FORBIDDEN_CODE_LINE = "Error 403: this page is forbidden for your role.";

// ── Page intros: the text around the tenant's name under each page title ─────────────────────────────

export const PAGE_INTROS = {
  dashboard: ["Backup and restore evidence for ", ". Each card says only what its evidence supports."],
  restoreRuns: ["Every restore run recorded for ", ", archived runs included. Attention is worked out from each run's own results."],
  backupSets: ["The backup inputs recorded for ", ", latest completion first."],
} as const satisfies Record<string, readonly [string, string]>;

/** The whole body of a tenant page when the operator belongs to no tenant. */
export const NO_TENANT =
  "You are not a member of any tenant yet, so there is no backup or restore evidence to show. Ask an owner of a tenant to add you.";

// ── Lists: restore runs, backup sets, tenants ────────────────────────────────────────────────────────

/** How the restore-run table is ordered, for its caption. */
export const RESTORE_RUN_ORDER_DESCRIPTIONS = {
  id: { desc: "newest run first", asc: "oldest run first" },
  completed_at: {
    desc: "latest completion first, runs not completed last",
    asc: "runs not completed first, then earliest completion",
  },
} as const;

export const LIST_PAGE_GONE = {
  restoreRuns: {
    title: "This page has no runs",
    body: "The runs that were on this page may have changed since the link was made.",
  },
  backupSets: "This page has no backup sets; they may have changed since the link was made.",
  firstPage: "Go to the first page",
} as const;

export const FILTERED_RUNS_ORDER_NOTE = "Filtered runs are ordered by run id.";

export const TENANT_SEARCH_COPY = {
  intro: "Find one of your tenants by name and make it the current tenant.",
  searchLabel: "Find a tenant",
  fieldLabel: "Tenant name",
  submit: "Search",
  listLabel: "Your tenants",
  count: (shown: number, total: number) =>
    total === 0 ? "No tenant of yours matches." : `Showing ${shown} of ${total.toLocaleString("en")} matching tenants.`,
  switchLabel: (tenantName: string) => `Make ${tenantName} the current tenant`,
  current: "Current",
  switch: "Switch",
} as const;

// ── API error messages (server/api/respond.ts) ───────────────────────────────────────────────────────

/** Fixed operator-facing messages. Nothing from the request is echoed back. */
export const API_ERROR_MESSAGES = {
  unauthenticated: "Sign in first.",
  forbidden: "Your role in this tenant may not view restore history.",
  not_found: "Not found.",
  unavailable: "The service cannot answer right now. No claim is made about backups or restores until it can.",
} as const;
