import { htmlEscape } from "escape-goat";
import { bare } from "@/components/ui/markup";
import { Card, ClaimBoundary } from "@/components/ui/card";
import { patternClass, type Pattern } from "@/components/ui/patterns";
import { PICTURE_TONE_COLORS } from "@/components/ui/tones";
import { HISTORY_STRIP_DAYS, daysByWorst, type HistoryStrip, type StripCell } from "@/lib/recovery/history-strip";
import { STRIP_COPY, STRIP_LEGEND, stripCellText, stripRowSummary } from "@/lib/recovery/picture-copy";
import { StripDayTable } from "./history-strip-table";
import { BACKUP_ROW, NOT_EVIDENCE_ROW, RESTORE_ROW, type StripRowSpec } from "./strip-rows";

function Swatch({ pattern, tone }: { pattern: Pattern; tone: keyof typeof PICTURE_TONE_COLORS }) {
  return <span aria-hidden="true" className={`swatch ${PICTURE_TONE_COLORS[tone]} ${patternClass(pattern)}`} />;
}

/**
 * A row's day cells as markup: `<li data-day>` holding a link (a day with runs: to the newest run of the
 * day's worst category) or a focusable span (an empty day), each with its sentence as the tooltip text.
 * Compact on purpose (issue 14, page weight): the cell's box, its tooltip, the empty day's outline and the
 * tooltip's side come from the list (app/styles/pictures.css `.strip`), the optional `</li>` is left out, and the
 * attribute values that cannot need quotes have none — 270 cells travel twice (HTML and inline RSC data).
 */
function stripCellsMarkup<C extends string>(spec: StripRowSpec<C>, cells: StripCell<C>[]): string {
  return cells
    .map((cell) => {
      const text = stripCellText(cell, spec.order, spec.labels, spec.noun, spec.latestMark);
      const latest = cell.latest ? " strip-latest" : "";
      if (cell.linkId !== null && cell.worst !== null && spec.href) {
        const look = `${PICTURE_TONE_COLORS[spec.tone(cell.worst)]} ${patternClass(spec.pattern(cell.worst))}${latest}`;
        return htmlEscape`<li data-day=${bare(cell.day)}><a href=${bare(spec.href(cell.linkId))} class="${look}"><span>${text}</span></a>`;
      }
      return htmlEscape`<li data-day=${bare(cell.day)}><span tabindex=0${latest ? ` class=strip-latest` : ""}><span>${text}</span></span>`;
    })
    .join("");
}

function StripRow<C extends string>({ spec, cells }: { spec: StripRowSpec<C>; cells: StripCell<C>[] }) {
  const titleId = `${spec.id}-title`;
  return (
    <div className="space-y-1.5">
      <h3 id={titleId} className="text-sm font-semibold text-slate-900">
        {spec.label}
      </h3>
      {/* The 90 cells are one markup string (issue 14, page cost): ~270 elements rendered, serialized and
          parsed as React elements cost more server time than the rest of the dashboard together; as a
          string they are the same elements in the browser (every value escaped by escape-goat). */}
      <ol
        aria-labelledby={titleId}
        className="strip"
        dangerouslySetInnerHTML={{ __html: stripCellsMarkup(spec, cells) }}
      />
      <ul className="legend text-slate-700" aria-label={`${spec.label}: legend`}>
        {spec.legend ? (
          <li>
            <Swatch pattern={spec.pattern(spec.order[0]!)} tone={spec.tone(spec.order[0]!)} />
            {spec.legend}
          </li>
        ) : (
          [...spec.order].reverse().map((c) => (
            <li key={c}>
              <Swatch pattern={spec.pattern(c)} tone={spec.tone(c)} />
              {spec.labels[c]}
            </li>
          ))
        )}
        <li>
          <span aria-hidden="true" className="swatch pattern-empty" />
          {STRIP_LEGEND.none}
        </li>
      </ul>
      <p className="text-xs text-slate-700">
        {stripRowSummary(spec.label, daysByWorst(cells), spec.order, spec.labels, HISTORY_STRIP_DAYS)}
      </p>
    </div>
  );
}

/** The dashboard's history strip: display only (the loader reads and builds it). */
export function HistoryStripCard({ strip }: { strip: HistoryStrip }) {
  return (
    <Card id="history-strip" title={STRIP_COPY.title}>
      <p className="text-slate-700">{STRIP_COPY.intro(strip.from, strip.to)}</p>
      <StripRow spec={BACKUP_ROW} cells={strip.backups} />
      {strip.latestBackupAfterWindow ? <p>{STRIP_COPY.latestAfterWindow(STRIP_COPY.latestBackupMark)}</p> : null}
      {strip.restores && strip.notEvidence ? (
        <>
          <StripRow spec={RESTORE_ROW} cells={strip.restores} />
          {strip.latestRestoreAfterWindow ? <p>{STRIP_COPY.latestAfterWindow(STRIP_COPY.latestRestoreMark)}</p> : null}
          <div className="border-t border-dashed border-slate-400 pt-3">
            <StripRow spec={NOT_EVIDENCE_ROW} cells={strip.notEvidence} />
          </div>
        </>
      ) : (
        <p>{STRIP_COPY.noRestoreAccess}</p>
      )}
      <p className="flex items-center gap-2 text-xs text-slate-700">
        <span aria-hidden="true" className="inline-block h-0 w-0 border-x-4 border-b-[6px] border-x-transparent border-b-slate-900" />
        {STRIP_LEGEND.latest} {STRIP_COPY.latestBackupMark}
        {strip.restores ? ` and of the ${STRIP_COPY.latestRestoreMark}` : ""}.
      </p>
      <ClaimBoundary>{STRIP_COPY.boundary}</ClaimBoundary>
      <StripDayTable strip={strip} />
    </Card>
  );
}
