/**
 * Operator copy of restore-evidence freshness (§9), the fleet (§10) and the exports (§11). Same rule as
 * copy.ts: say only what the evidence supports; "healthy", "protected" and "recoverable" appear only
 * inside negated boundary statements.
 */

/** §9 Needs Attention item for restore evidence older than the tenant's freshness window. */
export const FRESHNESS_COPY = {
  title: (days: number | null) =>
    days === null ? "Restore evidence has no readable time" : `Restore evidence is ${days} day${days === 1 ? "" : "s"} old`,
  description: (windowDays: number) =>
    `The latest executed restore is older than this tenant's ${windowDays}-day freshness window. Old evidence says little about a restore today; run a new restore test.`,
  actionLabel: "Open restore history",
  staleBadge: "Stale evidence",
  olderThanWindow: "older than this tenant's freshness window",
  freshBadge: "Within window",
  noEvidence: "No evidence",
} as const;

/** §10 fleet copy. A tenant with no item shows "no visible issues", never "healthy" or "protected". */
export const FLEET_COPY = {
  severity: { critical: "Critical", high: "High", medium: "Medium", none: "No visible issues" },
  boundary:
    "Ranked by the Needs Attention items of each tenant's backup inputs, latest executed restore and its age. A tenant with no item shows no visible issues; that is not proof that it can be recovered.",
  intro:
    "Every tenant you are a member of, worst first: highest Needs Attention severity, then more items, then older restore evidence.",
  empty: "None of your tenants matches these filters.",
  noTenants: "You are not a member of any tenant yet.",
} as const;

/** §11: the claim boundaries every export carries (a trailing note row in CSV, a field in JSON). */
export const EXPORT_CLAIM_BOUNDARIES = {
  fleet: [
    "Backup health reflects backup inputs only. It does not prove that a restore will succeed.",
    "Needs Attention covers backup inputs, the latest executed restore and its age only.",
    "A tenant with no item shows no visible issues; that is not proof that it can be recovered.",
  ],
  restoreRuns: [
    "Each run's attention speaks about that run only; dry runs and previews prove preview truth only.",
    "A clean run is not proof that the tenant can be recovered.",
    "Archived runs are included: evidence cannot be archived away.",
  ],
} as const;
