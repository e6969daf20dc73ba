import { Banner } from "@/components/ui/banner";
import type { ReasonBannerView } from "@/lib/recovery/list-reason";

/**
 * Why the operator arrived from the dashboard, reconciled with the current evidence (lib/recovery
 * list-reason.ts). Takes only the derived view: the raw query value never reaches this component, so
 * unknown or hostile values render nothing and are never echoed.
 */
export function ReasonBanner({ banner }: { banner: ReasonBannerView | null }) {
  if (banner === null) return null;
  return (
    <Banner id="recovery-posture-reason" title={banner.title} tone={banner.tone}>
      {banner.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </Banner>
  );
}
