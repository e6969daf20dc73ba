import { Badge } from "@/components/ui/badge";
import { BACKUP_POSTURE_TONES, freshnessTone, overviewTone, SEVERITY_TONES } from "@/components/ui/tones";
import { DateTime } from "@/components/ui/date-time";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
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
      {/* Cell padding and header weight come from the table (app/globals.css `.fleet-table`), not per cell. */}
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
        <tbody className="divide-y divide-slate-200">
          {rows.map(({ row, items, canViewRestoreHistory }) => (
            <tr key={row.tenantId} className="align-top">
              <th scope="row" className="text-left font-medium text-slate-900">
                {row.name}
                <span className="block text-xs font-normal text-slate-700">{row.role}</span>
              </th>
              <td>
                <Badge tone={SEVERITY_TONES[row.severity]}>{FLEET_COPY.severity[row.severity]}</Badge>
              </td>
              <td>
                {items.length === 0 ? (
                  <span className="text-slate-700">Nothing listed</span>
                ) : (
                  <ul className="space-y-1">
                    {items.map((i) => (
                      <li key={i.kind}>
                        <span className="sr-only">{FLEET_COPY.severity[i.severity]}: </span>
                        {i.title}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <Badge tone={overviewTone(row.overviewState, row.latestRelevantAttentionState)}>{OVERVIEW_STATE_LABELS[row.overviewState]}</Badge>
              </td>
              <td>
                {row.latestRelevantRestoreRunId === null ? (
                  <span className="text-slate-700">{FRESHNESS_COPY.noEvidence}</span>
                ) : (
                  <div className="space-y-1">
                    <p>
                      {canViewRestoreHistory ? (
                        <a href={`/restore-runs/${row.latestRelevantRestoreRunId}`} className={linkClass}
                          aria-label={`Restore run #${row.latestRelevantRestoreRunId} of ${row.name}`}>
                          #{row.latestRelevantRestoreRunId}
                        </a>
                      ) : (
                        <span>#{row.latestRelevantRestoreRunId}</span>
                      )}{" "}
                      {row.latestRelevantAttentionState ? ATTENTION_STATE_LABELS[row.latestRelevantAttentionState] : null}
                    </p>
                    <p><DateTime value={row.latestRelevantRestoreAt} fallback="time unknown" /></p>
                    <Badge tone={freshnessTone(row.restoreEvidenceStale)}>
                      {row.restoreEvidenceStale ? FRESHNESS_COPY.staleBadge : FRESHNESS_COPY.freshBadge}
                    </Badge>
                  </div>
                )}
              </td>
              <td>
                <div className="space-y-1">
                  <Badge tone={BACKUP_POSTURE_TONES[row.backupPosture]}>{BACKUP_POSTURE_LABELS[row.backupPosture]}</Badge>
                  {row.backupPrimaryReason ? <p>{BACKUP_HEALTH_HEADLINES[row.backupPrimaryReason]}</p> : null}
                  <p className="text-slate-700">
                    Latest completed: <DateTime value={row.latestCompletedBackupAt} fallback="none" />
                  </p>
                </div>
              </td>
              <td>
                <button type="submit" name="tenantId" value={row.tenantId} className={secondaryButtonClass}
                  aria-label={`Open the dashboard of ${row.name}`}>
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </form>
  );
}
