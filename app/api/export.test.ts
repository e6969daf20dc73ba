/**
 * §11 exports, read back with a CSV parser: RFC 4180 records, formula-safe cells, the claim boundaries
 * and the computed-at instant, every matching tenant (not one page), and the restore-run export's access
 * rules (401 / 403 viewer / 404 non-member / 400 malformed).
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataset, parseDataset } from "@/db/import/importer";
import { closeDb, databaseKind, resetTestDb } from "@/test/db";
import { ALICE_ORDER, apiRequest, fleetDataset, signIn } from "@/test/fleet-dataset";
import { GET as exportFleet } from "./fleet/export/route";
import { GET as exportRuns } from "./tenants/[tenantId]/restore-runs/export/route";

const T0 = Date.now();
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const db = await resetTestDb();
  const data = fleetDataset(T0);
  // A longer history for tenant 4, to cross several keyset batches (1,000 runs each).
  for (let i = 0; i < 2_345; i++) {
    data.restore_runs.push({
      id: 20_000 + i, tenant_id: 4, status: i % 7 === 0 ? "failed" : "completed", is_dry_run: i % 11 === 0,
      results: { items: [{ key: "p", type: "t", status: "applied" }], foundations: [], assignments: [] },
      metadata: null, created_at: new Date(T0 - (5_000 - i) * 3_600_000).toISOString(), completed_at: null,
      ...(i % 17 === 0 ? { archived_at: new Date(T0).toISOString() } : {}),
    } as unknown as (typeof data.restore_runs)[number]);
  }
  await importDataset(db, parseDataset(data).dataset);
  for (const who of ["alice", "olga", "vic", "bob"]) cookies[who] = await signIn(`${who}@example.test`);
});
afterAll(async () => closeDb());

const csv = (text: string) => parse(text, { relax_column_count: false }) as string[][];

describe(`fleet export (${databaseKind()})`, () => {
  it("CSV: header, every tenant worst first, formula-safe names, a trailing note with the boundaries and instant", async () => {
    const response = await exportFleet(apiRequest("/api/fleet/export?format=csv&limit=2", cookies.alice));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="fleet-\d{4}-\d{2}-\d{2}\.csv"$/);
    // The rows' "as of" instant and source (no replica in the tests: the primary, as of the request).
    expect(Date.parse(response.headers.get("x-data-as-of") ?? "")).toBeLessThanOrEqual(Date.now());
    expect(response.headers.get("x-data-source")).toBe("primary");
    const text = await response.text();
    expect(text).toMatch(/\r\n$/);
    const records = csv(text);
    expect(records[0]).toEqual([
      "tenantId", "name", "role", "backupPosture", "backupPrimaryReason", "latestCompletedBackupAt", "overviewState",
      "latestRelevantRestoreRunId", "latestRelevantAttentionState", "latestRelevantRestoreAt", "restoreEvidenceStale",
      "needsAttention", "severity",
    ]);
    const rows = records.slice(1, -1);
    // Every tenant, not one page (limit is a page size and does not apply to exports).
    expect(rows.map((r) => Number(r[0]))).toEqual(ALICE_ORDER);
    expect(rows.find((r) => r[0] === "7")![1]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows.find((r) => r[0] === "2")!.slice(11)).toEqual(["backup_absent:critical;recovery_unvalidated:medium", "critical"]);
    const note = records.at(-1)!;
    expect(note[0]).toMatch(/^Note: Backup health reflects backup inputs only\..*not proof.*Computed at \d{4}-\d{2}-\d{2}T[\d:.]+Z\.$/);
    expect(note[0]).toContain(response.headers.get("x-computed-at"));
  });

  it("JSON: the same rows and counts, the boundaries and computed-at as fields; filters apply", async () => {
    const response = await exportFleet(apiRequest("/api/fleet/export?format=json&state=weakened", cookies.alice));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body)).toEqual(["computedAt", "claimBoundaries", "counts", "tenants"]);
    expect(body.tenants.map((r: { tenantId: number }) => r.tenantId)).toEqual([1, 3, 8]);
    expect(body.counts.total).toBe(3);
    expect(body.claimBoundaries.join(" ")).toMatch(/not proof/);
    expect(Date.parse(body.computedAt)).not.toBeNaN();
  });

  it("401 without a session; 400 for a bad format or filter", async () => {
    expect((await exportFleet(apiRequest("/api/fleet/export?format=csv"))).status).toBe(401);
    for (const q of ["format=xlsx", "format=csv&format=json", "state=nope"]) {
      const r = await exportFleet(apiRequest(`/api/fleet/export?${q}`, cookies.alice));
      expect(r.status).toBe(400);
      expect((await r.json()).error.code).toBe("invalid_parameter");
    }
  });
});

describe(`restore-run export (${databaseKind()})`, () => {
  const call = (tenantId: string, query: string, cookie?: string) =>
    exportRuns(apiRequest(`/api/tenants/${tenantId}/restore-runs/export${query}`, cookie), { params: Promise.resolve({ tenantId }) });

  it("every run across keyset batches, newest first, with attention; archived runs included", async () => {
    const response = await call("4", "?format=csv", cookies.alice);
    expect(response.status).toBe(200);
    const records = csv(await response.text());
    expect(records[0]).toEqual([
      "id", "tenant_id", "backup_set_id", "operation_run_id", "status", "is_dry_run", "created_at", "completed_at",
      "archived_at", "operation_outcome", "attention_state", "attention_summary", "follow_up_required", "recovery_claim_boundary",
    ]);
    const rows = records.slice(1, -1);
    expect(rows).toHaveLength(2_346);
    const ids = rows.map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.filter((r) => r[8] !== "")).toHaveLength(Math.ceil(2_345 / 17));
    const byId = new Map(rows.map((r) => [Number(r[0]), r]));
    expect(byId.get(20_000)!.slice(4, 6)).toEqual(["failed", "true"]);
    expect(byId.get(20_000)![10]).toBe("not_executed");
    expect(byId.get(20_007)![10]).toBe("failed");
    expect(byId.get(20_001)![10]).toBe("completed");
    expect(records.at(-1)![0]).toMatch(/^Note: .*archived away\. Computed at .+Z\.$/);
  });

  it("JSON carries the run columns, attention and the boundaries", async () => {
    const body = await (await call("1", "?format=json", cookies.olga)).json();
    expect(body).toMatchObject({ tenantId: 1, computedAt: expect.any(String), claimBoundaries: expect.any(Array) });
    expect(body.restoreRuns.map((r: { id: number }) => r.id)).toEqual([111, 110]);
    expect(body.restoreRuns[0]).toMatchObject({ status: "failed", attention: { state: "failed" }, operation_outcome: null });
  });

  it("401 no session, 403 viewer, 404 non-member or unknown, 400 malformed id or format", async () => {
    expect((await call("1", "")).status).toBe(401);
    const viewer = await call("1", "?format=csv", cookies.vic);
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error.code).toBe("forbidden");
    expect((await call("3", "", cookies.alice)).status).toBe(403); // alice is a viewer of tenant 3
    const foreign = await call("9", "", cookies.alice);
    const unknown = await call("99999", "", cookies.alice);
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect(await foreign.json()).toEqual(await unknown.json());
    expect((await call("abc", "", cookies.alice)).status).toBe(400);
    expect((await call("1", "?format=pdf", cookies.alice)).status).toBe(400);
  });
});
