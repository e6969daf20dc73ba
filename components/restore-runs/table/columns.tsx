import { badgeMarkup, bare, html } from "@/components/ui/markup";
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
 * elements styled from the table (app/styles/tables.css `.runs-table`, which also makes its body's links
 * `.link`), plain `<a>` links (a row's links need no client router or prefetch), no per-cell wrappers, the
 * optional `</td>` and `</tr>` left out and ids, paths and instants as unquoted attributes: the rows travel
 * twice, as HTML and again in the inline RSC data (decision 0021). Every value is escaped by `html`.
 */
export function runRowMarkup(r: RestoreRunRowView): string {
  const run =
    html`<td class=run><a href=/restore-runs/${bare(r.id)}>Run #${r.id}</a>` +
    (r.isLatestRelevant ? badgeMarkup("info", LATEST_RELEVANT_RUN_MARKER, true) : "") +
    (r.archived ? badgeMarkup("neutral", "Archived") : "");
  const completed = r.completedAt
    ? html`<td><time datetime=${bare(r.completedAt)}>${formatDateTime(r.completedAt) ?? ""}</time><small>${r.completedAge ?? ""}</small>`
    : `<td class=muted>Not completed`;
  const backupSet = r.backupSet
    ? html`<td><a href=/backup-sets/${bare(r.backupSet.id)}>#${r.backupSet.id} <span>${r.backupSet.name}</span></a>`
    : `<td class=muted>None linked`;
  const outcome = r.operationOutcome === null ? `<td class=muted>None linked` : html`<td class=mono>${r.operationOutcome}`;
  return (
    (r.isLatestRelevant ? `<tr class=latest>` : "<tr>") +
    run +
    `<td>${badgeMarkup(r.attention.tone, r.attention.label, true)}` +
    html`<td class=mono>${r.status}` +
    completed +
    `<td>${r.isDryRun ? badgeMarkup("neutral", "Yes") : "No"}` +
    backupSet +
    outcome
  );
}
