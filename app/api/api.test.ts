/**
 * The §8 JSON API, called as Next calls it: `GET(request, { params: Promise })`, with a real session
 * cookie from a real sign-in. Hand-written histories, one per overview state; expected values are
 * written out literally (spec §2–§4 strings), not recomputed with the code under test.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importDataset, parseDataset } from "@/db/import/importer";
import { getAuth } from "@/server/auth/server";
import { closeDb, databaseKind, resetTestDb } from "@/test/db";
import type { Database } from "@/db/client";
import { GET as getRestoreRun } from "./restore-runs/[id]/route";
import { GET as getBackupHealth } from "./tenants/[tenantId]/backup-health/route";
import { GET as getRecoveryEvidence } from "./tenants/[tenantId]/recovery-evidence/route";

const HOUR = 3_600_000;
const T0 = Date.now();
const ago = (hours: number) => new Date(T0 - hours * HOUR).toISOString();

const POSITIVE_CLAIM_BOUNDARY = "Backup health reflects backup inputs only. It does not prove that a restore will succeed.";
const CLEAN = {
  items: [{ key: "policy:1", type: "deviceConfiguration", name: "Baseline", status: "applied" }],
  foundations: [{ key: "scopeTag:4", type: "scopeTag", status: "applied" }],
  assignments: [{ key: "a:9", item_key: "policy:1", target: "group:77", status: "applied" }],
};

const PASSWORD = "correct horse battery staple";
const dataset = {
  tenants: [
    { id: 1, name: "Acme", slug: "acme" }, // weakened: the latest relevant run failed
    { id: 2, name: "Globex", slug: "globex" }, // someone else's tenant
    { id: 3, name: "Initech", slug: "initech" }, // unvalidated: only dry runs and pre-execution runs
    { id: 4, name: "Umbrella", slug: "umbrella" }, // no_recent_issues_visible
    { id: 5, name: "Hooli", slug: "hooli", backup_stale_after_hours: 48 }, // weakened, the run is archived
  ],
  users: [
    { email: "alice@example.test", name: "Alice", password: PASSWORD, memberships: [
      { tenant_id: 1, role: "owner" }, { tenant_id: 3, role: "operator" }, { tenant_id: 4, role: "owner" }, { tenant_id: 5, role: "owner" },
    ] },
    { email: "vic@example.test", name: "Vic", password: PASSWORD, memberships: [{ tenant_id: 1, role: "viewer" }] },
    { email: "bob@example.test", name: "Bob", password: PASSWORD, memberships: [{ tenant_id: 2, role: "owner" }] },
    { email: "nemo@example.test", name: "Nemo", password: PASSWORD, memberships: [] },
  ],
  backup_sets: [
    { id: 11, tenant_id: 1, name: "acme daily", status: "completed", item_count: 40, failed_item_count: 0, started_at: ago(1.5), completed_at: ago(1) },
    { id: 12, tenant_id: 1, name: "acme older", status: "completed", item_count: 40, failed_item_count: 0, started_at: ago(30), completed_at: ago(29) },
    { id: 21, tenant_id: 2, name: "globex daily", status: "completed", item_count: 3, failed_item_count: 0, completed_at: ago(1) },
    { id: 41, tenant_id: 4, name: "umbrella old", status: "completed", item_count: 9, failed_item_count: 0, completed_at: ago(100) },
    { id: 51, tenant_id: 5, name: "hooli daily", status: "completed_with_errors", item_count: 9, failed_item_count: 2, completed_at: ago(1) },
  ],
  operation_runs: [
    { id: 31, tenant_id: 4, type: "restore.execute", status: "completed", outcome: "succeeded" },
    { id: 32, tenant_id: 4, type: "restore.execute", status: "completed", outcome: "failed" },
  ],
  restore_runs: [
    { id: 101, tenant_id: 1, backup_set_id: 12, status: "completed", is_dry_run: false, results: CLEAN, metadata: { scope_basis: "full" }, created_at: ago(11), completed_at: ago(10) },
    { id: 102, tenant_id: 1, backup_set_id: 11, status: "failed", is_dry_run: false,
      results: { items: [{ key: "policy:1", status: "failed" }] }, metadata: { scope_basis: "selected", note: "<script>" }, created_at: ago(5), completed_at: ago(4) },
    { id: 103, tenant_id: 1, status: "completed", is_dry_run: true, results: CLEAN, metadata: null, created_at: ago(1.2), completed_at: ago(1) },
    { id: 104, tenant_id: 1, status: "running", is_dry_run: false, results: null, metadata: null, created_at: ago(0.5) },
    { id: 201, tenant_id: 2, status: "completed", is_dry_run: false, results: CLEAN, metadata: null, created_at: ago(3), completed_at: ago(2) },
    { id: 301, tenant_id: 3, status: "previewed", is_dry_run: false, results: null, metadata: null, created_at: ago(2) },
    { id: 302, tenant_id: 3, status: "completed", is_dry_run: true, results: CLEAN, metadata: null, created_at: ago(1), completed_at: ago(0.5) },
    { id: 401, tenant_id: 4, status: "completed", is_dry_run: false, operation_run_id: 32, results: CLEAN, metadata: null, created_at: ago(9), completed_at: ago(8) },
    { id: 402, tenant_id: 4, status: "completed", is_dry_run: false, operation_run_id: 31, results: CLEAN, metadata: { scope_basis: "full", non_applied: [] }, created_at: ago(4), completed_at: ago(3) },
    { id: 403, tenant_id: 4, status: "Completed", is_dry_run: false, results: "garbage", metadata: 7, created_at: ago(20), completed_at: ago(19) },
    { id: 500, tenant_id: 5, status: "completed", is_dry_run: false, results: CLEAN, metadata: null, created_at: ago(21), completed_at: ago(20) },
    // Latest relevant in tenant 5: partial, archived, never completed (its time is created_at).
    { id: 501, tenant_id: 5, status: "partial", is_dry_run: false,
      results: { items: [{ key: "policy:1", status: "applied" }, { key: "policy:2", status: "failed" }] }, metadata: null,
      created_at: ago(2), completed_at: null, archived_at: ago(1) },
  ],
};

let db: Database;
const cookies: Record<"alice" | "vic" | "bob" | "nemo", string> = { alice: "", vic: "", bob: "", nemo: "" };

async function signIn(email: string): Promise<string> {
  const response = await getAuth().handler(
    new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000" },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  expect(cookie).toMatch(/session_token=/);
  return cookie;
}

beforeAll(async () => {
  db = await resetTestDb();
  await importDataset(db, parseDataset(dataset).dataset);
  for (const who of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[who] = await signIn(`${who}@example.test`);
});

afterAll(async () => {
  await closeDb();
});

/* ───────────────────────── calling the handlers ───────────────────────── */

type Endpoint = "evidence" | "health" | "run";

function request(path: string, cookie?: string): Request {
  return new Request(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} });
}

async function call(endpoint: Endpoint, id: string, cookie?: string): Promise<{ status: number; body: unknown; response: Response }> {
  let response: Response;
  if (endpoint === "run") {
    response = await getRestoreRun(request(`/api/restore-runs/${encodeURIComponent(id)}`, cookie), { params: Promise.resolve({ id }) });
  } else {
    const path = `/api/tenants/${encodeURIComponent(id)}/${endpoint === "evidence" ? "recovery-evidence" : "backup-health"}`;
    const handler = endpoint === "evidence" ? getRecoveryEvidence : getBackupHealth;
    response = await handler(request(path, cookie), { params: Promise.resolve({ tenantId: id }) });
  }
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: await response.json(), response };
}

function errorBody(code: string) {
  return { error: { code, message: expect.stringMatching(/\S/) } };
}

const ENDPOINTS: Endpoint[] = ["evidence", "health", "run"];

/* ───────────────────────── access ───────────────────────── */

describe(`JSON API access (${databaseKind()})`, () => {
  it.each(ENDPOINTS)("%s: 401 without a session, with a forged token and with a tampered signature", async (endpoint) => {
    const id = endpoint === "run" ? "102" : "1";
    const tampered = cookies.alice.replace(/session_token=([^;]*?)(.)(;|$)/, (_m, v: string, last: string, end: string) => `session_token=${v}${last === "A" ? "B" : "A"}${end}`);
    expect(tampered).not.toBe(cookies.alice);
    for (const cookie of [undefined, "better-auth.session_token=not-a-token", tampered]) {
      const { status, body } = await call(endpoint, id, cookie);
      expect({ cookie, status }).toStrictEqual({ cookie, status: 401 });
      expect(body).toStrictEqual(errorBody("unauthenticated"));
    }
  });

  it("404 for a tenant the operator is not a member of, identical to an unknown tenant", async () => {
    for (const endpoint of ["evidence", "health"] as const) {
      const foreign = await call(endpoint, "2", cookies.alice);
      const unknown = await call(endpoint, "999", cookies.alice);
      const noMemberships = await call(endpoint, "1", cookies.nemo);
      expect([foreign.status, unknown.status, noMemberships.status]).toStrictEqual([404, 404, 404]);
      expect(foreign.body).toStrictEqual(errorBody("not_found"));
      expect(unknown.body).toStrictEqual(foreign.body);
      expect(noMemberships.body).toStrictEqual(foreign.body);
    }
    // And the owner of tenant 2 does see it.
    expect((await call("evidence", "2", cookies.bob)).status).toBe(200);
  });

  it("404 for a run of a foreign tenant (ids guessed across tenants), identical to an unknown run", async () => {
    const foreign = await call("run", "201", cookies.alice);
    const unknown = await call("run", "2147483647", cookies.alice);
    expect([foreign.status, unknown.status]).toStrictEqual([404, 404]);
    expect(foreign.body).toStrictEqual(errorBody("not_found"));
    expect(unknown.body).toStrictEqual(foreign.body);
    // A viewer guessing a foreign run also gets 404, not 403: existence is not revealed.
    expect((await call("run", "201", cookies.vic)).status).toBe(404);
    expect((await call("run", "102", cookies.nemo)).status).toBe(404);
    expect((await call("run", "201", cookies.bob)).status).toBe(200);
  });

  it("403 for a viewer-role member on the run endpoint", async () => {
    const { status, body } = await call("run", "102", cookies.vic);
    expect(status).toBe(403);
    expect(body).toStrictEqual(errorBody("forbidden"));
  });

  it("a viewer-role member gets the evidence with the action disabled, and the backup health", async () => {
    const { status, body } = await call("evidence", "1", cookies.vic);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tenantId: 1,
      overviewState: "weakened",
      latestRelevantRestoreRunId: 102,
      action: { label: "Review restore run #102", url: null, disabled: true, helperText: expect.stringMatching(/viewer/i) },
    });
    const health = await call("health", "1", cookies.vic);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ tenantId: 1, posture: "healthy" });
  });
});

/* ───────────────────────── malformed ids ───────────────────────── */

const MALFORMED = [
  "abc", "-1", "+1", "1e3", "0x10", "0b1", "1.0", "1.", " 1", "1 ", "01", "0", "", "1_000", "１",
  "99999999999999999999", "2147483648", "9007199254740993", "%00", "\u0000", "1%00", "NaN", "Infinity", "1/2", "../1",
];

describe(`JSON API malformed ids (${databaseKind()})`, () => {
  it.each(ENDPOINTS)("%s: every malformed id is a 400 invalid_id JSON error, never a 500 or a throw", async (endpoint) => {
    for (const id of MALFORMED) {
      const { status, body } = await call(endpoint, id, cookies.alice);
      expect({ id, status }).toStrictEqual({ id, status: 400 });
      expect(body).toStrictEqual(errorBody("invalid_id"));
      // Nothing from the request is echoed back.
      if (id.trim()) expect(JSON.stringify(body)).not.toContain(JSON.stringify(id).slice(1, -1));
    }
  });

  it("the largest int4 id is well formed (404 when unknown); malformed ids are 400 even without a session", async () => {
    expect((await call("evidence", "2147483647", cookies.alice)).status).toBe(404);
    expect((await call("health", "2147483647", cookies.alice)).status).toBe(404);
    expect((await call("run", "abc")).status).toBe(400);
  });
});

/* ───────────────────────── bodies, field by field ───────────────────────── */

describe(`JSON API bodies (${databaseKind()})`, () => {
  it("evidence, weakened by the latest relevant run (dry runs and in-flight runs after it do not count)", async () => {
    const { status, body } = await call("evidence", "1", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 1,
      backupPosture: "healthy",
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreRunId: 102,
      latestRelevantAttentionState: "failed",
      overviewState: "weakened",
      headline: "Recovery evidence is weakened",
      summary: expect.stringContaining("#102"),
      claimBoundary: expect.stringMatching(/\S/),
      action: { label: "Review restore run #102", url: "/restore-runs/102", disabled: false, helperText: null },
      latestRelevantRestoreAt: ago(4),
      restoreEvidenceStale: false,
    });
  });

  it("evidence, unvalidated: only a preview and a dry run, no backup sets", async () => {
    const { status, body } = await call("evidence", "3", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 3,
      backupPosture: "absent",
      relevantRestoreHistoryPresent: false,
      latestRelevantRestoreRunId: null,
      latestRelevantAttentionState: null,
      overviewState: "unvalidated",
      headline: "Recovery confidence is unvalidated",
      summary: expect.stringMatching(/\S/),
      claimBoundary: expect.stringMatching(/\S/),
      action: { label: "Open restore history", url: "/restore-runs?recovery_posture_reason=no_history", disabled: false, helperText: null },
      latestRelevantRestoreAt: null,
      restoreEvidenceStale: false,
    });
  });

  it("evidence, no recent issues visible: a clean latest run, still not proof of recoverability", async () => {
    const { status, body } = await call("evidence", "4", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 4,
      backupPosture: "stale",
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreRunId: 402,
      latestRelevantAttentionState: "completed",
      overviewState: "no_recent_issues_visible",
      headline: "No recent restore issues are visible",
      summary: expect.stringContaining("#402"),
      claimBoundary: expect.stringMatching(/not proof/i),
      action: {
        label: "View restore history",
        url: "/restore-runs?recovery_posture_reason=no_recent_issues_visible",
        disabled: false,
        helperText: null,
      },
      latestRelevantRestoreAt: ago(3),
      restoreEvidenceStale: false,
    });
  });

  it("evidence, weakened by an archived partial run: the list fallback URL, and created_at as its time", async () => {
    const { status, body } = await call("evidence", "5", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 5,
      backupPosture: "degraded",
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreRunId: 501,
      latestRelevantAttentionState: "partial",
      overviewState: "weakened",
      headline: "Recovery evidence is weakened",
      summary: expect.stringContaining("#501"),
      claimBoundary: expect.stringMatching(/\S/),
      action: { label: "Review restore run #501", url: "/restore-runs?recovery_posture_reason=partial", disabled: false, helperText: null },
      latestRelevantRestoreAt: ago(2),
      restoreEvidenceStale: false,
    });
  });

  it("backup health for each posture", async () => {
    const expected = {
      1: { posture: "healthy", primaryReason: null, healthyClaimAllowed: true, primaryActionTarget: { label: expect.any(String), url: "/backup-sets/11" } },
      3: { posture: "absent", primaryReason: "no_backup_sets", healthyClaimAllowed: false, primaryActionTarget: { label: expect.any(String), url: "/backup-sets" } },
      4: { posture: "stale", primaryReason: "latest_backup_stale", healthyClaimAllowed: false, primaryActionTarget: { label: expect.any(String), url: "/backup-sets/41" } },
      5: { posture: "degraded", primaryReason: "latest_backup_has_failed_items", healthyClaimAllowed: false, primaryActionTarget: { label: expect.any(String), url: "/backup-sets/51" } },
    } as const;
    for (const [tenantId, fields] of Object.entries(expected)) {
      const { status, body } = await call("health", tenantId, cookies.alice);
      expect(status).toBe(200);
      expect(body).toStrictEqual({
        tenantId: Number(tenantId),
        ...fields,
        headline: expect.stringMatching(/\S/),
        supportingMessage: expect.stringMatching(/\S/),
        positiveClaimBoundary: POSITIVE_CLAIM_BOUNDARY,
      });
    }
  });

  it("a run: its columns in snake_case with ISO times, plus attention; no internal cache column", async () => {
    const { status, body } = await call("run", "102", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      id: 102,
      tenant_id: 1,
      backup_set_id: 11,
      operation_run_id: null,
      status: "failed",
      is_dry_run: false,
      results: { items: [{ key: "policy:1", status: "failed" }] },
      metadata: { scope_basis: "selected", note: "<script>" },
      created_at: ago(5),
      completed_at: ago(4),
      archived_at: null,
      attention: {
        state: "failed",
        summary: expect.stringMatching(/\S/),
        followUpRequired: true,
        primaryNextAction: expect.stringMatching(/\S/),
        recoveryClaimBoundary: "no_recovery_claim",
        tone: "danger",
      },
    });
    expect(body).not.toHaveProperty("attention_state");
    expect(body).not.toHaveProperty("attentionState");
  });

  it("runs: archived partial, unrecognized status with junk JSON, a dry run, and the operation run's outcome", async () => {
    const archived = await call("run", "501", cookies.alice);
    expect(archived.body).toMatchObject({
      id: 501, status: "partial", completed_at: null, created_at: ago(2), archived_at: ago(1),
      attention: { state: "partial", followUpRequired: true, recoveryClaimBoundary: "partial_recovery_only", tone: "warning" },
    });
    const odd = await call("run", "403", cookies.alice);
    expect(odd.status).toBe(200);
    expect(odd.body).toMatchObject({
      id: 403, status: "Completed", results: "garbage", metadata: 7,
      attention: { state: "completed_with_follow_up", followUpRequired: true, recoveryClaimBoundary: "follow_up_weakens_confidence", tone: "warning" },
    });
    expect((odd.body as { attention: { summary: string } }).attention.summary).toContain('"Completed"');
    const dry = await call("run", "103", cookies.alice);
    expect(dry.body).toMatchObject({ id: 103, is_dry_run: true, attention: { state: "not_executed", followUpRequired: false, recoveryClaimBoundary: "preview_only", tone: "neutral" } });
    // Status "completed", clean results, but the linked operation run failed.
    const opFailed = await call("run", "401", cookies.alice);
    expect(opFailed.body).toMatchObject({ id: 401, operation_run_id: 32, attention: { state: "failed", tone: "danger" } });
    const clean = await call("run", "402", cookies.alice);
    expect(clean.body).toMatchObject({ id: 402, operation_run_id: 31, attention: { state: "completed", followUpRequired: false, recoveryClaimBoundary: "run_outcome_only", tone: "success" } });
  });

  it("attention is computed from the row and its operation run, never read from the attention_state cache", async () => {
    await db.execute(sql`update restore_runs set attention_state = 'completed' where id in (102, 401)`);
    try {
      expect((await call("run", "102", cookies.alice)).body).toMatchObject({ attention: { state: "failed" } });
      expect((await call("run", "401", cookies.alice)).body).toMatchObject({ attention: { state: "failed" } });
      expect((await call("evidence", "1", cookies.alice)).body).toMatchObject({ latestRelevantAttentionState: "failed", overviewState: "weakened" });
    } finally {
      await db.execute(sql`update restore_runs set attention_state = 'failed' where id in (102, 401)`);
    }
  });
});

/* ───────────────────────── the database failing under a signed-in operator ───────────────────────── */

describe(`JSON API when a query fails after sign-in (${databaseKind()})`, () => {
  it("answers 503 unavailable, never a calm body, never a 500", async () => {
    // The session and membership lookups still work; the evidence queries then fail.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await db.execute(sql`alter table restore_runs rename to restore_runs_away`);
    try {
      for (const [endpoint, id] of [["evidence", "1"], ["run", "102"]] as const) {
        const { status, body } = await call(endpoint, id, cookies.alice);
        expect({ endpoint, status }).toStrictEqual({ endpoint, status: 503 });
        expect(body).toStrictEqual(errorBody("unavailable"));
      }
      expect(logged).toHaveBeenCalled(); // the cause is logged server-side
    } finally {
      await db.execute(sql`alter table restore_runs_away rename to restore_runs`);
      logged.mockRestore();
    }
    expect((await call("evidence", "1", cookies.alice)).status).toBe(200);
  });
});
