import "server-only";
import type { Executor } from "../../db/client";
import { getFleetInputs, getFleetRanks } from "../../db/queries/fleet";
import { readHandle, type ReadSource } from "../../db/read-handle";
import { assessTenant, type TenantAssessment } from "../../lib/recovery/assessment";
import {
  fleetCounts,
  fleetPage,
  fleetSortKey,
  matchesFleetFilter,
  rankKey,
  rankRowOf,
  toFleetRow,
  type FleetCounts,
  type FleetRankRow,
  type FleetRow,
} from "../../lib/recovery/fleet";
import { rankSignature, sameRankSignature } from "../../lib/recovery/fleet-schedule";
import { compareTenantsWorstFirst, type TenantOrderKey } from "../../lib/recovery/tenant-order";
import { canViewRestoreHistory, type MembershipRole } from "../../lib/recovery/vocabulary";
import { encodeFleetCursor, type FleetQuery } from "../../lib/search-params/fleet";

export interface FleetEntry {
  row: FleetRow;
  /** The row's place in the default order, computed once (the sort compares it ~n log n times). */
  key: TenantOrderKey;
  /** The assessment's Needs Attention items (the page shows them with its rows). */
  needsAttention: TenantAssessment["needsAttention"];
  canViewRestoreHistory: boolean;
}

/**
 * Every tenant of the user, assessed at `now` by the one tenant assessment (with the role's view of
 * restore history, as the per-tenant APIs do), in the §10 default order. One statement.
 */
export async function readFleet(userId: string, now: Date, db?: Executor, tenantIds?: number[]): Promise<FleetEntry[]> {
  const inputs = await getFleetInputs(userId, db, { tenantIds });
  const entries = inputs.map((i) => {
    const canView = canViewRestoreHistory(i.role);
    const assessment = assessTenant(i, { now, canViewRestoreHistory: canView });
    const row = toFleetRow(i.tenant, i.role, assessment);
    return { row, key: fleetSortKey(row), needsAttention: assessment.needsAttention, canViewRestoreHistory: canView };
  });
  return entries.sort((a, b) => compareTenantsWorstFirst(a.key, b.key));
}

/** One tenant as the fleet ranks it: what orders, filters and counts it, and its full entry once assessed. */
export interface RankedTenant {
  rank: FleetRankRow;
  key: TenantOrderKey;
  role: MembershipRole;
  entry?: FleetEntry;
}

export interface FleetRead {
  /** Every tenant of the user, in the §10 default order. */
  ranked: RankedTenant[];
  now: Date;
  /** The read handle's instant and source (db/read-handle.ts): the data is as of `asOf`. */
  read: { asOf: Date; source: ReadSource };
  userId: string;
  db: Executor;
}

const ranked = (entries: FleetEntry[]): RankedTenant[] =>
  entries.map((e) => ({ rank: rankRowOf(e.row), key: e.key, role: e.row.role, entry: e }));

/**
 * Every tenant ranked at `now`: from the stored rank schedules (one statement, no assessment), or — when a
 * tenant has none that is current — by assessing every tenant (readFleet). Decision 0020.
 */
export async function rankFleet(userId: string, now: Date, db: Executor): Promise<RankedTenant[]> {
  const ranks = await getFleetRanks(userId, now.getTime(), db);
  if (ranks.some((r) => r.signature === null)) return ranked(await readFleet(userId, now, db));
  const out = ranks.map((r): RankedTenant => {
    const rank: FleetRankRow = { tenantId: r.tenantId, name: r.name, latestRelevantRestoreAt: r.latestRelevantRestoreAt, ...r.signature! };
    return { rank, key: rankKey(rank), role: r.role };
  });
  return out.sort((a, b) => compareTenantsWorstFirst(a.key, b.key));
}

const inFlight = new Map<string, Promise<FleetRead>>();

/**
 * rankFleet at the current instant, with request coalescing: requests for the same operator's fleet that
 * arrive while one read is running share it (and its `now`, taken when that read started — moments
 * earlier, and reported as the computed-at instant). Nothing is kept once the read settles: this is not
 * a cache, every result is computed during the request that receives it.
 */
export function readFleetNow(userId: string): Promise<FleetRead> {
  const running = inFlight.get(userId);
  if (running) return running;
  const now = new Date();
  const read = readHandle()
    .then(async (h) => ({ ranked: await rankFleet(userId, now, h.db), now, read: { asOf: h.asOf, source: h.source }, userId, db: h.db }))
    .finally(() => inFlight.delete(userId));
  inFlight.set(userId, read);
  return read;
}

export interface FleetResult {
  /** The page (or, for exports, every match), assessed in full. */
  entries: FleetEntry[];
  /** Counts over every tenant matching the filters (not only this page). */
  counts: FleetCounts;
  nextCursor: string | null;
  /** Tenants of the operator before filtering. */
  fleetSize: number;
}

let mismatchReported = false;

/**
 * The full entries of the chosen tenants, assessed at the read's `now` (one statement), each checked
 * against the rank it was chosen by. A mismatch (evidence written between the two statements, or a
 * schedule that no longer fits the assessment) returns null: the caller then assesses the whole fleet.
 */
async function assessChosen(read: FleetRead, chosen: RankedTenant[]): Promise<FleetEntry[] | null> {
  const missing = chosen.filter((c) => !c.entry).map((c) => c.rank.tenantId);
  if (missing.length === 0) return chosen.map((c) => c.entry!);
  // Every tenant (an export of an unfiltered fleet): the membership range alone, no id list.
  const ids = missing.length === read.ranked.length ? undefined : missing;
  const byId = new Map((await readFleet(read.userId, read.now, read.db, ids)).map((e) => [e.row.tenantId, e]));
  const out: FleetEntry[] = [];
  for (const c of chosen) {
    const e = c.entry ?? byId.get(c.rank.tenantId);
    const full = e && rankRowOf(e.row);
    const fits = full && sameRankSignature(full, c.rank) && full.latestRelevantRestoreAt === c.rank.latestRelevantRestoreAt && full.name === c.rank.name;
    if (!fits) {
      if (!mismatchReported) console.warn(`fleet: tenant ${c.rank.tenantId}'s stored rank differs from its assessment; assessing the whole fleet`);
      mismatchReported = true;
      return null;
    }
    out.push(e);
  }
  return out;
}

export async function selectFleet(read: FleetRead, query: FleetQuery, opts: { paged: boolean }): Promise<FleetResult> {
  const matching = read.ranked.filter((r) => matchesFleetFilter(r.rank, query.filter));
  const counts = fleetCounts(matching.map((r) => r.rank));
  const page = opts.paged ? fleetPage(matching, { after: query.after, limit: query.limit }) : { items: matching, next: null };
  const entries = await assessChosen(read, page.items);
  if (!entries) {
    const all = ranked(await readFleet(read.userId, read.now, read.db));
    return selectFleet({ ...read, ranked: all }, query, opts);
  }
  return { entries, counts, nextCursor: page.next ? encodeFleetCursor(page.next) : null, fleetSize: read.ranked.length };
}
