import { DateTime } from "@/components/ui/date-time";
import { linkClass } from "@/components/ui/styles";
import type { BackupSet } from "@/db/schema";
import { BackupSetStatusBadge } from "./backup-set-status-badge";
import { FinishedAt } from "./finished-at";

/**
 * One page of backup sets, in the order received (server-side, newest end time first). The end time is
 * worded by status: a failed or running set never reads "Completed".
 */
export function BackupSetsTable({ sets, caption, now }: { sets: BackupSet[]; caption: string; now: Date }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <p id="backup-sets-caption" className="px-4 py-3 text-sm font-medium text-slate-800">
        {caption}
      </p>
      <div role="region" aria-labelledby="backup-sets-caption" tabIndex={0} className="relative overflow-x-auto">
        {/* Cell padding and alignment come from the table (app/globals.css `.sets-table`), not per cell. */}
        <table aria-labelledby="backup-sets-caption" className="sets-table min-w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-700">
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
          <tbody className="divide-y divide-slate-200">
            {sets.map((set) => (
              <tr key={set.id}>
                <td className="whitespace-nowrap">
                  <a href={`/backup-sets/${set.id}`} className={linkClass}>
                    Backup set #{set.id}
                  </a>
                </td>
                <td className="text-slate-900">{set.name}</td>
                <td>
                  <BackupSetStatusBadge status={set.status} />
                </td>
                <td className="text-right tabular-nums">{set.itemCount}</td>
                <td className="text-right tabular-nums">{set.failedItemCount}</td>
                <td>
                  <DateTime value={set.startedAt} fallback="Not started" />
                </td>
                <td>
                  <FinishedAt set={set} now={now} withTerm />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
