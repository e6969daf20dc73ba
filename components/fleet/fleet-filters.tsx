import Link from "next/link";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { BACKUP_POSTURE_LABELS, OVERVIEW_STATE_LABELS } from "@/lib/recovery/copy";
import type { FleetFilter } from "@/lib/recovery/fleet";
import { SEVERITY_FILTERS } from "@/lib/recovery/needs-attention";
import { SEVERITY_DISTRIBUTION_LABELS } from "@/lib/recovery/picture-copy";
import { BACKUP_POSTURES, OVERVIEW_STATES } from "@/lib/recovery/vocabulary";

const selectClass = "rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900";
const labelClass = "text-sm font-medium text-slate-800";

/** The §10 filters as a plain GET form (works without JavaScript). Applying starts from the first page. */
export function FleetFilters({ filter, clearHref }: { filter: FleetFilter; clearHref: string | null }) {
  return (
    <form method="get" action="/fleet" role="search" aria-label="Filter tenants" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-q" className={labelClass}>Tenant name</label>
        <input id="fleet-q" name="q" defaultValue={filter.q ?? ""} maxLength={100} className={selectClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-state" className={labelClass}>Recovery evidence</label>
        <select id="fleet-state" name="state" defaultValue={filter.state ?? ""} className={selectClass}>
          <option value="">Any state</option>
          {OVERVIEW_STATES.map((s) => (
            <option key={s} value={s}>{OVERVIEW_STATE_LABELS[s]}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-severity" className={labelClass}>Most severe item</label>
        <select id="fleet-severity" name="severity" defaultValue={filter.severity ?? ""} className={selectClass}>
          <option value="">Any severity</option>
          {SEVERITY_FILTERS.map((s) => (
            <option key={s} value={s}>{SEVERITY_DISTRIBUTION_LABELS[s]}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-backup" className={labelClass}>Backup posture</label>
        <select id="fleet-backup" name="backup" defaultValue={filter.backup ?? ""} className={selectClass}>
          <option value="">Any posture</option>
          {BACKUP_POSTURES.map((p) => (
            <option key={p} value={p}>{BACKUP_POSTURE_LABELS[p]}</option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2 py-1.5">
        <input id="fleet-attention" type="checkbox" name="attention" value="1" defaultChecked={filter.attention === true} />
        <label htmlFor="fleet-attention" className={labelClass}>Needs attention only</label>
      </div>
      <div className="flex items-center gap-2 py-1.5">
        <input id="fleet-stale" type="checkbox" name="stale" value="1" defaultChecked={filter.stale === true} />
        <label htmlFor="fleet-stale" className={labelClass}>Stale restore evidence only</label>
      </div>
      <button type="submit" className={secondaryButtonClass}>Apply filters</button>
      {clearHref ? (
        <Link href={clearHref} className={`${linkClass} py-1.5 text-sm`}>Clear filters</Link>
      ) : null}
    </form>
  );
}
