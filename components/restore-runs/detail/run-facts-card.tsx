import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Facts } from "@/components/ui/facts";
import { linkClass } from "@/components/ui/styles";
import type { BackupSet, OperationRun, RestoreRun } from "@/db/schema";

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
  const missing = (id: number | null) =>
    id === null ? "None linked" : `#${id} (linked, but not found for this tenant)`;
  return (
    <Card id="run-details" title="Run details">
      <Facts
        label="Run details"
        items={[
          { term: "Tenant", value: tenantName },
          { term: "Status", value: <span className="break-words font-mono text-xs">{run.status}</span> },
          { term: "Dry run", value: run.isDryRun ? "Yes (preview only)" : "No" },
          {
            term: "Scope",
            value: scopeBasis === "full" ? "Full" : scopeBasis === "selected" ? "Selected items" : "Not recorded",
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
