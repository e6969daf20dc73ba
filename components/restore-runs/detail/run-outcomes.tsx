import Link from "next/link";
import { Banner } from "@/components/ui/banner";
import { Card } from "@/components/ui/card";
import { badgeMarkup, html } from "@/components/ui/markup";
import { RESULT_ENTRY_STATUS_TONES, UNRECOGNIZED_TONE } from "@/components/ui/tones";
import {
  RESULTS_MISSING_NOTICE,
  RESULTS_UNREADABLE_NOTICE,
  RESULT_ENTRY_STATUS_LABELS,
  RESULT_ENTRY_UNREADABLE_LABEL,
  RESULT_GROUP_LABELS,
  RUN_OUTCOME_COUNT,
  UNRECOGNIZED_STATUS_LABEL,
} from "@/lib/recovery/surface-copy";
import { countByFilter, ENTRY_FILTER_LABELS, ENTRY_FILTERS, triageEntries, type EntryFilter } from "@/lib/recovery/entry-triage";
import type { ParsedResults, ResultEntry } from "@/lib/recovery/results";
import type { ResultEntryGroup } from "@/lib/recovery/vocabulary";
import { RESULT_ENTRY_GROUPS, RESULT_ENTRY_STATUSES, includes } from "@/lib/recovery/vocabulary";

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

/** A missing value: a dash to the eye, "Not recorded" to a screen reader. */
const DASH = `<span><span aria-hidden=true>—</span><span class=sr-only>Not recorded</span></span>`;

/** One entry's status. Unknown statuses are named verbatim (escaped) and read as a warning. */
function entryStatusMarkup(e: ResultEntry): string {
  if (includes(RESULT_ENTRY_STATUSES, e.status)) return badgeMarkup(RESULT_ENTRY_STATUS_TONES[e.status], RESULT_ENTRY_STATUS_LABELS[e.status]!);
  if (e.status === null) return badgeMarkup(UNRECOGNIZED_TONE, RESULT_ENTRY_UNREADABLE_LABEL);
  return badgeMarkup(UNRECOGNIZED_TONE, `${UNRECOGNIZED_STATUS_LABEL}: ${e.status}`);
}

/**
 * One entry's cells as markup (issue 14, page weight; decision 0021): a run may hold hundreds of
 * entries, each travelling twice (HTML and inline RSC data) as React elements. Cells styled from the
 * table (`.entries-table`; `wrap` lets long keys and messages wrap anywhere), the optional `</td>` and
 * `</tr>` left out. Every value is escaped by `html`.
 */
function entryRowMarkup(e: ResultEntry, isAssignments: boolean): string {
  const cell = (cls: string, v: string | null) => (v === null ? `<td class="${cls}">${DASH}` : html`<td class="${cls}">${v}`);
  return (
    "<tr>" +
    cell("wrap mono", e.key) +
    (isAssignments ? cell("wrap mono", e.itemKey) + cell("wrap mono", e.target) : cell("wrap", e.name) + cell("wrap mono", e.type)) +
    `<td>${entryStatusMarkup(e)}` +
    cell("wrap", e.message)
  );
}


function GroupTable({ group, entries, filter }: { group: ResultEntryGroup; entries: ResultEntry[]; filter: EntryFilter | null }) {
  const headingId = `outcomes-${group}-title`;
  const shown = triageEntries(entries, filter);
  const isAssignments = group === "assignments";
  return (
    <div className="space-y-2">
      <h3 id={headingId} className="text-base font-semibold text-slate-900">
        {RESULT_GROUP_LABELS[group]} ({entries.length})
      </h3>
      <p className="text-sm text-slate-700">{countByStatus(entries)}</p>
      {filter !== null && shown.length === 0 && entries.length > 0 ? (
        <p className="text-sm text-slate-700">None {ENTRY_FILTER_LABELS[filter].toLowerCase()} in this group.</p>
      ) : null}
      {shown.length > 0 ? (
        <div
          role="region"
          aria-labelledby={headingId}
          tabIndex={0}
          className="relative overflow-x-auto rounded-md border border-slate-200"
        >
          {/* Cells styled from the table (app/styles/tables.css `.entries-table`): `wrap` lets long keys and
              messages wrap anywhere, so a narrow screen never needs to scroll to read them. */}
          <table className="entries-table w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col">Key</th>
                {isAssignments ? (
                  <>
                    <th scope="col">Item</th>
                    <th scope="col">Target</th>
                  </>
                ) : (
                  <>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                  </>
                )}
                <th scope="col">Status</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody
              className="divide-y divide-slate-200"
              dangerouslySetInnerHTML={{ __html: shown.map((e) => entryRowMarkup(e, isAssignments)).join("") }}
            />
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Show all entries, or only one status: links (the filter is in the URL), with counts. */
function EntryFilterNav({ results, filter, hrefFor }: { results: ParsedResults; filter: EntryFilter | null; hrefFor: (f: EntryFilter | null) => string }) {
  const counts = countByFilter(results.entries);
  const options: [EntryFilter | null, string, number][] = [
    [null, "All", results.entries.length],
    ...ENTRY_FILTERS.map((f): [EntryFilter, string, number] => [f, ENTRY_FILTER_LABELS[f], counts[f]]),
  ];
  return (
    <nav aria-label="Filter entries by status" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="font-medium text-slate-800">Show:</span>
      {options.map(([f, label, n]) => (
        <Link key={label} href={hrefFor(f)} aria-current={f === filter ? "page" : undefined}
          className={`underline underline-offset-2 ${f === filter ? "font-semibold text-slate-950" : "text-blue-800"}`}>
          {label} ({n})
        </Link>
      ))}
    </nav>
  );
}

/**
 * Entry outcomes grouped by items / foundations / assignments, with counts, failed entries first and an
 * optional status filter. Malformed results still render.
 */
export function RunOutcomes({
  results,
  recorded,
  filter = null,
  hrefFor,
}: {
  results: ParsedResults;
  recorded: boolean;
  filter?: EntryFilter | null;
  hrefFor: (f: EntryFilter | null) => string;
}) {
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
      {count > 0 ? <EntryFilterNav results={results} filter={filter} hrefFor={hrefFor} /> : null}
      <div className="space-y-5">
        {RESULT_ENTRY_GROUPS.map((group) => (
          <GroupTable key={group} group={group} entries={results.byGroup[group]} filter={filter} />
        ))}
      </div>
    </Card>
  );
}
