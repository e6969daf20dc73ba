/**
 * Needs Attention (§5, §10): the items a tenant's evidence raises, each with its severity, defined once
 * for the dashboard card, the fleet, the API and the exports. Pure: the links come from the resolvers,
 * so they match the cards exactly.
 */
import type { TenantBackupHealthAssessment } from "./backup-health";
import { BACKUP_ACTION_LABELS, NEEDS_ATTENTION_SOURCES, VIEWER_RESTORE_HISTORY_HELPER_TEXT } from "./copy";
import { FRESHNESS_COPY } from "./fleet-copy";
import type { EvidenceAction, RecoveryEvidenceSummary } from "./evidence-summary";
import type { AttentionState, BackupPosture, OverviewState } from "./vocabulary";

/** Severities, worst first. "none" is a tenant with no item: "no visible issues", never "healthy". */
export const SEVERITIES = ["critical", "high", "medium"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityOrNone = Severity | "none";
export const SEVERITY_FILTERS = [...SEVERITIES, "none"] as const;

/** Item kinds (the `kind` of the fleet API's `needsAttention`). */
export const NEEDS_ATTENTION_KINDS = [
  "recovery_failed",
  "backup_absent",
  "recovery_partial",
  "backup_degraded",
  "recovery_follow_up",
  "recovery_unvalidated",
  "backup_stale",
  "restore_evidence_stale",
] as const;
export type NeedsAttentionKind = (typeof NEEDS_ATTENTION_KINDS)[number];

/** The §10 severity table, one row per kind. */
export const NEEDS_ATTENTION_SEVERITY: Record<NeedsAttentionKind, Severity> = {
  recovery_failed: "critical",
  backup_absent: "critical",
  recovery_partial: "high",
  backup_degraded: "high",
  recovery_follow_up: "medium",
  recovery_unvalidated: "medium",
  backup_stale: "medium",
  restore_evidence_stale: "medium",
};

/**
 * Display tone of an item, a domain word (components map it to a style once). Deliberately no positive
 * tone: an item is always something against the evidence.
 */
export type NeedsAttentionTone = "danger" | "warning";

export interface NeedsAttentionItem {
  kind: NeedsAttentionKind;
  severity: Severity;
  /** Which card the item comes from (freshness: the recovery card's age line). */
  key: "backup" | "recovery" | "freshness";
  tone: NeedsAttentionTone;
  /** Short label of the source, shown as the item's badge. */
  source: string;
  title: string;
  description: string | null;
  action: EvidenceAction | null;
}

export function severityRank(s: SeverityOrNone): number {
  return s === "none" ? SEVERITIES.length : SEVERITIES.indexOf(s);
}

/** The highest severity of a list of items, or "none". */
export function highestSeverity(items: readonly { severity: Severity }[]): SeverityOrNone {
  let best: SeverityOrNone = "none";
  for (const i of items) if (severityRank(i.severity) < severityRank(best)) best = i.severity;
  return best;
}

function backupKind(posture: BackupPosture): NeedsAttentionKind | null {
  if (posture === "absent") return "backup_absent";
  if (posture === "degraded") return "backup_degraded";
  if (posture === "stale") return "backup_stale";
  return null;
}

function recoveryKind(state: OverviewState, latest: AttentionState | null): NeedsAttentionKind | null {
  if (state === "no_recent_issues_visible") return null;
  if (state === "unvalidated") return "recovery_unvalidated";
  if (latest === "failed") return "recovery_failed";
  if (latest === "partial") return "recovery_partial";
  // completed_with_follow_up (and any weakened state without a worse attention) weakens at medium.
  return "recovery_follow_up";
}

const toneOf = (severity: Severity): NeedsAttentionTone => (severity === "critical" ? "danger" : "warning");

/**
 * §5 Needs Attention: backup posture not healthy; recovery weakened (the exact run, or the list fallback
 * when that run is archived); recovery unvalidated. `no_recent_issues_visible` adds nothing.
 */
export function needsAttentionItems(
  health: TenantBackupHealthAssessment,
  evidence: RecoveryEvidenceSummary,
  freshness: { ageDays: number | null; staleAfterDays: number; canViewRestoreHistory: boolean } | null = null,
): NeedsAttentionItem[] {
  const items: NeedsAttentionItem[] = [];
  // Anything short of a healthy claim is listed, whatever the posture key.
  const bKind = health.healthyClaimAllowed ? null : (backupKind(health.posture) ?? "backup_degraded");
  if (bKind) {
    const target = health.primaryActionTarget ?? { label: BACKUP_ACTION_LABELS.allSets, url: "/backup-sets" };
    const severity = NEEDS_ATTENTION_SEVERITY[bKind];
    items.push({
      kind: bKind,
      severity,
      key: "backup",
      tone: toneOf(severity),
      source: NEEDS_ATTENTION_SOURCES.backup,
      title: health.headline,
      description: health.supportingMessage,
      action: { label: target.label, url: target.url, disabled: false, helperText: null },
    });
  }
  // Listed whether or not an action exists: a weakened or unvalidated state is never hidden.
  const rKind = recoveryKind(evidence.overviewState, evidence.latestRelevantAttentionState);
  if (rKind) {
    const severity = NEEDS_ATTENTION_SEVERITY[rKind];
    items.push({
      kind: rKind,
      severity,
      key: "recovery",
      tone: toneOf(severity),
      source: NEEDS_ATTENTION_SOURCES.recovery,
      title: evidence.headline,
      description: evidence.summary,
      action: evidence.action,
    });
  }
  // §9: stale evidence is listed whatever the overview state (a stale clean run stays that state).
  if (evidence.restoreEvidenceStale && freshness) {
    const severity = NEEDS_ATTENTION_SEVERITY.restore_evidence_stale;
    const label = FRESHNESS_COPY.actionLabel;
    items.push({
      kind: "restore_evidence_stale",
      severity,
      key: "freshness",
      tone: toneOf(severity),
      source: NEEDS_ATTENTION_SOURCES.recovery,
      title: FRESHNESS_COPY.title(freshness.ageDays),
      description: FRESHNESS_COPY.description(freshness.staleAfterDays),
      action: freshness.canViewRestoreHistory
        ? { label, url: "/restore-runs", disabled: false, helperText: null }
        : { label, url: null, disabled: true, helperText: VIEWER_RESTORE_HISTORY_HELPER_TEXT },
    });
  }
  // Stable: items of equal severity keep the order above (backup, recovery, freshness).
  return items.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}
