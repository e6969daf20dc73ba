import type {
  AttentionState,
  BackupPosture,
  BackupSetStatus,
  OverviewState,
  RecoveryPostureReason,
  ResultEntryStatus,
  Tone,
} from "@/lib/recovery/vocabulary";
import type { EvidenceAgeBucket } from "@/lib/recovery/fleet-distribution";
import type { BackupDayCategory, RestoreDayCategory } from "@/lib/recovery/history-strip";
import type { SeverityOrNone } from "@/lib/recovery/needs-attention";

/**
 * Every tone decision of the pages and the one tone → style map.
 *
 * The rule, stated once: **no green verdict.** Green ("success") may mark one run's or one entry's own
 * outcome (spec §3: a completed run, an applied entry) and nothing larger. A tenant-level statement — backup
 * posture, the recovery overview, a list banner — is at best "nothing visible against", never a verdict,
 * so its best case gets the informational tone. `VerdictTone` excludes green, so the compiler holds the
 * tenant-level maps below to the rule.
 */
export type BadgeTone = Tone | "info";
type VerdictTone = Exclude<BadgeTone, "success">;

/**
 * Tone → classes of a badge (components/ui/badge.tsx) and of a banner (components/ui/banner.tsx). A
 * badge's tone is one short class (`badge-neutral` …), defined in app/styles/components.css with
 * these colours: neutral slate-300/100/800, info blue-200/50/900, success emerald-300/50/900, warning
 * amber-300/50/900, danger red-300/50/900 (border/background/text). Badges repeat per table row, and every
 * class string is carried twice per element (HTML and inline RSC data): issue 14.
 */
export const TONE_STYLES: Record<BadgeTone, { badge: string; banner: string }> = {
  neutral: { badge: "badge-neutral", banner: "border-slate-300 bg-white text-slate-900" },
  info: { badge: "badge-info", banner: "border-blue-300 bg-blue-50 text-blue-950" },
  success: { badge: "badge-success", banner: "border-emerald-300 bg-emerald-50 text-emerald-950" },
  warning: { badge: "badge-warning", banner: "border-amber-300 bg-amber-50 text-amber-950" },
  danger: { badge: "badge-danger", banner: "border-red-300 bg-red-50 text-red-950" },
};

// ── Tenant-level statements: never green ─────────────────────────────────────────────────────────────

export const BACKUP_POSTURE_TONES: Record<BackupPosture, VerdictTone> = {
  absent: "danger",
  stale: "warning",
  degraded: "warning",
  healthy: "info",
};

export function overviewTone(state: OverviewState, latest: AttentionState | null): VerdictTone {
  if (state === "no_recent_issues_visible") return "info";
  if (state === "unvalidated") return "warning";
  return latest === "failed" ? "danger" : "warning";
}

/** A fleet row's highest Needs Attention severity (§10); "none" is "no visible issues", never green. */
export const SEVERITY_TONES: Record<SeverityOrNone, VerdictTone> = { critical: "danger", high: "warning", medium: "warning", none: "neutral" };

/** Restore evidence older than the tenant's freshness window (§9), or within it: never green either. */
export function freshnessTone(stale: boolean): VerdictTone {
  return stale ? "warning" : "neutral";
}

/** The restore-run list's banner for the dashboard reason the operator came with. */
export const REASON_BANNER_TONES: Record<RecoveryPostureReason, VerdictTone> = {
  no_history: "warning",
  failed: "danger",
  partial: "warning",
  completed_with_follow_up: "warning",
  no_recent_issues_visible: "info",
};

/** A backup set's own status: a completed set is backup input, not recoverability, so no green either. */
export const BACKUP_SET_STATUS_TONES: Record<BackupSetStatus, VerdictTone> = {
  queued: "neutral",
  running: "neutral",
  completed: "info",
  completed_with_errors: "warning",
  failed: "danger",
};

/** Anything outside the vocabulary (a status, an unreadable entry) reads as a warning. */
export const UNRECOGNIZED_TONE: VerdictTone = "warning";

// ── One entry's own outcome: green allowed ───────────────────────────────────────────────────────────

export const RESULT_ENTRY_STATUS_TONES: Record<ResultEntryStatus, BadgeTone> = {
  applied: "success",
  partial: "warning",
  failed: "danger",
  skipped: "warning",
};

// ── The pictures (history strip, fleet distribution): never green ─────────────────────────────────
// A day or a segment aggregates runs or tenants, so it is a statement larger than one run's outcome: a
// day of clean restores gets the informational tone, like the tenant-level maps. Pictures draw with
// `currentColor`, so each tone is a text colour; the pattern (components/ui/patterns.ts) carries the
// meaning as well, and the label says it in words.

export const PICTURE_TONE_COLORS: Record<VerdictTone, string> = {
  neutral: "text-slate-600",
  info: "text-blue-700",
  warning: "text-amber-600",
  danger: "text-red-700",
};

export const BACKUP_DAY_TONES: Record<BackupDayCategory, VerdictTone> = {
  failed: "danger",
  completed_with_errors: "warning",
  unconfirmed: "warning",
  completed: "info",
};

export const RESTORE_DAY_TONES: Record<RestoreDayCategory, VerdictTone> = {
  failed: "danger",
  partial: "warning",
  completed_with_follow_up: "warning",
  completed: "info",
};

/** Not evidence: neutral whatever happened (a dry run proves preview truth only). */
export const NOT_EVIDENCE_TONE: VerdictTone = "neutral";

export const OVERVIEW_STATE_TONES: Record<OverviewState, VerdictTone> = {
  weakened: "danger",
  unvalidated: "warning",
  no_recent_issues_visible: "neutral",
};

/** Evidence age: newer evidence is only context, never a verdict (neutral); old, absent or skewed evidence warns. */
export const EVIDENCE_AGE_TONES: Record<EvidenceAgeBucket, VerdictTone> = {
  under_30: "neutral",
  from_30_to_90: "neutral",
  from_90_to_365: "warning",
  over_365: "warning",
  future: "warning",
  none: "warning",
};
