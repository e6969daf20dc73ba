/**
 * The fixture of the §8 JSON API tests (api.test.ts, api-bodies.test.ts): a hand-written dataset, real
 * sign-ins, and the route handlers called as Next calls them. Test support only.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { importDataset, parseDataset } from "@/db/import/importer";
import { getAuth } from "@/server/auth/server";
import { closeDb, resetTestDb } from "@/test/db";
import type { Database } from "@/db/client";
import { GET as getRestoreRun } from "./restore-runs/[id]/route";
import { GET as getBackupHealth } from "./tenants/[tenantId]/backup-health/route";
import { GET as getRecoveryEvidence } from "./tenants/[tenantId]/recovery-evidence/route";

const HOUR = 3_600_000;
const T0 = Date.now();
export const ago = (hours: number) => new Date(T0 - hours * HOUR).toISOString();

export const POSITIVE_CLAIM_BOUNDARY = "Backup health reflects backup inputs only. It does not prove that a restore will succeed.";
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

export let db: Database;
export const cookies: Record<"alice" | "vic" | "bob" | "nemo", string> = { alice: "", vic: "", bob: "", nemo: "" };

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

/** Registers the suite's hooks: a fresh database with the dataset, and a signed-in cookie per operator. */
export function useApiFixture(): void {
beforeAll(async () => {
  db = await resetTestDb();
  await importDataset(db, parseDataset(dataset).dataset);
  for (const who of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[who] = await signIn(`${who}@example.test`);
});

afterAll(async () => {
  await closeDb();
});
}

/* ───────────────────────── calling the handlers ───────────────────────── */

export type Endpoint = "evidence" | "health" | "run";

function request(path: string, cookie?: string): Request {
  return new Request(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} });
}

export async function call(endpoint: Endpoint, id: string, cookie?: string): Promise<{ status: number; body: unknown; response: Response }> {
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

export function errorBody(code: string) {
  return { error: { code, message: expect.stringMatching(/\S/) } };
}

export const ENDPOINTS: Endpoint[] = ["evidence", "health", "run"];

/* ───────────────────────── access ───────────────────────── */
