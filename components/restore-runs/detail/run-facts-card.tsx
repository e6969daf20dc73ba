import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Facts } from "@/components/ui/facts";
import { linkClass } from "@/components/ui/styles";
import type { BackupSet, OperationRun, RestoreRun } from "@/db/schema";
import { describeAge } from "@/lib/recovery/age";
import { RUN_FACTS } from "@/lib/recovery/surface-copy";

/** An absolute UTC time with its age beside it ("2026-11-30 08:00 UTC · 40 hours ago"). */
function TimeWithAge({ value, now, fallback }: { value: Date | null; now: Date; fallback: string }) {
  if (!value) return <span>{fallback}</span>;
  return (
    <span>
      <DateTime value={value} /> · {describeAge(value, now)}
    </span>
  );
}

/** The run's own columns and the records it links to (operation run, backup set). */
export function RunFactsCard({
  run,
  operationRun,
  backupSet,
  tenantName,
  scopeBasis,
  now,
}: {
  run: RestoreRun;
  operationRun: OperationRun | null;
  backupSet: BackupSet | null;
  tenantName: string;
  scopeBasis: "full" | "selected" | null;
  now: Date;
}) {
  const missing = RUN_FACTS.missingLink;
  return (
    <Card id="run-details" title="Run details">
      <Facts
        label="Run details"
        items={[
          { term: "Tenant", value: tenantName },
          { term: "Status", value: <span className="break-words font-mono text-xs">{run.status}</span> },
          { term: "Dry run", value: run.isDryRun ? RUN_FACTS.dryRun.yes : RUN_FACTS.dryRun.no },
          {
            term: "Scope",
            value: scopeBasis === "full" ? RUN_FACTS.scope.full : scopeBasis === "selected" ? RUN_FACTS.scope.selected : RUN_FACTS.scope.unknown,
          },
          { term: "Created at", value: <TimeWithAge value={run.createdAt} now={now} fallback="Not recorded" /> },
          // "Completed" only for a run whose status is `completed`; the column is completed_at either way.
          {
            term: run.status === "completed" ? "Completed at" : "Ended at",
            value: <TimeWithAge value={run.completedAt} now={now} fallback="Not finished" />,
          },
          { term: "Archived at", value: <DateTime value={run.archivedAt} fallback="Not archived" /> },
          {
            term: "Operation run",
            value: operationRun ? (
              <span>
                #{operationRun.id} · <span className="font-mono text-xs">{operationRun.type}</span> · status{" "}
                <span className="font-mono text-xs">{operationRun.status}</span> · outcome{" "}
                <span className="font-mono text-xs">{operationRun.outcome}</span>
              </span>
            ) : (
              missing(run.operationRunId)
            ),
          },
          {
            term: "Backup set",
            value: backupSet ? (
              <Link href={`/backup-sets/${backupSet.id}`} className={linkClass}>
                Backup set #{backupSet.id}: {backupSet.name}
              </Link>
            ) : (
              missing(run.backupSetId)
            ),
          },
        ]}
      />
    </Card>
  );
}
