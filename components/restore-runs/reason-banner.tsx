import { Banner } from "@/components/ui/banner";
import { REASON_BANNERS } from "@/lib/recovery/copy";
import type { RecoveryPostureReason } from "@/lib/recovery/vocabulary";

const TONES: Record<RecoveryPostureReason, "info" | "warning" | "danger"> = {
  no_history: "warning",
  failed: "danger",
  partial: "warning",
  completed_with_follow_up: "warning",
  no_recent_issues_visible: "info",
};

/**
 * Why the operator arrived from the dashboard. Takes only a parsed reason key: the raw query value never
 * reaches this component, so unknown or hostile values render nothing and are never echoed.
 */
export function ReasonBanner({ reason }: { reason: RecoveryPostureReason | null }) {
  if (reason === null) return null;
  const banner = REASON_BANNERS[reason];
  return (
    <Banner id="recovery-posture-reason" title={banner.title} tone={TONES[reason]}>
      <p>{banner.body}</p>
    </Banner>
  );
}
