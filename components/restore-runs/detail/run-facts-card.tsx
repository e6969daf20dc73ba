import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Facts } from "@/components/ui/facts";
import { linkClass } from "@/components/ui/styles";
import type { BackupSet, OperationRun, RestoreRun } from "@/db/schema";
import { RUN_FACTS } from "@/lib/recovery/surface-copy";

/** The run's own columns and the records it links to (operation run, backup set). */
export function RunFactsCard({
  run,
  operationRun,
  backupSet,
  tenantName,
  scopeBasis,
}: {
  run: RestoreRun;
  operationRun: OperationRun | null;
  backupSet: BackupSet | null;
  tenantName: string;
  scopeBasis: "full" | "selected" | null;
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
          { term: "Created at", value: <DateTime value={run.createdAt} /> },
          { term: "Completed at", value: <DateTime value={run.completedAt} fallback="Not completed" /> },
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
