import { Banner } from "@/components/ui/banner";
import { Card } from "@/components/ui/card";
import { RESULTS_MISSING_NOTICE, RESULTS_UNREADABLE_NOTICE, RESULT_ENTRY_STATUS_LABELS, RESULT_GROUP_LABELS, RUN_OUTCOME_COUNT } from "@/lib/recovery/surface-copy";
import type { ParsedResults, ResultEntry } from "@/lib/recovery/results";
import type { ResultEntryGroup } from "@/lib/recovery/vocabulary";
import { RESULT_ENTRY_GROUPS, RESULT_ENTRY_STATUSES, includes } from "@/lib/recovery/vocabulary";
import { EntryStatusBadge } from "./entry-status-badge";

/** "2 applied, 1 failed" — counts per status, unrecognized and unreadable entries counted together. */
export function countByStatus(entries: ResultEntry[]): string {
  if (entries.length === 0) return "none recorded";
  const parts = RESULT_ENTRY_STATUSES.flatMap((status) => {
    const n = entries.filter((e) => e.status === status).length;
    return n ? [`${n} ${RESULT_ENTRY_STATUS_LABELS[status]!.toLowerCase()}`] : [];
  });
  const other = entries.filter((e) => !includes(RESULT_ENTRY_STATUSES, e.status)).length;
  if (other) parts.push(`${other} unrecognized or unreadable`);
  return parts.join(", ");
}

const dash = (
  <span>
    <span aria-hidden="true">—</span>
    <span className="sr-only">Not recorded</span>
  </span>
);

function GroupTable({ group, entries }: { group: ResultEntryGroup; entries: ResultEntry[] }) {
  const headingId = `outcomes-${group}-title`;
  const isAssignments = group === "assignments";
  return (
    <div className="space-y-2">
      <h3 id={headingId} className="text-base font-semibold text-slate-900">
        {RESULT_GROUP_LABELS[group]} ({entries.length})
      </h3>
      <p className="text-sm text-slate-700">{countByStatus(entries)}</p>
      {entries.length > 0 ? (
        <div
          role="region"
          aria-labelledby={headingId}
          tabIndex={0}
          className="relative overflow-x-auto rounded-md border border-slate-200"
        >
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">Key</th>
                {isAssignments ? (
                  <>
                    <th scope="col" className="px-3 py-2 font-semibold">Item</th>
                    <th scope="col" className="px-3 py-2 font-semibold">Target</th>
                  </>
                ) : (
                  <>
                    <th scope="col" className="px-3 py-2 font-semibold">Name</th>
                    <th scope="col" className="px-3 py-2 font-semibold">Type</th>
                  </>
                )}
                <th scope="col" className="px-3 py-2 font-semibold">Status</th>
                <th scope="col" className="px-3 py-2 font-semibold">Message</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {entries.map((e, i) => (
                <tr key={i}>
                  <td className="break-words px-3 py-2 font-mono text-xs">{e.key ?? dash}</td>
                  {isAssignments ? (
                    <>
                      <td className="break-words px-3 py-2 font-mono text-xs">{e.itemKey ?? dash}</td>
                      <td className="break-words px-3 py-2 font-mono text-xs">{e.target ?? dash}</td>
                    </>
                  ) : (
                    <>
                      <td className="px-3 py-2">{e.name ?? dash}</td>
                      <td className="break-words px-3 py-2 font-mono text-xs">{e.type ?? dash}</td>
                    </>
                  )}
                  <td className="px-3 py-2">
                    <EntryStatusBadge entry={e} />
                  </td>
                  <td className="px-3 py-2">{e.message ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Entry outcomes grouped by items / foundations / assignments, with counts. Malformed results still render. */
export function RunOutcomes({ results, recorded }: { results: ParsedResults; recorded: boolean }) {
  const count = results.entries.length;
  return (
    <Card id="outcomes" title="Outcomes">
      <p>{RUN_OUTCOME_COUNT(count, countByStatus(results.entries))}</p>
      {!recorded ? (
        <Banner id="results-missing" tone="warning">
          <p>{RESULTS_MISSING_NOTICE}</p>
        </Banner>
      ) : !results.wellFormed ? (
        <Banner id="results-unreadable" tone="warning">
          <p>{RESULTS_UNREADABLE_NOTICE}</p>
        </Banner>
      ) : null}
      <div className="space-y-5">
        {RESULT_ENTRY_GROUPS.map((group) => (
          <GroupTable key={group} group={group} entries={results.byGroup[group]} />
        ))}
      </div>
    </Card>
  );
}
