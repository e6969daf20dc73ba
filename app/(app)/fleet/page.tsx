import type { Metadata } from "next";
import Link from "next/link";
import { ExportLinks } from "@/components/exports/export-links";
import { FleetDistributionView } from "@/components/fleet/fleet-distribution";
import { FleetFilters } from "@/components/fleet/fleet-filters";
import { FleetSummary } from "@/components/fleet/fleet-summary";
import { FleetTable } from "@/components/fleet/fleet-table";
import { DataAsOf } from "@/components/ui/data-as-of";
import { PageHeader } from "@/components/ui/page-header";
import { secondaryButtonClass } from "@/components/ui/styles";
import type { RawSearchParams } from "@/lib/search-params/cursor";
import { fleetSearch, parseFleetSearchParams } from "@/lib/search-params/fleet";
import type { FleetFilter } from "@/lib/recovery/fleet";
import { FLEET_COPY } from "@/lib/recovery/fleet-copy";
import { pathWithQuery } from "@/server/auth/viewer";
import { pageViewer } from "@/server/pages/preamble";
import { fleetView } from "@/server/fleet/read";
import { switchTenant } from "../actions";

export const metadata: Metadata = { title: "Fleet" };

/** §10: every tenant of the operator, any role, worst first, filtered and paged. */
export default async function FleetPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const viewer = await pageViewer(pathWithQuery("/fleet", raw));
  const query = parseFleetSearchParams(raw);
  const fleet = await fleetView(viewer.userId, query, { paged: true });
  const { read, distribution } = fleet;
  const filterTo = (filter: FleetFilter) => `/fleet${fleetSearch(filter)}`;
  const filtered = Object.keys(query.filter).length > 0;
  const nextHref = fleet.nextCursor ? `/fleet${fleetSearch(query.filter, { cursor: fleet.nextCursor, limit: query.limit })}` : null;
  const firstHref = query.after ? `/fleet${fleetSearch(query.filter, { limit: query.limit })}` : null;
  const caption = `Your tenants, worst first${query.after ? ", a later page" : ""}`;
  return (
    <>
      <PageHeader title="Fleet">{FLEET_COPY.intro}</PageHeader>
      <div className="space-y-4">
        <DataAsOf read={read} />
        <FleetSummary counts={fleet.counts} fleetSize={fleet.fleetSize} />
        {fleet.fleetSize > 0 ? (
          <FleetDistributionView
            distribution={distribution}
            links={{
              severity: (severity) => filterTo({ severity }),
              overviewState: (state) => filterTo({ state }),
              current: { severity: query.filter.severity, overviewState: query.filter.state },
            }}
          />
        ) : null}
        <div className="flex flex-wrap items-end justify-between gap-4">
          <FleetFilters filter={query.filter} clearHref={filtered ? "/fleet" : null} />
          <ExportLinks href={`/api/fleet/export${fleetSearch(query.filter)}`} label="Export every matching tenant" />
        </div>
        {fleet.entries.length > 0 ? (
          <FleetTable
            caption={caption}
            openTenant={switchTenant}
            rows={fleet.entries.map((e) => ({ row: e.row, items: e.needsAttention, canViewRestoreHistory: e.canViewRestoreHistory }))}
          />
        ) : (
          <p className="rounded-md border border-slate-200 bg-white p-4">
            {fleet.fleetSize === 0 ? FLEET_COPY.noTenants : FLEET_COPY.empty}
          </p>
        )}
        {nextHref || firstHref ? (
          <nav aria-label="Fleet pages" className="flex flex-wrap gap-2">
            {firstHref ? <Link href={firstHref} className={secondaryButtonClass}>First page</Link> : null}
            {nextHref ? <Link href={nextHref} className={secondaryButtonClass} rel="next">Next page</Link> : null}
          </nav>
        ) : null}
      </div>
    </>
  );
}
