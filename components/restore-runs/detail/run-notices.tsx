import Link from "next/link";
import { Banner } from "@/components/ui/banner";
import { linkClass } from "@/components/ui/styles";
import { clockSkewSentence, IN_FLIGHT_CLAIM_BOUNDARY, inFlightLabel, supersededNotice } from "@/lib/recovery/cause-copy";
import { ARCHIVED_RUN_NOTICE, DRY_RUN_NOTICE, LATEST_RELEVANT_RUN_MARKER } from "@/lib/recovery/surface-copy";

/**
 * Notices that change how the whole run must be read: preview only, queued/running (not evidence yet),
 * archived, latest executed restore, or superseded by a later executed restore.
 */
export function RunNotices({
  isDryRun,
  archived,
  isLatestRelevant,
  laterRunId = null,
  inFlight = null,
  futureDatedAt = null,
}: {
  isDryRun: boolean;
  archived: boolean;
  isLatestRelevant: boolean;
  /** The latest relevant run, when this relevant run is not it. */
  laterRunId?: number | null;
  inFlight?: "queued" | "running" | null;
  /** ISO time of the run when it is future-dated (spec §9), else null. */
  futureDatedAt?: string | null;
}) {
  if (!isDryRun && !archived && !isLatestRelevant && laterRunId === null && inFlight === null && futureDatedAt === null) return null;
  return (
    <div className="space-y-3">
      {isDryRun ? (
        <Banner id="dry-run-notice" title="Dry run" tone="neutral">
          <p>{DRY_RUN_NOTICE}</p>
        </Banner>
      ) : null}
      {inFlight ? (
        <Banner id="in-flight-notice" title={inFlightLabel(inFlight)} tone="neutral">
          <p>{IN_FLIGHT_CLAIM_BOUNDARY}</p>
        </Banner>
      ) : null}
      {futureDatedAt ? (
        <Banner id="clock-skew-notice" title="Dated in the future (clock skew)" tone="warning">
          <p>{clockSkewSentence(futureDatedAt)}</p>
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
      {laterRunId !== null ? (
        <Banner id="superseded-notice" title="Not the latest executed restore" tone="warning">
          <p>{supersededNotice(laterRunId)}</p>
          <p>
            <Link href={`/restore-runs/${laterRunId}`} className={linkClass}>
              Open run #{laterRunId}
            </Link>
          </p>
        </Banner>
      ) : null}
    </div>
  );
}
