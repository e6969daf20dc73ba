import { badgeMarkup, bare, compactTimeMarkup, html } from "@/components/ui/markup";
import { BACKUP_POSTURE_TONES, freshnessTone, overviewTone, SEVERITY_TONES } from "@/components/ui/tones";
import { secondaryButtonClass } from "@/components/ui/styles";
import { ATTENTION_STATE_LABELS, BACKUP_HEALTH_HEADLINES, BACKUP_POSTURE_LABELS, OVERVIEW_STATE_LABELS } from "@/lib/recovery/copy";
import { FLEET_COPY, FRESHNESS_COPY } from "@/lib/recovery/fleet-copy";
import type { NeedsAttentionItem } from "@/lib/recovery/needs-attention";
import type { FleetRow } from "@/lib/recovery/fleet";

export interface FleetTableRow {
  row: FleetRow;
  items: NeedsAttentionItem[];
  canViewRestoreHistory: boolean;
}

/**
 * One tenant's row: exactly the cells the table's header names, every value escaped by `html`. Compact
 * (issue 14, page weight; decision 0021): layout and tones come from the table (app/styles/tables.css
 * `.fleet-table`), the optional `</td>`, `</tr>`, `</li>` and `</p>` are left out and ids and instants are
 * unquoted attributes — up to 100 rows travel twice (HTML and inline RSC data).
 */
function fleetRowMarkup({ row, items, canViewRestoreHistory }: FleetTableRow): string {
  const attention =
    items.length === 0
      ? `<span class=muted>Nothing listed</span>`
      : `<ul>${items.map((i) => html`<li><span class=sr-only>${FLEET_COPY.severity[i.severity]}: </span>${i.title}`).join("")}</ul>`;
  const id = row.latestRelevantRestoreRunId;
  const runLink =
    id === null
      ? ""
      : canViewRestoreHistory
        ? html`<a href=/restore-runs/${bare(id)} aria-label="Restore run #${id} of ${row.name}">#${id}</a>`
        : html`<span>#${id}</span>`;
  const evidence =
    id === null
      ? html`<span class=muted>${FRESHNESS_COPY.noEvidence}</span>`
      : `<div><p>${runLink} ${row.latestRelevantAttentionState ? html`${ATTENTION_STATE_LABELS[row.latestRelevantAttentionState]}` : ""}` +
        `<p>${compactTimeMarkup(row.latestRelevantRestoreAt, "time unknown")}</p>` +
        badgeMarkup(freshnessTone(row.restoreEvidenceStale), row.restoreEvidenceStale ? FRESHNESS_COPY.staleBadge : FRESHNESS_COPY.freshBadge) +
        "</div>";
  const backup =
    `<div>${badgeMarkup(BACKUP_POSTURE_TONES[row.backupPosture], BACKUP_POSTURE_LABELS[row.backupPosture])}` +
    (row.backupPrimaryReason ? html`<p>${BACKUP_HEALTH_HEADLINES[row.backupPrimaryReason]}` : "") +
    `<p class=muted>Latest completed: ${compactTimeMarkup(row.latestCompletedBackupAt, "none")}</div>`;
  return (
    html`<tr><th scope=row>${row.name}<small>${row.role}</small>` +
    `<td>${badgeMarkup(SEVERITY_TONES[row.severity], FLEET_COPY.severity[row.severity])}` +
    `<td>${attention}` +
    `<td>${badgeMarkup(overviewTone(row.overviewState, row.latestRelevantAttentionState), OVERVIEW_STATE_LABELS[row.overviewState])}` +
    `<td>${evidence}` +
    `<td>${backup}` +
    html`<td><button type=submit name=tenantId value=${bare(row.tenantId)} class=${bare(secondaryButtonClass)} aria-label="Open the dashboard of ${row.name}">Open</button>`
  );
}

/**
 * One row per tenant, worst first. "Open" makes the tenant current and lands on its dashboard (the
 * tenant-switch server action). The latest run id is a link only where the role may view restore history.
 */
export function FleetTable({
  rows,
  caption,
  openTenant,
}: {
  rows: FleetTableRow[];
  caption: string;
  openTenant: (formData: FormData) => Promise<void>;
}) {
  return (
    // One form for the table: each row's Open button submits its own tenantId (a submit button's name and
    // value), so the page carries one server-action form instead of one per row.
    <form action={openTenant} className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      {/* Cell padding and header weight come from the table (app/styles/tables.css `.fleet-table`), not per cell. */}
      <table className="fleet-table min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-slate-800">
          <tr>
            <th scope="col">Tenant</th>
            <th scope="col">Severity</th>
            <th scope="col">Needs attention</th>
            <th scope="col">Recovery evidence</th>
            <th scope="col">Latest relevant restore</th>
            <th scope="col">Backup inputs</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        {/* The rows are one escaped markup string (issue 14; components/ui/markup.ts): up to 500 rows of
            badges, lists and links rendered as React elements cost more than the rest of the page. */}
        <tbody className="divide-y divide-slate-200" dangerouslySetInnerHTML={{ __html: rows.map(fleetRowMarkup).join("") }} />
      </table>
    </form>
  );
}
