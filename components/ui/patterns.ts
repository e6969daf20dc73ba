import type { EvidenceAgeBucket } from "@/lib/recovery/fleet-distribution";
import type { BackupDayCategory, NotEvidenceCategory, RestoreDayCategory } from "@/lib/recovery/history-strip";
import type { SeverityOrNone } from "@/lib/recovery/needs-attention";
import type { OverviewState } from "@/lib/recovery/vocabulary";

/**
 * The one category → pattern map of the pictures (CSS in app/styles/pictures.css). A pattern is the second
 * carrier of meaning beside the colour (WCAG 1.4.1): solid = done as recorded, stripes = done with
 * something to follow up, half = partly done, cross-hatch = failed, dots = cannot be confirmed,
 * ring = not evidence at all, empty outline = nothing that day.
 */
export type Pattern = "solid" | "stripes" | "cross" | "half" | "dots" | "ring" | "empty";

export const BACKUP_DAY_PATTERNS: Record<BackupDayCategory, Pattern> = {
  failed: "cross",
  completed_with_errors: "stripes",
  unconfirmed: "dots",
  completed: "solid",
};

export const RESTORE_DAY_PATTERNS: Record<RestoreDayCategory, Pattern> = {
  failed: "cross",
  partial: "half",
  completed_with_follow_up: "stripes",
  completed: "solid",
};

export const NOT_EVIDENCE_PATTERN: Pattern = "ring";

export const SEVERITY_PATTERNS: Record<SeverityOrNone, Pattern> = {
  critical: "cross",
  high: "half",
  medium: "stripes",
  none: "solid",
};

export const OVERVIEW_STATE_PATTERNS: Record<OverviewState, Pattern> = {
  weakened: "cross",
  unvalidated: "dots",
  no_recent_issues_visible: "solid",
};

export const EVIDENCE_AGE_PATTERNS: Record<EvidenceAgeBucket, Pattern> = {
  under_30: "solid",
  from_30_to_90: "half",
  from_90_to_365: "stripes",
  over_365: "cross",
  future: "ring",
  none: "dots",
};

export const patternClass = (p: Pattern) => `pattern-${p}`;
