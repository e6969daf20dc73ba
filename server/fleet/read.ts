import "server-only";
import { getDb, type Executor } from "../../db/client";
import { getFleetInputs, getFleetRankPage, getFleetRanks } from "../../db/queries/fleet";
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
import { sameRankSignature } from "../../lib/recovery/fleet-schedule";
import { fleetDistribution, type FleetDistribution } from "../../lib/recovery/fleet-distribution";
import { compareTenantsWorstFirst, type TenantOrderKey } from "../../lib/recovery/tenant-order";
import { canViewRestoreHistory } from "../../lib/recovery/vocabulary";
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
  entry?: FleetEntry;
}

const rankedFromEntries = (entries: FleetEntry[], now: Date): RankedTenant[] =>
  entries.map((e) => ({ rank: rankRowOf(e.row, now), key: e.key, entry: e }));

const inFlight = new Map<string, Promise<{ entries: FleetEntry[]; now: Date }>>();

/**
 * readFleet of every tenant, with request coalescing: requests for the same operator's whole fleet that
 * arrive while one read is running share it, and its `now` (taken when that read started — moments
 * earlier; reported as the computed-at instant). Nothing is kept once the read settles: not a cache.
 * Without it, ten concurrent exports of one MSP owner ran ten 5,000-tenant reads at once on a 256 MB heap.
 */
function readWholeFleet(ctx: Ctx): Promise<{ entries: FleetEntry[]; now: Date }> {
  const key = `${ctx.db === getDb() ? "primary" : "other"} ${ctx.userId}`;
  const running = ctx.coalesce ? inFlight.get(key) : undefined;
  if (running) return running;
  const now = ctx.now;
  const read = readFleet(ctx.userId, now, ctx.db).then((entries) => ({ entries, now }));
  if (!ctx.coalesce) return read;
  const shared = read.finally(() => inFlight.delete(key));
  inFlight.set(key, shared);
  return shared;
}

export interface FleetResult {
  /** The page (or, for exports, every match), assessed in full. */
  entries: FleetEntry[];
  /** Counts over every tenant matching the filters (not only this page). */
  counts: FleetCounts;
  nextCursor: string | null;
  /** Tenants of the operator before filtering. */
  fleetSize: number;
  /** The whole fleet's distribution (whatever the filter), at the same instant. */
  distribution: FleetDistribution;
}

export interface FleetView extends FleetResult {
  now: Date;
  /** The read handle's instant and source (db/read-handle.ts): the data is as of `asOf`. */
  read: { asOf: Date; source: ReadSource };
}

export interface Ctx {
  userId: string;
  now: Date;
  db: Executor;
  /** Share a running whole-fleet read of the same operator (requests; tests pass an explicit `now`). */
  coalesce?: boolean;
}

let mismatchReported = false;

/**
 * The full entries of the chosen tenants, assessed at `now` (one statement), each checked against the rank
 * it was chosen by. A difference (evidence written between the statements, or a schedule that no longer
 * fits the assessment) returns null: the caller then assesses the whole fleet.
 */
async function assessChosen(ctx: Ctx, chosen: RankedTenant[]): Promise<FleetEntry[] | null> {
  const missing = chosen.filter((c) => !c.entry).map((c) => c.rank.tenantId);
  if (missing.length === 0) return chosen.map((c) => c.entry!);
  const byId = new Map((await readFleet(ctx.userId, ctx.now, ctx.db, missing)).map((e) => [e.row.tenantId, e]));
  const out: FleetEntry[] = [];
  for (const c of chosen) {
    const e = c.entry ?? byId.get(c.rank.tenantId);
    const full = e && rankRowOf(e.row, ctx.now);
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

/** Filter, count, order and page rank rows in memory (the name search, and the whole-fleet path). */
async function selectInMemory(ctx: Ctx, all: RankedTenant[], query: FleetQuery, opts: { paged: boolean }): Promise<FleetResult | null> {
  const sorted = all.every((r) => r.entry) ? all : [...all].sort((a, b) => compareTenantsWorstFirst(a.key, b.key));
  const matching = sorted.filter((r) => matchesFleetFilter(r.rank, query.filter));
  const page = opts.paged ? fleetPage(matching, { after: query.after, limit: query.limit }) : { items: matching, next: null };
  const entries = await assessChosen(ctx, page.items);
  if (!entries) return null;
  return {
    entries,
    counts: fleetCounts(matching.map((r) => r.rank)),
    nextCursor: page.next ? encodeFleetCursor(page.next) : null,
    fleetSize: all.length,
    distribution: fleetDistribution(all.map((r) => r.rank), ctx.now),
  };
}

/** A page from the database's ranking: the page's tenants, the groups for the counts and the distribution. */
async function selectInDatabase(ctx: Ctx, query: FleetQuery): Promise<FleetResult | null> {
  const { q: _q, ...filter } = query.filter;
  const ranked = await getFleetRankPage(ctx.userId, ctx.now.getTime(), { filter, after: query.after, limit: query.limit }, ctx.db);
  if (!ranked) return null;
  const items = ranked.page.slice(0, query.limit).map((rank): RankedTenant => ({ rank, key: rankKey(rank) }));
  const entries = await assessChosen(ctx, items);
  if (!entries) return null;
  const more = ranked.page.length > query.limit && items.length > 0;
  const groups = ranked.groups.map((g) => ({ ...g, name: "", latestRelevantRestoreAt: null }));
  return {
    entries,
    counts: fleetCounts(groups.filter((g) => matchesFleetFilter(g, filter))),
    nextCursor: more ? encodeFleetCursor(items[items.length - 1]!.key) : null,
    fleetSize: groups.reduce((n, g) => n + g.n, 0),
    distribution: fleetDistribution(groups, ctx.now),
  };
}

/**
 * The operator's fleet at the current instant, filtered and paged (or every match, for exports). A page is
 * ranked by the database from the stored rank schedules (decision 0020) and only its tenants are assessed
 * in full; a name search ranks the schedules in memory; an export, a tenant without a current schedule, or
 * a page row whose assessment differs from its rank assesses every tenant (readFleet).
 */
export async function fleetView(userId: string, query: FleetQuery, opts: { paged: boolean }): Promise<FleetView> {
  const h = await readHandle();
  const { now, ...result } = await fleetAt({ userId, now: new Date(), db: h.db, coalesce: true }, query, opts);
  return { ...result, now, read: { asOf: h.asOf, source: h.source } };
}

/**
 * fleetView's work on a given handle at a given instant (`path` names the way it was answered, for tests;
 * `now` is the instant it was computed at: a coalesced whole-fleet read's, if it joined one).
 */
export async function fleetAt(ctx: Ctx, query: FleetQuery, opts: { paged: boolean }): Promise<FleetResult & { path: "database" | "memory" | "whole"; now: Date }> {
  if (opts.paged && query.filter.q === undefined) {
    const result = await selectInDatabase(ctx, query);
    if (result) return { ...result, path: "database", now: ctx.now };
  } else if (opts.paged) {
    const ranks = await getFleetRanks(ctx.userId, ctx.now.getTime(), ctx.db);
    const result = ranks && (await selectInMemory(ctx, ranks.map((rank) => ({ rank, key: rankKey(rank) })), query, opts));
    if (result) return { ...result, path: "memory", now: ctx.now };
  }
  const { entries, now } = await readWholeFleet(ctx);
  const at = { ...ctx, now };
  const whole = await selectInMemory(at, rankedFromEntries(entries, now), query, opts);
  if (!whole) throw new Error("fleet: the whole fleet's own entries did not fit their ranks");
  return { ...whole, path: "whole", now };
}
