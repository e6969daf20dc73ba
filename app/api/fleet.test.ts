/**
 * GET /api/fleet (§10), called as Next calls it with real sessions. The order, counts and filters are
 * written out literally from the hand-made fleet; every row is compared with the per-tenant APIs at the
 * same instant (Date frozen), as an owner (who also holds operator and viewer roles), an operator and a
 * viewer; Needs Attention kinds are checked against the §10 table written out here, not the code's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { importDataset, parseDataset } from "@/db/import/importer";
import { closeDb, databaseKind, resetTestDb } from "@/test/db";
import { ALICE_ORDER, apiRequest, fleetDataset, signIn } from "@/test/fleet-dataset";
import { encodeFleetCursor } from "@/lib/search-params/fleet";
import { GET as getFleet } from "./fleet/route";
import { GET as getBackupHealth } from "./tenants/[tenantId]/backup-health/route";
import { GET as getRecoveryEvidence } from "./tenants/[tenantId]/recovery-evidence/route";

const T0 = Date.now();
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const db = await resetTestDb();
  await importDataset(db, parseDataset(fleetDataset(T0)).dataset);
  for (const who of ["alice", "olga", "vic", "bob", "nemo"]) cookies[who] = await signIn(`${who}@example.test`);
});
afterEach(() => vi.useRealTimers());
afterAll(async () => closeDb());

interface Row {
  tenantId: number;
  name: string;
  role: string;
  backupPosture: string;
  backupPrimaryReason: string | null;
  latestCompletedBackupAt: string | null;
  overviewState: string;
  latestRelevantRestoreRunId: number | null;
  latestRelevantAttentionState: string | null;
  latestRelevantRestoreAt: string | null;
  restoreEvidenceStale: boolean;
  needsAttention: { kind: string; severity: string }[];
  severity: string;
}
interface Body {
  tenants: Row[];
  counts: Record<string, unknown>;
  nextCursor: string | null;
}

async function fleet(query: string, cookie?: string): Promise<{ status: number; body: Body }> {
  const response = await getFleet(apiRequest(`/api/fleet${query}`, cookie));
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  // Every 200 names the instant and source of the data it read (db/read-handle.ts); no replica here.
  if (response.status === 200) {
    expect(Date.parse(response.headers.get("x-data-as-of") ?? "")).toBeLessThanOrEqual(Date.now());
    expect(response.headers.get("x-data-source")).toBe("primary");
  }
  return { status: response.status, body: (await response.json()) as Body };
}

async function perTenant(tenantId: number, cookie: string) {
  const params = Promise.resolve({ tenantId: String(tenantId) });
  const e = await getRecoveryEvidence(apiRequest(`/api/tenants/${tenantId}/recovery-evidence`, cookie), { params });
  const h = await getBackupHealth(apiRequest(`/api/tenants/${tenantId}/backup-health`, cookie), { params: Promise.resolve({ tenantId: String(tenantId) }) });
  expect([e.status, h.status]).toEqual([200, 200]);
  return { evidence: await e.json(), health: await h.json() };
}

/** The §10 severity table, written out independently of lib/recovery. */
function expectedItems(evidence: Record<string, unknown>, health: Record<string, unknown>) {
  const items: { kind: string; severity: string }[] = [];
  const posture = health.posture;
  if (posture === "absent") items.push({ kind: "backup_absent", severity: "critical" });
  if (posture === "degraded") items.push({ kind: "backup_degraded", severity: "high" });
  if (posture === "stale") items.push({ kind: "backup_stale", severity: "medium" });
  if (evidence.overviewState === "unvalidated") items.push({ kind: "recovery_unvalidated", severity: "medium" });
  if (evidence.overviewState === "weakened") {
    const a = evidence.latestRelevantAttentionState;
    items.push(a === "failed" ? { kind: "recovery_failed", severity: "critical" } : a === "partial" ? { kind: "recovery_partial", severity: "high" } : { kind: "recovery_follow_up", severity: "medium" });
  }
  if (evidence.restoreEvidenceStale === true) items.push({ kind: "restore_evidence_stale", severity: "medium" });
  const rank = ["critical", "high", "medium"];
  return items.sort((x, y) => rank.indexOf(x.severity) - rank.indexOf(y.severity));
}

describe(`GET /api/fleet (${databaseKind()})`, () => {
  it("401 without a session", async () => {
    const { status, body } = await fleet("");
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it.each(["alice", "olga", "vic"])("%s: every row equals the per-tenant APIs at the same instant", async (who) => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 + 60_000 });
    const { status, body } = await fleet("?limit=500", cookies[who]);
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.tenants.length).toBeGreaterThan(0);
    for (const row of body.tenants) {
      const { evidence, health } = await perTenant(row.tenantId, cookies[who]!);
      expect(Object.keys(row)).toEqual([
        "tenantId", "name", "role", "backupPosture", "backupPrimaryReason", "latestCompletedBackupAt", "overviewState",
        "latestRelevantRestoreRunId", "latestRelevantAttentionState", "latestRelevantRestoreAt", "restoreEvidenceStale",
        "needsAttention", "severity",
      ]);
      expect({ id: row.tenantId, ...row }).toMatchObject({
        id: row.tenantId,
        backupPosture: health.posture,
        backupPrimaryReason: health.primaryReason,
        overviewState: evidence.overviewState,
        latestRelevantRestoreRunId: evidence.latestRelevantRestoreRunId,
        latestRelevantAttentionState: evidence.latestRelevantAttentionState,
        latestRelevantRestoreAt: evidence.latestRelevantRestoreAt,
        restoreEvidenceStale: evidence.restoreEvidenceStale,
      });
      const items = expectedItems(evidence, health);
      expect(row.needsAttention).toEqual(items);
      expect(row.severity).toBe(items[0]?.severity ?? "none");
    }
  });

  it("lists only the operator's tenants, with their roles, worst first (§10 default order)", async () => {
    const { body } = await fleet("", cookies.alice);
    expect(body.tenants.map((r) => r.tenantId)).toEqual(ALICE_ORDER);
    expect(body.tenants.find((r) => r.tenantId === 3)!.role).toBe("viewer");
    expect(body.tenants.find((r) => r.tenantId === 2)!.role).toBe("operator");
    expect(body.tenants.find((r) => r.tenantId === 7)).toMatchObject({
      backupPosture: "stale",
      latestCompletedBackupAt: new Date(T0 - 48 * 3_600_000).toISOString(),
    });
    expect((await fleet("", cookies.bob)).body.tenants.map((r) => r.tenantId)).toEqual([9]);
    expect((await fleet("", cookies.nemo)).body).toMatchObject({ tenants: [], nextCursor: null, counts: { total: 0 } });
  });

  it("counts tenants per state; no item is 'no visible issues', never healthy", async () => {
    const { body } = await fleet("", cookies.alice);
    expect(body.counts).toEqual({
      total: 9,
      critical: 2,
      high: 2,
      medium: 4,
      noVisibleIssues: 1,
      restoreEvidenceStale: 2,
      overviewState: { unvalidated: 1, weakened: 3, no_recent_issues_visible: 5 },
      backupPosture: { absent: 1, stale: 1, degraded: 1, healthy: 6 },
    });
  });

  it.each([
    ["?state=weakened", [1, 3, 8]],
    ["?backup=healthy", [1, 3, 5, 10, 8, 6]],
    ["?attention=1", [2, 1, 3, 4, 5, 10, 7, 8]],
    ["?stale=1", [5, 10]],
    ["?q=ECH", [5]],
    ["?state=no_recent_issues_visible&attention=1", [4, 5, 10, 7]],
    ["?q=hyperlink", [7]],
  ])("filter %s", async (query, ids) => {
    const { body } = await fleet(query, cookies.alice);
    expect(body.tenants.map((r) => r.tenantId)).toEqual(ids);
    expect(body.counts.total).toBe(ids.length);
  });

  it("pages with a keyset cursor through every tenant in order, whatever the page size", async () => {
    for (const limit of [1, 2, 4]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const { status, body }: { status: number; body: Body } = await fleet(`?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, cookies.alice);
        expect(status).toBe(200);
        expect(body.tenants.length).toBeLessThanOrEqual(limit);
        expect(body.counts.total).toBe(9);
        seen.push(...body.tenants.map((r) => r.tenantId));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ALICE_ORDER);
    }
  });

  it.each([
    "?state=healthy", "?state=bogus", "?backup=protected", "?attention=yes", "?stale=2", "?limit=0", "?limit=501",
    "?limit=abc", "?limit=1e2", "?cursor=not-a-cursor", "?cursor=%00", "?state=weakened&state=unvalidated", `?q=${"x".repeat(101)}`,
  ])("400 invalid_parameter for %s, naming the parameter and echoing nothing", async (query) => {
    const { status, body } = await fleet(query, cookies.alice);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "invalid_parameter", message: expect.stringMatching(/^The "(state|backup|attention|stale|limit|cursor|q)" parameter/) } });
    expect(JSON.stringify(body)).not.toMatch(/bogus|protected|yes|abc|not-a-cursor/);
  });

  it("a cursor naming a tenant with NUL (no stored name can hold it) is a 400, not a database failure", async () => {
    const cursor = encodeFleetCursor({ severity: "medium", itemCount: 1, latestRelevantRestoreAt: null, name: "a\u0000b", id: 3 });
    const { status, body } = await fleet(`?cursor=${cursor}`, cookies.alice);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "invalid_parameter", message: expect.stringMatching(/^The "cursor" parameter/) } });
  });

  it("a viewer's rows keep the latest run id (the per-tenant API carries it too)", async () => {
    const { body } = await fleet("", cookies.vic);
    expect(body.tenants.map((r) => [r.tenantId, r.role, r.latestRelevantRestoreRunId])).toEqual([
      [1, "viewer", 111],
      [5, "viewer", 510],
      [6, "viewer", 610],
    ]);
  });
});
