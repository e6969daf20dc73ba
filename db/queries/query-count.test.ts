/**
 * A request costs a fixed number of SQL statements, whatever the tenant's history size (issue 5, target
 * "a fixed number of SQL queries per request"). The same tenant is loaded with a short and a 25× longer
 * history by the load generator, and the dashboard's evidence inputs and the restore-run list (first
 * page, a deep page, a filtered page, the completed-at ordering) are counted through the shared hook
 * in db/query-counter.ts. The counts must be equal at both sizes and equal to the small constants below.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { BENCH_USER, generateLoad } from "../../bench/load/generate";
import { fleetAt, readFleet } from "../../server/fleet/read";
import { countQueries } from "../query-counter";
import { restoreRuns } from "../schema";
import type { ListCursor } from "../../lib/search-params/cursor";
import { historyStripWindow } from "../../lib/recovery/history-strip";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";
import { getHistoryStripGroups } from "./history-strip";
import { listRestoreRuns, RESTORE_RUN_PAGE_SIZE } from "./restore-runs";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const TENANT = 2;
const SIZES = { small: 60, large: 1500 } as const;

/**
 * Statements per call. Changing a query's shape may change these; growing with the history may not.
 * evidence: one statement (tenant row, backup-health representatives as JSON, latest relevant run by LATERAL).
 * historyStrip: one statement (the 90-day window's per-day groups of backups and restore runs), so the
 * dashboard with the strip costs evidence + historyStrip whatever the history.
 * list, first page: one index range scan (page + 1 rows). list after a cursor: the page, then a
 * one-row probe for "is there a previous page".
 */
const EXPECTED = {
  evidence: 1,
  historyStrip: 1,
  listFirstPage: 1,
  listDeepPage: 2,
  listFiltered: 1,
  listCompletedFirstPage: 1,
  listCompletedSecondPage: 2,
  // The fleet (§10) assessed in full (exports): one statement over the operator's memberships, each
  // tenant's projected inputs by primary key.
  fleet: 1,
  // A fleet page: the page and the rank groups from the stored schedules (one statement), then the page's
  // tenants in full.
  fleetPage: 2,
} as const;
type Measure = keyof typeof EXPECTED;

let db: Database;
const counts: Record<keyof typeof SIZES, Partial<Record<Measure, { count: number; statements: string[] }>>> = {
  small: {},
  large: {},
};

async function measure(size: keyof typeof SIZES): Promise<void> {
  await generateLoad(db, {
    tenants: 3,
    runsPerTenant: SIZES[size],
    seed: 11,
    now: NOW,
    distribution: "uniform",
    replace: true,
    vacuum: false,
    // Keep the per-row foreign-key checks: the test must not depend on superuser rights.
    skipForeignKeyTriggers: false,
  });
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(restoreRuns)
    .where(eq(restoreRuns.tenantId, TENANT));
  expect(n).toBe(SIZES[size]);

  // The deep page: the cursor is the run 10 places before the oldest, in the default (id desc) order.
  const [deep] = await db
    .select({ id: restoreRuns.id })
    .from(restoreRuns)
    .where(eq(restoreRuns.tenantId, TENANT))
    .orderBy(desc(restoreRuns.id))
    .offset(SIZES[size] - 11)
    .limit(1);
  const deepCursor: ListCursor = { direction: "after", key: { id: deep!.id } };

  const out = counts[size];
  const record = async (name: Measure, work: () => Promise<unknown>) => {
    const { count, statements } = await countQueries(work);
    out[name] = { count, statements };
  };

  await record("evidence", async () => expect(await getRecoveryEvidenceInputs(TENANT)).not.toBeNull());
  await record("historyStrip", async () =>
    expect(await getHistoryStripGroups(TENANT, historyStripWindow(NOW), { includeRestores: true })).not.toHaveLength(0),
  );
  await record("fleet", async () => expect(await readFleet(BENCH_USER.id, NOW)).toHaveLength(3));
  await record("fleetPage", async () => {
    const page = await fleetAt({ userId: BENCH_USER.id, now: NOW, db }, { filter: {}, limit: 2, after: null }, { paged: true });
    expect(page.path).toBe("database");
    expect(page.entries).toHaveLength(2);
  });
  await record("listFirstPage", async () => {
    const page = await listRestoreRuns({ tenantId: TENANT, state: null, sort: "id", order: "desc", cursor: null });
    expect(page.rows).toHaveLength(RESTORE_RUN_PAGE_SIZE);
  });
  await record("listDeepPage", async () => {
    const page = await listRestoreRuns({ tenantId: TENANT, state: null, sort: "id", order: "desc", cursor: deepCursor });
    expect(page.rows).toHaveLength(10);
    expect(page.hasNext).toBe(false);
  });
  await record("listFiltered", () =>
    listRestoreRuns({ tenantId: TENANT, state: "completed", sort: "id", order: "desc", cursor: null }),
  );
  let secondPageCursor: ListCursor | null = null;
  await record("listCompletedFirstPage", async () => {
    const page = await listRestoreRuns({ tenantId: TENANT, state: null, sort: "completed_at", order: "desc", cursor: null });
    const last = page.rows[page.rows.length - 1]!;
    // Page 2 still lies among completed runs at both sizes (the tenant has more than 2 pages of them).
    expect(last.key.completedAt).not.toBeNull();
    secondPageCursor = { direction: "after", key: last.key };
  });
  await record("listCompletedSecondPage", () =>
    listRestoreRuns({ tenantId: TENANT, state: null, sort: "completed_at", order: "desc", cursor: secondPageCursor }),
  );
}

beforeAll(async () => {
  db = await resetTestDb();
  await measure("small");
  await measure("large");
});

afterAll(async () => {
  await closeDb();
});

describe(`statements per request do not grow with the history (${databaseKind()}, ${SIZES.small} vs ${SIZES.large} runs)`, () => {
  for (const name of Object.keys(EXPECTED) as Measure[]) {
    it(`${name}: ${EXPECTED[name]} statement(s) at both sizes`, () => {
      const small = counts.small[name]!;
      const large = counts.large[name]!;
      expect(large.count, `large history issued:\n${large.statements.join("\n")}`).toBe(small.count);
      expect(small.count, `issued:\n${small.statements.join("\n")}`).toBe(EXPECTED[name]);
    });
  }

  it("concurrent whole-fleet reads of one operator (exports) share one read and its instant", async () => {
    const whole = (now: Date) => fleetAt({ userId: BENCH_USER.id, now, db, coalesce: true }, { filter: {}, limit: 50, after: null }, { paged: false });
    const { count, result } = await countQueries(() => Promise.all([whole(NOW), whole(new Date(NOW.getTime() + 1))]));
    expect(count).toBe(EXPECTED.fleet);
    expect(result![1]).toStrictEqual(result![0]);
    expect(result![0].now).toEqual(NOW);
    // Once it has settled, nothing is kept: the next read is a read of its own, at its own instant.
    const later = new Date(NOW.getTime() + 60_000);
    const { count: again, result: next } = await countQueries(() => whole(later));
    expect([again, next!.now]).toEqual([EXPECTED.fleet, later]);
  });

  it("counts only inside the scope, and attributes concurrent work to its own scope", async () => {
    const [a, b] = await Promise.all([
      countQueries(() => getRecoveryEvidenceInputs(TENANT)),
      countQueries(() => listRestoreRuns({ tenantId: TENANT, state: null, sort: "id", order: "desc", cursor: null })),
    ]);
    expect(a.count).toBe(EXPECTED.evidence);
    expect(b.count).toBe(EXPECTED.listFirstPage);
    const nested = await countQueries(async () => {
      await countQueries(() => getRecoveryEvidenceInputs(TENANT));
      await db.select({ id: restoreRuns.id }).from(restoreRuns).where(and(eq(restoreRuns.tenantId, TENANT))).limit(1);
    });
    expect(nested.count).toBe(EXPECTED.evidence + 1);
  });
});
