import { OVERVIEW_STATE_LABELS } from "@/lib/recovery/copy";
import { FLEET_COPY } from "@/lib/recovery/fleet-copy";
import type { FleetCounts } from "@/lib/recovery/fleet";
import { OVERVIEW_STATES } from "@/lib/recovery/vocabulary";

/** The summary line: tenants per severity and per recovery-evidence state, over every matching tenant. */
export function FleetSummary({ counts, fleetSize }: { counts: FleetCounts; fleetSize: number }) {
  const n = (x: number) => x.toLocaleString("en");
  const of = counts.total === fleetSize ? "" : ` of ${n(fleetSize)}`;
  return (
    <section aria-labelledby="fleet-summary-title" className="rounded-md border border-slate-200 bg-white p-4 text-sm">
      <h2 id="fleet-summary-title" className="font-semibold text-slate-900">
        {n(counts.total)}{of} tenant{counts.total === 1 ? "" : "s"}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1" aria-label="Tenants per severity">
        <li>{FLEET_COPY.severity.critical}: <strong>{n(counts.critical)}</strong></li>
        <li>{FLEET_COPY.severity.high}: <strong>{n(counts.high)}</strong></li>
        <li>{FLEET_COPY.severity.medium}: <strong>{n(counts.medium)}</strong></li>
        <li>{FLEET_COPY.severity.none}: <strong>{n(counts.noVisibleIssues)}</strong></li>
        <li>Stale restore evidence: <strong>{n(counts.restoreEvidenceStale)}</strong></li>
      </ul>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-slate-700" aria-label="Tenants per recovery evidence state">
        {OVERVIEW_STATES.map((s) => (
          <li key={s}>{OVERVIEW_STATE_LABELS[s]}: <strong>{n(counts.overviewState[s])}</strong></li>
        ))}
      </ul>
      <p className="mt-2 text-slate-700">{FLEET_COPY.boundary}</p>
    </section>
  );
}
