/**
 * The words of the pictures: the dashboard's history strip (cell texts, legend, text alternative) and
 * the fleet distribution. Same rule as copy.ts: nothing here reads as "healthy", "protected",
 * "recoverable" or "safe"; a clean day is a count of clean runs, never a verdict.
 */
import type { BackupDayCategory, NotEvidenceCategory, RestoreDayCategory, StripCell } from "./history-strip";

export const STRIP_COPY = {
  title: "Last 90 days",
  intro: (from: string, to: string) =>
    `One cell per day (UTC), ${from} to ${to}, oldest on the left. Hover or focus a cell for its day; the list below the strip says the same in words.`,
  rows: {
    backups: "Backup attempts",
    restores: "Executed restores",
    not_evidence: "Dry runs, previews and runs in flight — not recovery evidence",
  },
  notEvidenceLegend: "a dry run, a preview or a run in flight: not recovery evidence",
  noRestoreAccess: "Restore history is visible to owners and operators only, so the restore rows are not shown.",
  latestBackupMark: "latest completed backup",
  latestRestoreMark: "latest relevant restore run",
  latestAfterWindow: (what: string) => `The ${what} is dated after today (clock skew), so it is not in the strip.`,
  boundary:
    "The strip counts runs; it does not prove that a restore would succeed. Dry runs and previews are shown apart and never count as recovery evidence.",
  textAlternative: "The strip in words",
  dayTable: "Days with runs",
  nothing: "nothing recorded",
} as const;

export const BACKUP_DAY_LABELS: Record<BackupDayCategory, string> = {
  failed: "failed",
  completed_with_errors: "completed with errors or failed items",
  unconfirmed: "completed without a completion time (not counted as completed)",
  completed: "completed",
};

export const RESTORE_DAY_LABELS: Record<RestoreDayCategory, string> = {
  failed: "failed",
  partial: "partial",
  completed_with_follow_up: "completed with follow-up",
  completed: "completed",
};

export const NOT_EVIDENCE_LABELS: Record<NotEvidenceCategory, string> = {
  dry_run: "dry run",
  preview: "preview, not executed",
  in_flight: "queued or running",
};

/** Short legend labels (the swatch carries the pattern; the label carries the meaning). */
export const STRIP_LEGEND = {
  none: "none that day",
  latest: "A triangle under a cell marks the day of the",
} as const;

function listCounts<C extends string>(counts: Partial<Record<C, number>>, order: readonly C[], labels: Record<C, string>): string {
  return order
    .filter((c) => (counts[c] ?? 0) > 0)
    .map((c) => `${counts[c]} ${labels[c]}`)
    .join(", ");
}

/** The text of one cell: the date, the counts per category and, where so, the latest mark. */
export function stripCellText<C extends string>(
  cell: StripCell<C>,
  order: readonly C[],
  labels: Record<C, string>,
  noun: string,
  latestMark: string,
): string {
  const counts = cell.total === 0 ? `no ${noun}` : `${listCounts(cell.counts, order, labels)}`;
  return `${cell.day}: ${counts}${cell.latest ? ` (${latestMark})` : ""}`;
}

/** The text alternative of a row: days per worst category over the window. */
export function stripRowSummary<C extends string>(
  label: string,
  daysByWorst: Partial<Record<C, number>>,
  order: readonly C[],
  labels: Record<C, string>,
  totalDays: number,
): string {
  const active = order.reduce((n, c) => n + (daysByWorst[c] ?? 0), 0);
  const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
  if (active === 0) return `${label}: none in the last ${days(totalDays)}.`;
  const parts = order.filter((c) => (daysByWorst[c] ?? 0) > 0).map((c) => `${labels[c]} ${days(daysByWorst[c]!)}`);
  return `${label}, by each day's worst: ${parts.join(", ")}; none ${days(totalDays - active)}.`;
}

// ── The fleet distribution ───────────────────────────────────────────────────────────────────────────

export const DISTRIBUTION_COPY = {
  title: "Your fleet at a glance",
  intro: (total: number) =>
    `All ${total} of your tenant${total === 1 ? "" : "s"}, whatever the filters below. Each segment opens the fleet filtered to it; the list under each bar says the same in words.`,
  severity: "By the most severe Needs Attention item",
  overview: "By recovery evidence",
  evidenceAge: "By age of the latest relevant restore",
  boundary:
    "These bars count tenants by what their evidence shows. A tenant with no visible issues is not proven recoverable, and an old or absent restore is missing evidence, not a clean record.",
  segment: (label: string, count: number, total: number) =>
    `${label}: ${count} tenant${count === 1 ? "" : "s"} (${total === 0 ? 0 : Math.round((count / total) * 100)}%)`,
  current: "the current filter",
} as const;

export const SEVERITY_DISTRIBUTION_LABELS = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  none: "No visible issues",
} as const;

export const EVIDENCE_AGE_LABELS = {
  under_30: "Under 30 days",
  from_30_to_90: "30–90 days",
  from_90_to_365: "90–365 days",
  over_365: "Over 365 days",
  future: "Dated in the future (clock skew)",
  none: "No relevant restore",
} as const;
