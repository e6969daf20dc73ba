import type { BadgeTone } from "@/components/ui/badge";
import type { TenantBackupHealthAssessment } from "@/lib/recovery/backup-health";
import { BACKUP_ACTION_LABELS } from "@/lib/recovery/copy";
import type { EvidenceAction, RecoveryEvidenceSummary } from "@/lib/recovery/evidence-summary";
import { BACKUP_POSTURE_TONES, overviewTone } from "./tones";

export interface NeedsAttentionItem {
  key: "backup" | "recovery";
  tone: BadgeTone;
  /** Short label of the source, shown as the item's badge. */
  source: string;
  title: string;
  description: string | null;
  action: EvidenceAction | null;
}

/**
 * §5 Needs Attention: backup posture not healthy; recovery weakened (the exact run, or the list
 * fallback when that run is archived); recovery unvalidated. `no_recent_issues_visible` adds nothing.
 * Pure: the links come from the resolvers, so they match the cards exactly.
 */
export function needsAttentionItems(
  health: TenantBackupHealthAssessment,
  evidence: RecoveryEvidenceSummary,
): NeedsAttentionItem[] {
  const items: NeedsAttentionItem[] = [];
  if (!health.healthyClaimAllowed) {
    const target = health.primaryActionTarget ?? { label: BACKUP_ACTION_LABELS.allSets, url: "/backup-sets" };
    items.push({
      key: "backup",
      tone: BACKUP_POSTURE_TONES[health.posture],
      source: "Backup health",
      title: health.headline,
      description: health.supportingMessage,
      action: { label: target.label, url: target.url, disabled: false, helperText: null },
    });
  }
  // Listed whether or not an action exists: a weakened or unvalidated state is never hidden.
  if (evidence.overviewState !== "no_recent_issues_visible") {
    items.push({
      key: "recovery",
      tone: overviewTone(evidence.overviewState, evidence.latestRelevantAttentionState),
      source: "Recovery evidence",
      title: evidence.headline,
      description: evidence.summary,
      action: evidence.action,
    });
  }
  return items;
}
