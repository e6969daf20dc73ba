import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/date-time";
import { LATEST_RELEVANT_RUN_MARKER } from "@/lib/recovery/surface-copy";
import type { RestoreRunSortKey } from "@/lib/search-params/restore-runs";
import type { RestoreRunRowView } from "../row-view";

/** The sortable columns are exactly the list's sort keys (lib/search-params/restore-runs.ts). */
export type SortableColumnId = RestoreRunSortKey;

/**
 * The columns, in order. Run, attention and status come first: on a 375 px screen they stay visible
 * without scrolling. `sortKey` is set on the columns the server can order by; the header then links to it.
 */
export const columns: { id: string; header: string; sortKey?: SortableColumnId }[] = [
  { id: "id", header: "Run", sortKey: "id" },
  { id: "attention", header: "Attention" },
  { id: "status", header: "Status" },
  { id: "completed_at", header: "Completed at", sortKey: "completed_at" },
  { id: "dry_run", header: "Dry run" },
  { id: "backup_set", header: "Backup set" },
  { id: "operation_outcome", header: "Operation outcome" },
];

/** Only a class that is there: an absent one would still be carried (as "$undefined") in the RSC data. */
const cls = (c: string | null) => (c ? { className: c } : {});

/**
 * One row's cells, in the order of `columns`, rendered on the server (issue 14): plain elements styled
 * from the table (app/globals.css `.runs-table`), plain `<a>` links (a row's links need no client router
 * or prefetch), no per-cell wrappers and no per-cell keys, because every element and attribute here is
 * carried twice, in the HTML and in the document's inline RSC data.
 */
export function RunRow({ r }: { r: RestoreRunRowView }) {
  return (
    <tr {...cls(r.isLatestRelevant ? "bg-blue-50/60" : null)}>
      <td className="run">
        <a href={`/restore-runs/${r.id}`} className="link">
          Run #{r.id}
        </a>
        {r.isLatestRelevant ? <Badge tone="info" wrap>{LATEST_RELEVANT_RUN_MARKER}</Badge> : null}
        {r.archived ? <Badge tone="neutral">Archived</Badge> : null}
      </td>
      <td>
        <Badge tone={r.attention.tone} wrap>
          {r.attention.label}
        </Badge>
      </td>
      <td className="mono">{r.status}</td>
      {r.completedAt ? (
        <td>
          <time dateTime={r.completedAt}>{formatDateTime(r.completedAt)}</time>
          <small>{r.completedAge}</small>
        </td>
      ) : (
        <td className="muted">Not completed</td>
      )}
      <td>{r.isDryRun ? <Badge tone="neutral">Yes</Badge> : "No"}</td>
      {r.backupSet ? (
        <td>
          <a href={`/backup-sets/${r.backupSet.id}`} className="link">
            #{r.backupSet.id} <span className="font-normal">{r.backupSet.name}</span>
          </a>
        </td>
      ) : (
        <td className="muted">None linked</td>
      )}
      {r.operationOutcome === null ? <td className="muted">None linked</td> : <td className="mono">{r.operationOutcome}</td>}
    </tr>
  );
}
