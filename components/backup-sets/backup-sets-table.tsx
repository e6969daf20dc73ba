import { badgeMarkup, bare, compactTimeMarkup, html } from "@/components/ui/markup";
import { BACKUP_SET_STATUS_TONES, UNRECOGNIZED_TONE } from "@/components/ui/tones";
import type { BackupSet } from "@/db/schema";
import { describeAge } from "@/lib/recovery/age";
import { BACKUP_SET_STATUS_LABELS, UNRECOGNIZED_STATUS_LABEL } from "@/lib/recovery/surface-copy";
import { BACKUP_SET_IGNORED_STATUSES, BACKUP_SET_STATUSES, includes } from "@/lib/recovery/vocabulary";
import { finishedTerm } from "./finished-at";

/** = <BackupSetStatusBadge status /> */
function statusMarkup(status: string): string {
  return includes(BACKUP_SET_STATUSES, status)
    ? badgeMarkup(BACKUP_SET_STATUS_TONES[status], BACKUP_SET_STATUS_LABELS[status])
    : badgeMarkup(UNRECOGNIZED_TONE, `${UNRECOGNIZED_STATUS_LABEL}: ${status}`);
}

/** = <FinishedAt set now withTerm /> (the end time worded by status), styled from `.sets-table`. */
function finishedMarkup(set: BackupSet, now: Date): string {
  if (includes(BACKUP_SET_IGNORED_STATUSES, set.status)) return html`<span class=muted>Not finished (${set.status})</span>`;
  if (!set.completedAt) return `<span class=muted>${set.status === "failed" ? "Failed (no end time recorded)" : "No end time recorded"}</span>`;
  const term = finishedTerm(set.status).replace(/ at$/, "");
  return html`<span class=ended><span><b>${term}: </b>` + compactTimeMarkup(set.completedAt) + html`</span><small>${describeAge(set.completedAt, now)}</small></span>`;
}

/**
 * One set's cells as markup (issue 14, page weight): cells styled from the table (app/styles/tables.css
 * `.sets-table`), a plain link, the optional `</td>` and `</tr>` left out. Every value is escaped by `html`.
 */
function setRowMarkup(set: BackupSet, now: Date): string {
  return (
    html`<tr><td><a href=/backup-sets/${bare(set.id)}>Backup set #${set.id}</a><td>${set.name}<td>` +
    statusMarkup(set.status) +
    html`<td class=num>${set.itemCount}<td class=num>${set.failedItemCount}<td>` +
    compactTimeMarkup(set.startedAt, "Not started") +
    `<td>${finishedMarkup(set, now)}`
  );
}

/**
 * One page of backup sets, in the order received (server-side, newest end time first). The end time is
 * worded by status: a failed or running set never reads "Completed".
 */
export function BackupSetsTable({ sets, caption, now }: { sets: BackupSet[]; caption: string; now: Date }) {
  return (
    <div className="table-box">
      <p id="backup-sets-caption">
        {caption}
      </p>
      <div role="region" aria-labelledby="backup-sets-caption" tabIndex={0} className="relative overflow-x-auto">
        {/* Cell padding and alignment come from the table (app/styles/tables.css `.sets-table`), not per cell. */}
        <table aria-labelledby="backup-sets-caption" className="sets-table min-w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">Backup set</th>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col" className="text-right">Items</th>
              <th scope="col" className="text-right">Failed items</th>
              <th scope="col">Started at</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          {/* One escaped markup string for the rows, like the restore-run table (decision 0021). */}
          <tbody className="divide-y divide-slate-200" dangerouslySetInnerHTML={{ __html: sets.map((set) => setRowMarkup(set, now)).join("") }} />
        </table>
      </div>
    </div>
  );
}
