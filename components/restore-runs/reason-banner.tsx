import { Banner } from "@/components/ui/banner";
import { REASON_BANNERS } from "@/lib/recovery/copy";
import { REASON_BANNER_TONES } from "@/components/ui/tones";
import type { RecoveryPostureReason } from "@/lib/recovery/vocabulary";

/**
 * Why the operator arrived from the dashboard. Takes only a parsed reason key: the raw query value never
 * reaches this component, so unknown or hostile values render nothing and are never echoed.
 */
export function ReasonBanner({ reason }: { reason: RecoveryPostureReason | null }) {
  if (reason === null) return null;
  const banner = REASON_BANNERS[reason];
  return (
    <Banner id="recovery-posture-reason" title={banner.title} tone={REASON_BANNER_TONES[reason]}>
      <p>{banner.body}</p>
    </Banner>
  );
}
