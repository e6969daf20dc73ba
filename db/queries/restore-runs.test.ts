/**
 * Keyset paging of the restore-run list: walking next and previous in every ordering visits every row
 * exactly once and in the index order; the attention filter returns exactly the runs in that state;
 * and a tenant's pages never contain another tenant's runs, whatever cursor is supplied.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import { ATTENTION_STATES, type AttentionState } from "../../lib/recovery/vocabulary";
import { closeDb, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { importDataset, parseDataset } from "../import/importer";
import { listBackupSets } from "./backup-sets";
import type { ListCursor, ListKey, SortOrder } from "../../lib/search-params/cursor";
import { effectiveRestoreRunSort, type RestoreRunSortKey as RestoreRunSort } from "../../lib/search-params/restore-runs";
import { listRestoreRuns } from "./restore-runs";

const NOW = Date.parse("2025-06-01T12:00:00.000Z");
const HOUR = 3_600_000;
const PAGE = 7;

type Json = Record<string, unknown>;
const applied = { items: [{ key: "p:1", status: "applied" }] };

/** Deterministic variety: ties in completed_at, null completed_at, every attention state, two tenants. */
function buildDataset() {
  const tenants = [
    { id: 1, name: "Alpha", slug: "alpha" },
    { id: 2, name: "Beta", slug: "beta" },
  ];
  const operation_runs = [
    { id: 900, tenant_id: 1, type: "restore.execute", status: "completed", outcome: "partially_succeeded" },
    { id: 901, tenant_id: 2, type: "restore.execute", status: "completed", outcome: "succeeded" },
  ];
  const restore_runs: Json[] = [];
  const shapes: { status: string; dry?: boolean; results?: unknown; metadata?: unknown; op?: number }[] = [
    { status: "completed", results: applied },
    { status: "failed", results: applied },
    { status: "partial", results: applied },
    { status: "completed", results: { items: [{ key: "p:1", status: "skipped" }] } },
    { status: "previewed", dry: true },
    { status: "running" },
    { status: "completed", results: applied, op: 900 },
    { status: "rolled_back", results: applied },
    { status: "completed", results: "malformed", metadata: "n/a" },
  ];
  let id = 0;
  for (const tenantId of [1, 2]) {
    const count = tenantId === 1 ? 61 : 23;
    for (let i = 0; i < count; i++) {
      id += 1;
      const shape = shapes[(i * 5 + tenantId) % shapes.length]!;
      // Every fourth run has no completion time; others share a handful of instants (many ties).
      const completed = i % 4 === 3 ? null : new Date(NOW - ((i * 7) % 9) * HOUR).toISOString();
      restore_runs.push({
        id: tenantId === 1 ? 5000 - id * 3 : 100 + id, // ids not in insertion order
        tenant_id: tenantId,
        backup_set_id: null,
        operation_run_id: shape.op !== undefined && tenantId === 1 ? shape.op : null,
        status: shape.status,
        is_dry_run: shape.dry ?? false,
        results: shape.results ?? null,
        metadata: shape.metadata ?? null,
        created_at: new Date(NOW - 48 * HOUR + i * 1000).toISOString(),
        completed_at: completed,
        archived_at: i % 10 === 0 ? new Date(NOW).toISOString() : null,
      });
    }
  }
  const backup_sets = Array.from({ length: 30 }, (_, i) => ({
    id: 300 + i,
    tenant_id: i % 3 === 0 ? 2 : 1,
    name: `Set ${i}`,
    status: i % 5 === 0 ? "running" : "completed",
    completed_at: i % 5 === 0 ? null : new Date(NOW - (i % 4) * HOUR).toISOString(),
    created_at: new Date(NOW - 72 * HOUR).toISOString(),
  }));
  return { tenants, operation_runs, restore_runs, backup_sets };
}

interface Row {
  id: number;
  tenantId: number;
  completedAt: bigint | null; // microseconds since epoch, exact
}

let db: Database;
let rowsByTenant: Map<number, Row[]>;
let stateById: Map<number, AttentionState>;

beforeAll(async () => {
  db = await resetTestDb();
  const raw = buildDataset();
  await importDataset(db, parseDataset(raw).dataset);
  // Sub-millisecond ties: JS Dates keep milliseconds, timestamptz keeps microseconds; cursors must be exact.
  await db.execute(
    sql`update restore_runs set completed_at = completed_at + ((id / 28) % 3) * interval '1 microsecond' where completed_at is not null`,
  );
  const result = await db.execute(
    sql`select id, tenant_id, (extract(epoch from completed_at) * 1000000)::bigint as us from restore_runs`,
  );
  const list = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    id: number;
    tenant_id: number;
    us: string | number | bigint | null;
  }[];
  rowsByTenant = new Map();
  for (const r of list) {
    const row = { id: Number(r.id), tenantId: Number(r.tenant_id), completedAt: r.us === null ? null : BigInt(r.us) };
    rowsByTenant.set(row.tenantId, [...(rowsByTenant.get(row.tenantId) ?? []), row]);
  }
  const ops = new Map(raw.operation_runs.map((o) => [o.id, o.outcome]));
  stateById = new Map(
    raw.restore_runs.map((r) => {
      const outcome = r.operation_run_id === null ? undefined : ops.get(r.operation_run_id as number);
      const attention = resolveResultAttention(
        { status: r.status as string, isDryRun: r.is_dry_run as boolean, results: r.results, metadata: r.metadata },
        outcome === undefined ? null : { outcome },
      );
      return [r.id as number, attention.state];
    }),
  );
});

afterAll(async () => {
  await closeDb();
});

/** The expected order, written independently of the SQL: exactly the index order or its reverse. */
function expectedOrder(rows: Row[], sort: RestoreRunSort, order: SortOrder): number[] {
  const byIdDesc = (a: Row, b: Row) => b.id - a.id;
  const sorted = [...rows].sort((a, b) => {
    if (sort === "id") return byIdDesc(a, b);
    // completed_at desc nulls last, id desc
    if (a.completedAt === null && b.completedAt === null) return byIdDesc(a, b);
    if (a.completedAt === null) return 1;
    if (b.completedAt === null) return -1;
    if (a.completedAt !== b.completedAt) return a.completedAt > b.completedAt ? -1 : 1;
    return byIdDesc(a, b);
  });
  return (order === "desc" ? sorted : sorted.reverse()).map((r) => r.id);
}

async function page(tenantId: number, sort: RestoreRunSort, order: SortOrder, cursor: ListCursor | null, state: AttentionState | null = null) {
  return listRestoreRuns({ tenantId, state, sort, order, cursor, pageSize: PAGE }, db);
}

/** Walk forward with `after` to the end, then back with `before` to the start. */
async function walkBothWays(tenantId: number, sort: RestoreRunSort, order: SortOrder, state: AttentionState | null = null) {
  const forward: { ids: number[]; first: ListKey; last: ListKey; hasPrevious: boolean; hasNext: boolean }[] = [];
  let cursor: ListCursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const p = await page(tenantId, sort, order, cursor, state);
    if (p.rows.length === 0) break;
    forward.push({
      ids: p.rows.map((r) => r.run.id),
      first: p.rows[0]!.key,
      last: p.rows[p.rows.length - 1]!.key,
      hasPrevious: p.hasPrevious,
      hasNext: p.hasNext,
    });
    if (!p.hasNext) break;
    cursor = { direction: "after", key: p.rows[p.rows.length - 1]!.key };
  }
  const backward: number[][] = [];
  let back: ListCursor | null = forward.length > 1 ? { direction: "before", key: forward[forward.length - 1]!.first } : null;
  for (let guard = 0; back && guard < 100; guard++) {
    const p = await page(tenantId, sort, order, back, state);
    backward.unshift(p.rows.map((r) => r.run.id));
    back = p.hasPrevious ? { direction: "before", key: p.rows[0]!.key } : null;
  }
  return { forward, backward };
}

const ORDERINGS: [RestoreRunSort, SortOrder][] = [
  ["id", "desc"],
  ["id", "asc"],
  ["completed_at", "desc"],
  ["completed_at", "asc"],
];

describe("listRestoreRuns keyset paging", () => {
  it("the fixture has ties, nulls and sub-millisecond differences", () => {
    const rows = rowsByTenant.get(1)!;
    const instants = rows.flatMap((r) => (r.completedAt === null ? [] : [r.completedAt]));
    expect(rows.some((r) => r.completedAt === null)).toBe(true);
    expect(new Set(instants).size).toBeLessThan(instants.length);
    const ms = new Set(instants.map((us) => us / 1000n));
    expect(new Set(instants).size).toBeGreaterThan(ms.size);
  });

  it.each(ORDERINGS)("sort %s %s: next pages cover every run once, in index order", async (sort, order) => {
    const { forward } = await walkBothWays(1, sort, order);
    const ids = forward.flatMap((p) => p.ids);
    expect(ids).toEqual(expectedOrder(rowsByTenant.get(1)!, sort, order));
    expect(new Set(ids).size).toBe(ids.length);
    expect(forward.length).toBe(Math.ceil(ids.length / PAGE));
    forward.forEach((p, i) => {
      expect(p.ids.length).toBe(i < forward.length - 1 ? PAGE : ids.length - PAGE * (forward.length - 1));
      expect(p.hasPrevious).toBe(i > 0);
      expect(p.hasNext).toBe(i < forward.length - 1);
    });
  });

  it.each(ORDERINGS)("sort %s %s: previous pages retrace the next pages exactly", async (sort, order) => {
    const { forward, backward } = await walkBothWays(1, sort, order);
    // Walking back from the last page yields every earlier page, identical to the way forward.
    expect(backward).toEqual(forward.slice(0, -1).map((p) => p.ids));
  });

  it("an empty page past the end still links back, and a short previous page becomes the first page", async () => {
    const all = expectedOrder(rowsByTenant.get(1)!, "id", "desc");
    const past = await page(1, "id", "desc", { direction: "after", key: { id: all[all.length - 1]! } });
    expect(past.rows).toEqual([]);
    expect(past.hasPrevious).toBe(true);
    expect(past.hasNext).toBe(false);
    const short = await page(1, "id", "desc", { direction: "before", key: { id: all[2]! } });
    expect(short.rows.map((r) => r.run.id)).toEqual(all.slice(0, PAGE));
    expect(short.hasPrevious).toBe(false);
  });

  it.each(ATTENTION_STATES)("filter %s returns exactly the runs in that state, ordered by id", async (state) => {
    for (const order of ["desc", "asc"] as const) {
      // A completed-at sort request is served in id order while filtering (the attention index).
      expect(effectiveRestoreRunSort({ state, sort: "completed_at" })).toBe("id");
      const { forward, backward } = await walkBothWays(1, "completed_at", order, state);
      const ids = forward.flatMap((p) => p.ids);
      const expected = rowsByTenant
        .get(1)!
        .filter((r) => stateById.get(r.id) === state)
        .map((r) => r.id)
        .sort((a, b) => (order === "desc" ? b - a : a - b));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids).toEqual(expected);
      expect(backward).toEqual(forward.slice(0, -1).map((p) => p.ids));
    }
  });

  it("tenant isolation: pages hold only the tenant's runs, whatever the cursor", async () => {
    const beta = rowsByTenant.get(2)!;
    for (const [sort, order] of ORDERINGS) {
      const { forward } = await walkBothWays(2, sort, order);
      expect(forward.flatMap((p) => p.ids)).toEqual(expectedOrder(beta, sort, order));
    }
    const alphaIds = new Set(rowsByTenant.get(1)!.map((r) => r.id));
    // A cursor taken from the other tenant's run only positions the page; rows stay the tenant's own.
    for (const foreign of rowsByTenant.get(1)!.slice(0, 5)) {
      for (const direction of ["after", "before"] as const) {
        const p = await page(2, "id", "desc", { direction, key: { id: foreign.id } });
        expect(p.rows.every((r) => r.run.tenantId === 2 && !alphaIds.has(r.run.id))).toBe(true);
      }
    }
    const none = await page(999, "id", "desc", null);
    expect(none).toEqual({ rows: [], hasPrevious: false, hasNext: false });
  });

  it("recomputes nothing from the cache: the cache agrees with the resolver for every row", async () => {
    const p = await page(1, "id", "desc", null);
    for (const r of p.rows) expect(r.run.attentionState).toBe(stateById.get(r.run.id));
  });
});

describe("listBackupSets keyset paging", () => {
  it("pages a tenant's sets newest completion first, nulls last, both ways, and only that tenant's", async () => {
    const result = await db.execute(sql`select id, completed_at from backup_sets where tenant_id = 1`);
    const rows = ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number; completed_at: string | Date | null }[]).map(
      (r) => ({ id: Number(r.id), tenantId: 1, completedAt: r.completed_at === null ? null : BigInt(new Date(r.completed_at).getTime()) * 1000n }),
    );
    const expected = expectedOrder(rows, "completed_at", "desc");
    const seen: number[] = [];
    let cursor: ListCursor | null = null;
    const firsts: ListKey[] = [];
    for (let guard = 0; guard < 50; guard++) {
      const p = await listBackupSets({ tenantId: 1, cursor, pageSize: 4 }, db);
      seen.push(...p.rows.map((r) => r.set.id));
      expect(p.rows.every((r) => r.set.tenantId === 1)).toBe(true);
      firsts.push(p.rows[0]!.key);
      if (!p.hasNext) break;
      cursor = { direction: "after", key: p.rows[p.rows.length - 1]!.key };
    }
    expect(seen).toEqual(expected);
    const back = await listBackupSets({ tenantId: 1, cursor: { direction: "before", key: firsts[firsts.length - 1]! }, pageSize: 4 }, db);
    expect(back.rows.map((r) => r.set.id)).toEqual(seen.slice((firsts.length - 2) * 4, (firsts.length - 1) * 4));
  });
});
