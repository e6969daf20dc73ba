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
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{STRIP_COPY.dayTable}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">Day (UTC)</th>
                <th scope="col" className="py-1 pr-3">{BACKUP_ROW.label}</th>
                {strip.restores ? <th scope="col" className="py-1 pr-3">{RESTORE_ROW.label}</th> : null}
                {strip.notEvidence ? <th scope="col" className="py-1">{NOT_EVIDENCE_ROW.label}</th> : null}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1 pr-3 font-medium whitespace-nowrap">{d.day}</th>
                  <td className="py-1 pr-3">{countsText(BACKUP_ROW, d.backup)}</td>
                  {strip.restores ? <td className="py-1 pr-3">{countsText(RESTORE_ROW, d.restore)}</td> : null}
                  {strip.notEvidence ? <td className="py-1">{countsText(NOT_EVIDENCE_ROW, d.notEvidence)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
