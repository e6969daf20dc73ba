import "server-only";
import { getFleetInputs } from "../../db/queries/fleet";
import { assessTenant, type TenantAssessment } from "../../lib/recovery/assessment";
import {
  fleetCounts,
  fleetSortKey,
  fleetPage,
  matchesFleetFilter,
  toFleetRow,
  type FleetCounts,
  type FleetRow,
} from "../../lib/recovery/fleet";
import { compareTenantsWorstFirst, type TenantOrderKey } from "../../lib/recovery/tenant-order";
import { canViewRestoreHistory } from "../../lib/recovery/vocabulary";
import { encodeFleetCursor, type FleetQuery } from "../../lib/search-params/fleet";

export interface FleetEntry {
  row: FleetRow;
  /** The row's place in the default order, computed once (the sort compares it ~n log n times). */
  key: TenantOrderKey;
  /**
   * The assessment's Needs Attention items (the page shows them with its rows). The rest of the
   * assessment is not kept: 5,000 of them outliving the read cost the server more collection time than
   * computing them.
   */
  needsAttention: TenantAssessment["needsAttention"];
  canViewRestoreHistory: boolean;
}

/**
 * Every tenant of the user, assessed at `now` by the one tenant assessment (with the role's view of
 * restore history, as the per-tenant APIs do), in the §10 default order. One statement.
 */
export async function readFleet(userId: string, now: Date): Promise<FleetEntry[]> {
  const inputs = await getFleetInputs(userId);
  const entries = inputs.map((i) => {
    const canView = canViewRestoreHistory(i.role);
    const assessment = assessTenant(i, { now, canViewRestoreHistory: canView });
    const row = toFleetRow(i.tenant, i.role, assessment);
    return { row, key: fleetSortKey(row), needsAttention: assessment.needsAttention, canViewRestoreHistory: canView };
  });
  return entries.sort((a, b) => compareTenantsWorstFirst(a.key, b.key));
}

const inFlight = new Map<string, Promise<{ entries: FleetEntry[]; now: Date }>>();

/**
 * readFleet at the current instant, with request coalescing: requests for the same operator's fleet that
 * arrive while one read is running share it (and its `now`, taken when that read started — moments
 * earlier, and reported as the computed-at instant). Nothing is kept once the read settles: this is not
 * a cache, every result is computed during the request that receives it. Without it, ten concurrent
 * fleet requests of one MSP owner ran ten 5,000-tenant reads at once on a 256 MB heap.
 */
export function readFleetNow(userId: string): Promise<{ entries: FleetEntry[]; now: Date }> {
  const running = inFlight.get(userId);
  if (running) return running;
  const now = new Date();
  const read = readFleet(userId, now)
    .then((entries) => ({ entries, now }))
    .finally(() => inFlight.delete(userId));
  inFlight.set(userId, read);
  return read;
}

export interface FleetResult {
  /** The page (or, for exports, every match). */
  entries: FleetEntry[];
  /** Counts over every tenant matching the filters (not only this page). */
  counts: FleetCounts;
  nextCursor: string | null;
  /** Tenants of the operator before filtering. */
  fleetSize: number;
}

export function selectFleet(all: FleetEntry[], query: FleetQuery, opts: { paged: boolean }): FleetResult {
  const matching = all.filter((e) => matchesFleetFilter(e.row, query.filter));
  const counts = fleetCounts(matching.map((e) => e.row));
  if (!opts.paged) return { entries: matching, counts, nextCursor: null, fleetSize: all.length };
  const page = fleetPage(matching, { after: query.after, limit: query.limit });
  return { entries: page.items, counts, nextCursor: page.next ? encodeFleetCursor(page.next) : null, fleetSize: all.length };
}
