import type { BadgeTone } from "@/components/ui/badge";
import type { AttentionState, BackupPosture, OverviewState } from "@/lib/recovery/vocabulary";

/**
 * Badge tones for the dashboard. Deliberately no green: the best backup posture and the best recovery
 * state are "nothing visible against", never a verdict, so they get the informational tone.
 */
export const BACKUP_POSTURE_TONES: Record<BackupPosture, BadgeTone> = {
  absent: "danger",
  stale: "warning",
  degraded: "warning",
  healthy: "info",
};

export function overviewTone(state: OverviewState, latest: AttentionState | null): BadgeTone {
  if (state === "no_recent_issues_visible") return "info";
  if (state === "unvalidated") return "warning";
  return latest === "failed" ? "danger" : "warning";
}
