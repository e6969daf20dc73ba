import { Banner } from "@/components/ui/banner";
import { ARCHIVED_RUN_NOTICE, DRY_RUN_NOTICE, LATEST_RELEVANT_RUN_MARKER } from "@/lib/recovery/surface-copy";

/** Notices that change how the whole run must be read: preview only, archived, latest executed restore. */
export function RunNotices({
  isDryRun,
  archived,
  isLatestRelevant,
}: {
  isDryRun: boolean;
  archived: boolean;
  isLatestRelevant: boolean;
}) {
  if (!isDryRun && !archived && !isLatestRelevant) return null;
  return (
    <div className="space-y-3">
      {isDryRun ? (
        <Banner id="dry-run-notice" title="Dry run" tone="neutral">
          <p>{DRY_RUN_NOTICE}</p>
        </Banner>
      ) : null}
      {archived ? (
        <Banner id="archived-notice" title="Archived run" tone="warning">
          <p>{ARCHIVED_RUN_NOTICE}</p>
        </Banner>
      ) : null}
      {isLatestRelevant ? (
        <Banner id="latest-relevant-notice" tone="info">
          <p>
            <span className="font-semibold">{LATEST_RELEVANT_RUN_MARKER}.</span> This run is the evidence the dashboard&apos;s
            recovery card is based on.
          </p>
        </Banner>
      ) : null}
    </div>
  );
}
