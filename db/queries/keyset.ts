import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { ListCursor, ListKey, PageDirection, SortOrder } from "../../lib/search-params/cursor";

/**
 * Keyset (cursor) paging shared by the list queries. No OFFSET: every page is an index range scan that
 * starts at the cursor, so page N costs the same as page 1 whatever the tenant's history size.
 *
 * An ordering is a list of *segments* in display order. Each segment is a contiguous run of rows that
 * one index range serves; its ORDER BY repeats the full index order so the planner matches the index.
 * `completed_at desc nulls last, id desc` has two segments (rows with a completion time, then rows
 * without one), because a row comparison `(completed_at, id) < (…)` never matches NULL.
 */


export interface Segment {
  where: SQL | undefined;
  /** Display order. */
  orderBy: SQL[];
  /** Exact reverse of `orderBy` (a backward scan of the same index). */
  reverseOrderBy: SQL[];
  /** Rows strictly after / before `key` in display order, within this segment. */
  after: (key: ListKey) => SQL;
  before: (key: ListKey) => SQL;
  /** Whether a row with this key belongs to this segment. */
  contains: (key: ListKey) => boolean;
}

export interface KeysetPage<T> {
  rows: T[];
  hasPrevious: boolean;
  hasNext: boolean;
}

/** The instant of a timestamptz column as text with microseconds, for exact cursors (JS Dates keep ms). */
export function exactInstant(column: PgColumn): SQL<string | null> {
  return sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The equality columns the scope pins (e.g. `tenant_id`, `attention_state`) lead every ORDER BY, exactly as
 * they lead the index. They change nothing in the result, but without them PostgreSQL may walk the primary
 * key for `order by id` and discard other tenants' rows on the way (measured: 260,898 rows for one deep
 * page at 1M runs); with them only the tenant's index range can serve the order.
 */
function prefixed(prefix: PgColumn[], forward: boolean, rest: SQL[]): SQL[] {
  return [...prefix.map((c) => (forward ? sql`${c} asc` : sql`${c} desc`)), ...rest];
}

/** `id desc` (or its reverse), served by an index `(…prefix, id desc)`. */
export function idOrdering(id: PgColumn, order: SortOrder, prefix: PgColumn[] = []): Segment[] {
  const desc = order === "desc";
  return [
    {
      where: undefined,
      orderBy: prefixed(prefix, desc, [desc ? sql`${id} desc` : sql`${id} asc`]),
      reverseOrderBy: prefixed(prefix, !desc, [desc ? sql`${id} asc` : sql`${id} desc`]),
      after: (k) => (desc ? sql`${id} < ${k.id}` : sql`${id} > ${k.id}`),
      before: (k) => (desc ? sql`${id} > ${k.id}` : sql`${id} < ${k.id}`),
      contains: () => true,
    },
  ];
}

/**
 * `completed_at desc nulls last, id desc` (the index order) or its exact reverse
 * `completed_at asc nulls first, id asc`.
 */
export function completedOrdering(completedAt: PgColumn, id: PgColumn, order: SortOrder, prefix: PgColumn[] = []): Segment[] {
  const indexOrder = prefixed(prefix, true, [sql`${completedAt} desc nulls last`, sql`${id} desc`]);
  const reverseIndexOrder = prefixed(prefix, false, [sql`${completedAt} asc nulls first`, sql`${id} asc`]);
  const desc = order === "desc";
  const instant = (k: ListKey) => sql`${k.completedAt ?? null}::timestamptz`;
  // Within the completed segment, "later in index order" is a smaller (completed_at, id) tuple.
  const completedLater = (k: ListKey) => sql`(${completedAt}, ${id}) < (${instant(k)}, ${k.id})`;
  const completedEarlier = (k: ListKey) => sql`(${completedAt}, ${id}) > (${instant(k)}, ${k.id})`;
  const openLater = (k: ListKey) => sql`${id} < ${k.id}`;
  const openEarlier = (k: ListKey) => sql`${id} > ${k.id}`;

  const completed: Segment = {
    where: sql`${completedAt} is not null`,
    orderBy: desc ? indexOrder : reverseIndexOrder,
    reverseOrderBy: desc ? reverseIndexOrder : indexOrder,
    after: desc ? completedLater : completedEarlier,
    before: desc ? completedEarlier : completedLater,
    contains: (k) => typeof k.completedAt === "string",
  };
  const open: Segment = {
    where: sql`${completedAt} is null`,
    orderBy: desc ? indexOrder : reverseIndexOrder,
    reverseOrderBy: desc ? reverseIndexOrder : indexOrder,
    after: desc ? openLater : openEarlier,
    before: desc ? openEarlier : openLater,
    contains: (k) => k.completedAt === null,
  };
  return desc ? [completed, open] : [open, completed];
}

export type SegmentFetch<T> = (where: SQL | undefined, orderBy: SQL[], limit: number) => Promise<T[]>;

/** Up to `limit` rows strictly after (or before) `key`, walking segments; returned in display order. */
async function walk<T>(
  segments: Segment[],
  fetch: SegmentFetch<T>,
  direction: PageDirection,
  key: ListKey | null,
  limit: number,
): Promise<T[]> {
  const rows: T[] = [];
  const forward = direction === "after";
  let start: number;
  if (key === null) start = forward ? 0 : segments.length - 1;
  else start = segments.findIndex((s) => s.contains(key));
  if (start < 0) return rows;
  for (let i = start; forward ? i < segments.length : i >= 0; i += forward ? 1 : -1) {
    const segment = segments[i]!;
    const bound = key !== null && i === start ? (forward ? segment.after(key) : segment.before(key)) : undefined;
    const got = await fetch(and(segment.where, bound), forward ? segment.orderBy : segment.reverseOrderBy, limit - rows.length);
    rows.push(...got);
    if (rows.length >= limit) break;
  }
  return forward ? rows : rows.reverse();
}

/**
 * One page: the first page, the page after a cursor (next) or the page before it (previous).
 * `hasPrevious`/`hasNext` are exact (one extra row, or a one-row probe on the other side).
 * A previous page that comes back short (rows were added or removed) is replaced by the first page.
 */
export async function keysetPage<T>(opts: {
  segments: Segment[];
  cursor: ListCursor | null;
  pageSize: number;
  fetch: SegmentFetch<T>;
  keyOf: (row: T) => ListKey;
}): Promise<KeysetPage<T>> {
  const { segments, cursor, pageSize, fetch, keyOf } = opts;
  const probe = async (direction: PageDirection, key: ListKey) => (await walk(segments, fetch, direction, key, 1)).length > 0;

  if (cursor === null || !segments.some((s) => s.contains(cursor.key))) {
    const rows = await walk(segments, fetch, "after", null, pageSize + 1);
    return { rows: rows.slice(0, pageSize), hasPrevious: false, hasNext: rows.length > pageSize };
  }

  if (cursor.direction === "after") {
    const rows = await walk(segments, fetch, "after", cursor.key, pageSize + 1);
    const page = rows.slice(0, pageSize);
    const first = page[0];
    return {
      rows: page,
      hasPrevious: await probe("before", first ? keyOf(first) : cursor.key),
      hasNext: rows.length > pageSize,
    };
  }

  const rows = await walk(segments, fetch, "before", cursor.key, pageSize + 1);
  if (rows.length < pageSize + 1) {
    // Fewer rows before the cursor than a full page plus one: this is (or has become) the first page.
    const firstPage = await walk(segments, fetch, "after", null, pageSize + 1);
    return { rows: firstPage.slice(0, pageSize), hasPrevious: false, hasNext: firstPage.length > pageSize };
  }
  const page = rows.slice(rows.length - pageSize);
  const last = page[page.length - 1]!;
  return { rows: page, hasPrevious: true, hasNext: await probe("after", keyOf(last)) };
}
