import { htmlEscape } from "escape-goat";
import type { HistoryStrip, StripCell } from "@/lib/recovery/history-strip";
import { STRIP_COPY } from "@/lib/recovery/picture-copy";
import { BACKUP_ROW, NOT_EVIDENCE_ROW, RESTORE_ROW, type StripRowSpec } from "./strip-rows";

function countsText<C extends string>(spec: StripRowSpec<C>, cell: StripCell<C> | undefined): string {
  if (!cell || cell.total === 0) return "—";
  return spec.order
    .filter((c) => (cell.counts[c] ?? 0) > 0)
    .map((c) => `${cell.counts[c]} ${spec.labels[c]}`)
    .join(", ") + (cell.latest && spec.latestMark ? ` (${spec.latestMark})` : "");
}

type DayRow = {
  day: string;
  backup: HistoryStrip["backups"][number];
  restore?: NonNullable<HistoryStrip["restores"]>[number];
  notEvidence?: NonNullable<HistoryStrip["notEvidence"]>[number];
};

/**
 * The day rows as markup (every value escaped by escape-goat). Cells are styled from the table
 * (app/styles/tables.css `.day-table`) and the optional `</th>`, `</td>` and `</tr>` are left out: up to 90 rows
 * travel twice, in the HTML and in the inline RSC data (issue 14, page weight).
 */
function dayRowsMarkup(strip: HistoryStrip, days: DayRow[]): string {
  return days
    .map((d) => {
      const restore = strip.restores ? htmlEscape`<td>${countsText(RESTORE_ROW, d.restore)}` : "";
      const notEvidence = strip.notEvidence ? htmlEscape`<td>${countsText(NOT_EVIDENCE_ROW, d.notEvidence)}` : "";
      return htmlEscape`<tr><th scope=row>${d.day}<td>${countsText(BACKUP_ROW, d.backup)}` + restore + notEvidence;
    })
    .join("");
}

/** The strip in words: every day that had anything, newest first (collapsed; no script needed to open it). */
export function StripDayTable({ strip }: { strip: HistoryStrip }) {
  const days = strip.backups
    .map((b, i) => ({ day: b.day, backup: b, restore: strip.restores?.[i], notEvidence: strip.notEvidence?.[i] }))
    .filter((d) => d.backup.total + (d.restore?.total ?? 0) + (d.notEvidence?.total ?? 0) > 0)
    .reverse();
  return (
    <details className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-slate-900">
        {STRIP_COPY.textAlternative} ({days.length} {STRIP_COPY.dayTable.toLowerCase()})
      </summary>
      {days.length === 0 ? (
        <p className="mt-2">{STRIP_COPY.nothing}</p>
      ) : (
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={STRIP_COPY.dayTable}>
          <table className="day-table w-full text-left text-xs">
            <caption className="sr-only">{STRIP_COPY.dayTable}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col">Day (UTC)</th>
                <th scope="col">{BACKUP_ROW.label}</th>
                {strip.restores ? <th scope="col">{RESTORE_ROW.label}</th> : null}
                {strip.notEvidence ? <th scope="col">{NOT_EVIDENCE_ROW.label}</th> : null}
              </tr>
            </thead>
            {/* One markup string, like the strip's cells (history-strip.tsx): up to 90 rows of text. */}
            <tbody dangerouslySetInnerHTML={{ __html: dayRowsMarkup(strip, days) }} />
          </table>
        </div>
      )}
    </details>
  );
}
