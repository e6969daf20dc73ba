/**
 * A hand-written fleet: one tenant per §10 row of the severity table (and a stale-evidence tenant with a
 * custom window), an owner who holds every role across them, an operator, a viewer and an outsider.
 * Times are relative to `t0`, so the expected states hold whenever the test runs.
 */
import { getAuth } from "@/server/auth/server";

export const PASSWORD = "correct horse battery staple";
const HOUR = 3_600_000;

const CLEAN = {
  items: [{ key: "policy:1", type: "deviceConfiguration", name: "Baseline", status: "applied" }],
  foundations: [],
  assignments: [],
};

export function fleetDataset(t0: number) {
  const ago = (hours: number) => new Date(t0 - hours * HOUR).toISOString();
  const run = (id: number, tenant: number, hours: number, extra: Record<string, unknown> = {}) => ({
    id, tenant_id: tenant, status: "completed", is_dry_run: false, results: CLEAN, metadata: null,
    created_at: ago(hours + 0.5), completed_at: ago(hours), ...extra,
  });
  const set = (id: number, tenant: number, hours: number, extra: Record<string, unknown> = {}) => ({
    id, tenant_id: tenant, name: `set ${id}`, status: "completed", item_count: 5, failed_item_count: 0, completed_at: ago(hours), ...extra,
  });
  return {
    tenants: [
      { id: 1, name: "Acme", slug: "acme" }, // weakened by a failed run: critical
      { id: 2, name: "Bravo", slug: "bravo" }, // no backups, no restores: critical + medium
      { id: 3, name: "Charlie", slug: "charlie" }, // partial run: high
      { id: 4, name: "Delta", slug: "delta" }, // degraded backup, clean run: high
      { id: 5, name: "Echo", slug: "echo" }, // clean run 120 days ago: stale evidence, medium
      { id: 6, name: "Foxtrot", slug: "foxtrot" }, // no item: "no visible issues"
      { id: 7, name: '=HYPERLINK("http://x")', slug: "formula" }, // stale backup: medium
      { id: 8, name: "Golf", slug: "golf" }, // follow-up run: medium
      { id: 9, name: "Zulu", slug: "zulu" }, // someone else's
      { id: 10, name: "Hotel", slug: "hotel", restore_evidence_stale_after_days: 7 }, // clean run 10 days ago, 7-day window
    ],
    users: [
      { email: "alice@example.test", name: "Alice", password: PASSWORD, memberships: [
        { tenant_id: 1, role: "owner" }, { tenant_id: 2, role: "operator" }, { tenant_id: 3, role: "viewer" }, { tenant_id: 4, role: "owner" },
        { tenant_id: 5, role: "owner" }, { tenant_id: 6, role: "owner" }, { tenant_id: 7, role: "owner" }, { tenant_id: 8, role: "owner" },
        { tenant_id: 10, role: "owner" },
      ] },
      { email: "olga@example.test", name: "Olga", password: PASSWORD, memberships: [
        { tenant_id: 1, role: "operator" }, { tenant_id: 3, role: "operator" }, { tenant_id: 5, role: "operator" },
      ] },
      { email: "vic@example.test", name: "Vic", password: PASSWORD, memberships: [
        { tenant_id: 1, role: "viewer" }, { tenant_id: 5, role: "viewer" }, { tenant_id: 6, role: "viewer" },
      ] },
      { email: "bob@example.test", name: "Bob", password: PASSWORD, memberships: [{ tenant_id: 9, role: "owner" }] },
      { email: "nemo@example.test", name: "Nemo", password: PASSWORD, memberships: [] },
    ],
    backup_sets: [
      set(11, 1, 1), set(31, 3, 1), set(41, 4, 1, { status: "completed_with_errors", failed_item_count: 2 }), set(51, 5, 1),
      set(61, 6, 1), set(71, 7, 48), set(81, 8, 1), set(91, 9, 1), set(101, 10, 1),
    ],
    operation_runs: [],
    restore_runs: [
      run(110, 1, 40), run(111, 1, 3, { status: "failed", results: { items: [{ key: "p", status: "failed" }] } }),
      run(310, 3, 30, { status: "partial" }),
      run(410, 4, 6),
      run(510, 5, 24 * 120),
      run(610, 6, 1), run(611, 6, 0.5, { is_dry_run: true, status: "failed" }),
      run(710, 7, 5),
      run(810, 8, 2, { results: { items: [{ key: "p", status: "applied" }, { key: "q", status: "skipped" }] } }),
      run(910, 9, 1, { status: "failed" }),
      run(1010, 10, 24 * 10),
    ],
  };
}

/** alice's tenants in the §10 default order. */
export const ALICE_ORDER = [2, 1, 3, 4, 5, 10, 7, 8, 6];

export async function signIn(email: string): Promise<string> {
  const response = await getAuth().handler(
    new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000" },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
  if (response.status !== 200) throw new Error(`sign-in for ${email} answered ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

export function apiRequest(path: string, cookie?: string): Request {
  return new Request(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} });
}
