import { Banner } from "@/components/ui/banner";
import { Card, ClaimBoundary } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Facts } from "@/components/ui/facts";
import type { BackupSet } from "@/db/schema";
import { isFutureDated } from "@/lib/recovery/age";
import { POSITIVE_CLAIM_BOUNDARY } from "@/lib/recovery/copy";
import { BackupSetStatusBadge } from "./backup-set-status-badge";
import { FinishedAt, finishedTerm } from "./finished-at";

/** One backup set: status, counts, times, and what a backup set does not prove. */
export function BackupSetDetail({ set, tenantName, now }: { set: BackupSet; tenantName: string; now: Date }) {
  return (
    <Card id="backup-set" title="Backup set details" badge={<BackupSetStatusBadge status={set.status} />}>
      <Facts
        label="Backup set details"
        items={[
          { term: "Tenant", value: tenantName },
          { term: "Name", value: set.name },
          { term: "Status", value: <span className="break-words font-mono text-xs">{set.status}</span> },
          { term: "Items", value: set.itemCount },
          { term: "Failed items", value: set.failedItemCount },
          { term: "Started at", value: <DateTime value={set.startedAt} fallback="Not started" /> },
          { term: finishedTerm(set.status), value: <FinishedAt set={set} now={now} /> },
          { term: "Created at", value: <DateTime value={set.createdAt} /> },
        ]}
      />
      {isFutureDated(set.completedAt, now) ? (
        <Banner id="clock-skew-notice" title="Dated in the future (clock skew)" tone="warning" headingLevel={3}>
          <p>
            This set&apos;s end time is more than 5 minutes after this server&apos;s clock. It cannot be placed in time,
            so backup health gives it no confidence.
          </p>
        </Banner>
      ) : null}
      <ClaimBoundary>{POSITIVE_CLAIM_BOUNDARY}</ClaimBoundary>
    </Card>
  );
}
