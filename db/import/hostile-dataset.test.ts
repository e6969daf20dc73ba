/**
 * Issue 13 (5): a hostile dataset is refused by the one import schema, naming the record and field —
 * never a raw database error ("Failed query: insert … params: …"), never a stack overflow, never a date
 * silently rolled over into another month. Nothing is written.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, resetTestDb } from "../../test/db";
import { rowsOf, type Database } from "../client";
import { parseStrictInstant } from "./dataset-schema";
import { DatasetError, importDataset, parseDataset } from "./importer";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(() => closeDb());

const base = () => ({
  tenants: [{ id: 1, name: "Acme", slug: "acme" }],
  restore_runs: [
    { id: 1, tenant_id: 1, status: "completed", is_dry_run: false, created_at: "2026-01-01T00:00:00Z", results: { items: [] } },
  ],
});

function nested(depth: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const ATTACKS: [string, (d: ReturnType<typeof base>) => void, RegExp][] = [
  ["a NUL byte in a tenant name", (d) => (d.tenants[0]!.name = "Ac\u0000me"), /^tenants\[0\]\.name: must not contain a NUL byte/],
  ["a lone surrogate in a status", (d) => (d.restore_runs[0]!.status = "ok\uD800"), /^restore_runs\[0\]\.status: must not contain .*lone surrogate/],
  ["a NUL byte deep inside results", (d) => (d.restore_runs[0]!.results = { items: [{ name: "x\u0000" }] } as never), /^restore_runs\[0\]\.results\.items\.0\.name: must not contain a NUL byte/],
  ["a NUL byte in a JSON key", (d) => ((d.restore_runs[0] as Record<string, unknown>).metadata = { "k\u0000": 1 }), /^restore_runs\[0\]\.metadata: has a key with a NUL byte/],
  ["2026-02-31", (d) => (d.restore_runs[0]!.created_at = "2026-02-31T00:00:00Z"), /^restore_runs\[0\]\.created_at: must be an ISO-8601 timestamp of a real date/],
  ["year 0000", (d) => (d.restore_runs[0]!.created_at = "0000-01-01T00:00:00Z"), /^restore_runs\[0\]\.created_at: must be an ISO-8601/],
  ["hour 24", (d) => (d.restore_runs[0]!.created_at = "2026-01-01T24:00:00Z"), /^restore_runs\[0\]\.created_at: must be an ISO-8601/],
  ["nesting of 65", (d) => (d.restore_runs[0]!.results = nested(65) as never), /^restore_runs\[0\]\.results(\.a)+: nests deeper than 64 levels/],
  ["nesting of 6,000", (d) => (d.restore_runs[0]!.results = nested(6000) as never), /^restore_runs\[0\]\.results(\.a)+: nests deeper than 64 levels/],
];

describe("hostile datasets are refused by name, and nothing is written", () => {
  it.each(ATTACKS)("%s", async (_name, mutate, expected) => {
    const d = base();
    mutate(d);
    let error: unknown;
    try {
      await importDataset(db, parseDataset(d).dataset);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    const message = (error as Error).message;
    expect(message).toMatch(expected);
    expect(message.length).toBeLessThan(300);
    expect(message).not.toMatch(/Failed query|params:|call stack/i);
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tenants`));
    expect(row!.n).toBe(0);
  });

  it("accepts what is real: nesting of 64, a leap day, offsets, a date alone, pairs of surrogates", async () => {
    const d = base();
    d.restore_runs[0]!.results = { emoji: "🙂", deep: nested(63) } as never;
    d.restore_runs[0]!.created_at = "2024-02-29T23:59:59.123456+14:00";
    const parsed = parseDataset(d).dataset;
    expect(parsed.restore_runs[0]!.created_at.toISOString()).toBe("2024-02-29T09:59:59.123Z");
    await importDataset(db, parsed, { replace: true });
    expect(parseStrictInstant("2026-03-01")?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(parseStrictInstant("2026-03-01 10:00")?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    for (const bad of ["2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-01T10:60:00Z", "2026-01-01T10:00:00+15:00"]) {
      expect(parseStrictInstant(bad), bad).toBeNull();
    }
  });
});
