import { badgeMarkup, html } from "@/components/ui/markup";
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

/**
 * One row's cells, in the order of `columns`, as markup (issue 14; components/ui/markup.ts): plain
 * elements styled from the table (app/globals.css `.runs-table`), plain `<a>` links (a row's links need no
 * client router or prefetch), no per-cell wrappers. Every value is escaped by `html`.
 */
export function runRowMarkup(r: RestoreRunRowView): string {
  const run =
    html`<td class="run"><a href="/restore-runs/${r.id}" class="link">Run #${r.id}</a>` +
    (r.isLatestRelevant ? badgeMarkup("info", LATEST_RELEVANT_RUN_MARKER, true) : "") +
    (r.archived ? badgeMarkup("neutral", "Archived") : "") +
    "</td>";
  const completed = r.completedAt
    ? html`<td><time dateTime="${r.completedAt}">${formatDateTime(r.completedAt) ?? ""}</time><small>${r.completedAge ?? ""}</small></td>`
    : `<td class="muted">Not completed</td>`;
  const backupSet = r.backupSet
    ? html`<td><a href="/backup-sets/${r.backupSet.id}" class="link">#${r.backupSet.id} <span class="font-normal">${r.backupSet.name}</span></a></td>`
    : `<td class="muted">None linked</td>`;
  const outcome = r.operationOutcome === null ? `<td class="muted">None linked</td>` : html`<td class="mono">${r.operationOutcome}</td>`;
  return (
    (r.isLatestRelevant ? `<tr class="bg-blue-50/60">` : "<tr>") +
    run +
    `<td>${badgeMarkup(r.attention.tone, r.attention.label, true)}</td>` +
    html`<td class="mono">${r.status}</td>` +
    completed +
    `<td>${r.isDryRun ? badgeMarkup("neutral", "Yes") : "No"}</td>` +
    backupSet +
    outcome +
    "</tr>"
  );
}
