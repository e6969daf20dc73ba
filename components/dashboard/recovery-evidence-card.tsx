import { Badge } from "@/components/ui/badge";
import { Card, ClaimBoundary } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { describeAge } from "@/lib/recovery/age";
import { OVERVIEW_STATE_LABELS } from "@/lib/recovery/copy";
import { LATEST_RELEVANT_RUN_MARKER } from "@/lib/recovery/surface-copy";
import { FRESHNESS_COPY } from "@/lib/recovery/fleet-copy";
import type { RecoveryEvidenceSummary } from "@/lib/recovery/evidence-summary";
import { EvidenceActionControl } from "./evidence-action";
import { overviewTone } from "@/components/ui/tones";

/** §4 on the dashboard: state, headline, summary, claim boundary, action, and the latest run's age. */
export function RecoveryEvidenceCard({ summary, now }: { summary: RecoveryEvidenceSummary; now: Date }) {
  const latestAt = summary.latestRelevantRestoreAt;
  return (
    <Card
      id="recovery-evidence"
      title="Recovery evidence"
      badge={
        <Badge tone={overviewTone(summary.overviewState, summary.latestRelevantAttentionState)}>
          <span className="sr-only">Recovery evidence state: </span>
          {OVERVIEW_STATE_LABELS[summary.overviewState]}
        </Badge>
      }
    >
      <p className="text-base font-semibold text-slate-900">{summary.headline}</p>
      <p>{summary.summary}</p>
      <p className="text-slate-700">
        <span className="font-medium">{LATEST_RELEVANT_RUN_MARKER}: </span>
        {summary.latestRelevantRestoreRunId === null ? (
          "none recorded"
        ) : latestAt ? (
          <>
            run #{summary.latestRelevantRestoreRunId}, {describeAge(new Date(latestAt), now)} (<DateTime value={latestAt} />)
            {summary.restoreEvidenceStale ? <strong className="font-semibold">, {FRESHNESS_COPY.olderThanWindow}</strong> : null}
          </>
        ) : (
          <>run #{summary.latestRelevantRestoreRunId}, at an unknown time</>
        )}
      </p>
      <ClaimBoundary>{summary.claimBoundary}</ClaimBoundary>
      {summary.action ? (
        <div className="pt-1">
          <EvidenceActionControl action={summary.action} id="recovery-evidence-action" />
        </div>
      ) : null}
    </Card>
  );
}
