/**
 * The demo dataset: seventeen tenants that together show every backup posture, every overview state,
 * an archived failed run, a dry run newer than a failure, in-flight runs, an unrecognized status, clock
 * skew (a future-dated restore and backup), restore evidence older than its freshness window (§9), and a
 * restore history long enough to page (Contoso). The owner owns every tenant (the fleet, §10).
 * Timestamps are relative to `now` so postures stay what their names say whenever the demo is loaded;
 * loading it replaces whatever the database held.
 */
import { buildDemoHistory } from "./demo-history";

export const DEMO_PASSWORD = "recovery-demo-2026";
export const DEMO_USERS = {
  owner: "owner@example.com",
  operator: "operator@example.com",
  viewer: "viewer@example.com",
} as const;

type Json = Record<string, unknown>;

export function buildDemoDataset(now: Date = new Date()): Json {
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const tenants: Json[] = [];
  const backupSets: Json[] = [];
  const operationRuns: Json[] = [];
  const restoreRuns: Json[] = [];
  let setId = 100;
  let opId = 500;
  let runId = 1000;

  const tenant = (id: number, name: string, slug: string, staleAfter = 24, evidenceWindowDays = 90) =>
    tenants.push({
      id, name, slug, backup_stale_after_hours: staleAfter, restore_evidence_stale_after_days: evidenceWindowDays, created_at: ago(24 * 400),
    });
  const backup = (tenantId: number, status: string, hoursAgo: number | null, failed = 0, items = 120): number => {
    const id = ++setId;
    backupSets.push({
      id, tenant_id: tenantId, name: `Nightly configuration backup ${id}`, status,
      item_count: items, failed_item_count: failed,
      started_at: hoursAgo === null ? ago(1) : ago(hoursAgo + 0.5),
      completed_at: hoursAgo === null ? null : ago(hoursAgo),
      created_at: hoursAgo === null ? ago(1) : ago(hoursAgo + 0.5),
    });
    return id;
  };
  const op = (tenantId: number, outcome: string, hoursAgo: number, status = "completed"): number => {
    const id = ++opId;
    operationRuns.push({
      id, tenant_id: tenantId, type: "restore.execute", status, outcome,
      started_at: ago(hoursAgo + 0.2), completed_at: status === "completed" ? ago(hoursAgo) : null,
    });
    return id;
  };
  const item = (n: number, status: string, extra: Json = {}) => ({
    key: `policy:${n}`, type: "deviceConfiguration", name: `Baseline policy ${n}`, status, ...extra,
  });
  const run = (r: {
    tenantId: number; status: string; hoursAgo: number; dry?: boolean; setId?: number | null; opId?: number | null;
    results?: unknown; metadata?: unknown; archivedHoursAgo?: number; completed?: boolean;
  }): number => {
    const id = ++runId;
    restoreRuns.push({
      id, tenant_id: r.tenantId, backup_set_id: r.setId ?? null, operation_run_id: r.opId ?? null,
      status: r.status, is_dry_run: r.dry ?? false, results: r.results ?? null, metadata: r.metadata ?? null,
      created_at: ago(r.hoursAgo + 1), completed_at: r.completed === false ? null : ago(r.hoursAgo),
      archived_at: r.archivedHoursAgo === undefined ? null : ago(r.archivedHoursAgo),
    });
    return id;
  };
  const clean = {
    items: [item(1, "applied"), item(2, "applied")],
    foundations: [{ key: "scopeTag:4", type: "scopeTag", status: "applied" }],
    assignments: [{ key: "a:9", item_key: "policy:1", target: "group:77", status: "applied" }],
  };

  // 1 Contoso — healthy backups, latest restore clean → no_recent_issues_visible.
  tenant(1, "Contoso Ltd", "contoso");
  backup(1, "completed", 50); backup(1, "completed", 26);
  const c = backup(1, "completed", 2);
  run({ tenantId: 1, status: "partial", hoursAgo: 24 * 20, setId: c, results: { items: [item(1, "failed")] } });
  run({ tenantId: 1, status: "completed", hoursAgo: 24 * 3, setId: c, opId: op(1, "succeeded", 24 * 3), results: clean, metadata: { scope_basis: "full" } });
  run({ tenantId: 1, status: "previewed", hoursAgo: 5, dry: true, setId: c });

  // 2 Fabrikam — healthy backups, never restored → unvalidated (a dry run does not count).
  tenant(2, "Fabrikam Inc", "fabrikam");
  const f = backup(2, "completed", 3);
  run({ tenantId: 2, status: "completed", hoursAgo: 10, dry: true, setId: f, results: clean });
  run({ tenantId: 2, status: "draft", hoursAgo: 8, setId: f, completed: false });

  // 3 Northwind — stale backups; latest restore failed, then archived → weakened, list fallback.
  tenant(3, "Northwind Traders", "northwind");
  const n = backup(3, "completed", 24 * 4);
  run({ tenantId: 3, status: "completed", hoursAgo: 24 * 30, setId: n, results: clean });
  run({
    tenantId: 3, status: "failed", hoursAgo: 24 * 2, setId: n, opId: op(3, "failed", 24 * 2),
    results: { items: [item(1, "failed", { message: "Graph API returned 403" }), item(2, "failed")] },
    archivedHoursAgo: 24,
  });

  // 4 Tailspin — degraded (latest set has failed items); a failure, then a newer dry run → weakened.
  tenant(4, "Tailspin Toys", "tailspin");
  const t = backup(4, "completed_with_errors", 6, 3);
  run({ tenantId: 4, status: "failed", hoursAgo: 30, setId: t, opId: op(4, "failed", 30), results: { items: [item(1, "failed")] } });
  run({ tenantId: 4, status: "completed", hoursAgo: 4, dry: true, setId: t, results: clean });

  // 5 Woodgrove — degraded (a failed attempt after the last good set); partial restore → weakened.
  tenant(5, "Woodgrove Bank", "woodgrove");
  const w = backup(5, "completed", 20);
  backup(5, "failed", 4);
  run({
    tenantId: 5, status: "partial", hoursAgo: 12, setId: w, opId: op(5, "partially_succeeded", 12),
    results: {
      items: [item(1, "applied"), item(2, "applied")],
      foundations: [{ key: "scopeTag:4", type: "scopeTag", status: "applied" }],
      assignments: [{ key: "a:9", item_key: "policy:1", target: "group:77", status: "failed", message: "group not found" }],
    },
  });
  run({ tenantId: 5, status: "running", hoursAgo: 1, setId: w, completed: false, opId: op(5, "pending", 1, "running") });

  // 6 Adatum — no backup sets at all; completed restore with skipped work → weakened (follow-up).
  tenant(6, "Adatum Corporation", "adatum");
  run({
    tenantId: 6, status: "completed", hoursAgo: 24 * 5,
    results: { items: [item(1, "applied")], foundations: [{ key: "scopeTag:4", type: "scopeTag", status: "skipped", message: "exists" }] },
    metadata: { non_applied: [{ key: "policy:7", reason: "Unsupported setting type" }], scope_basis: "selected" },
  });

  // 7 Litware — backups only queued/failed (no completed one); unrecognized restore status → weakened.
  tenant(7, "Litware Inc", "litware");
  backup(7, "failed", 30); backup(7, "queued", null);
  run({ tenantId: 7, status: "rolled_back", hoursAgo: 24 * 6, results: clean });

  // 8 Proseware — healthy backups with a long window; in-flight restore only → unvalidated.
  tenant(8, "Proseware Inc", "proseware", 72);
  const p = backup(8, "completed", 40);
  run({ tenantId: 8, status: "queued", hoursAgo: 0.5, setId: p, completed: false, opId: op(8, "pending", 0.5, "queued") });
  run({ tenantId: 8, status: "checked", hoursAgo: 2, setId: p, completed: false });

  // 9 Trey Research — clean restore but malformed results JSON → weakened (cannot confirm).
  tenant(9, "Trey Research", "trey-research");
  const tr = backup(9, "completed", 1);
  run({ tenantId: 9, status: "completed", hoursAgo: 24, setId: tr, results: { items: "see ticket 4411" }, metadata: "n/a" });

  // 10 Margie's Travel — current backups, a clean restore 200 days ago: still no_recent_issues_visible, but
  // older than the 90-day freshness window, so Needs Attention lists "Restore evidence is 200 days old".
  tenant(10, "Margie's Travel", "margies-travel");
  const m = backup(10, "completed", 3);
  run({ tenantId: 10, status: "completed", hoursAgo: 24 * 200, setId: m, opId: op(10, "succeeded", 24 * 200), results: clean, metadata: { scope_basis: "full" } });

  // 11 Coho Winery — a 30-day window (a stricter customer): a clean restore 45 days ago is stale there.
  tenant(11, "Coho Winery", "coho-winery", 24, 30);
  const cw = backup(11, "completed", 5);
  run({ tenantId: 11, status: "completed", hoursAgo: 24 * 45, setId: cw, results: clean });

  // Contoso's older history: enough runs to page the restore-run list (25 a page), all older than its
  // latest clean run, so they do not change its evidence.
  const history = ["completed", "failed", "partial", "completed", "previewed"];
  for (let i = 0; i < 36; i++) {
    const status = history[i % history.length]!;
    run({
      tenantId: 1, status, hoursAgo: 24 * (30 + i * 4), dry: status === "previewed", setId: c,
      results: status === "failed" ? { items: [item(1, "failed", { message: "Graph API throttled the request" })] } : clean,
    });
  }

  // 12 Fourth Coffee — clock skew: a clean restore and a backup dated days ahead hide today's failures.
  tenant(12, "Fourth Coffee", "fourth-coffee");
  backup(12, "completed", -24 * 2);
  backup(12, "failed", 3);
  run({ tenantId: 12, status: "completed", hoursAgo: -24 * 3, results: clean, metadata: { scope_basis: "full" } });
  run({ tenantId: 12, status: "failed", hoursAgo: 5, opId: op(12, "failed", 5), results: { items: [item(1, "failed", { message: "Access denied" })] } });

  // 13 Lamna Healthcare — current backups; its only clean restore is 120 days old: "no recent issues
  // visible", and stale evidence (older than the 90-day window).
  tenant(13, "Lamna Healthcare", "lamna");
  const l = backup(13, "completed", 4);
  run({ tenantId: 13, status: "completed", hoursAgo: 24 * 120, setId: l, results: clean, metadata: { scope_basis: "full" } });

  // 14 Alpine Ski House — stale backups; a cancelled restore that applied nothing → weakened (failed).
  tenant(14, "Alpine Ski House", "alpine-ski-house");
  backup(14, "completed", 24 * 3);
  run({ tenantId: 14, status: "cancelled", hoursAgo: 30, results: { items: [item(1, "skipped")] } });

  // 16 Adventure Works — current backups; a completed restore that recorded no outcomes → weakened.
  tenant(16, "Adventure Works", "adventure-works");
  backup(16, "completed", 6);
  run({ tenantId: 16, status: "completed", hoursAgo: 50, results: {} });

  // 17 Blue Yonder Airlines — degraded backups; a restore whose operation was blocked → weakened.
  tenant(17, "Blue Yonder Airlines", "blue-yonder");
  backup(17, "completed", 8, 2);
  run({ tenantId: 17, status: "completed", hoursAgo: 70, opId: op(17, "blocked", 70), results: clean });

  // 15 Wide World Importers — current backups; clean restore, and a newer one still running (context only).
  tenant(15, "Wide World Importers", "wide-world-importers");
  const ww = backup(15, "completed", 2);
  run({ tenantId: 15, status: "completed", hoursAgo: 40, setId: ww, opId: op(15, "succeeded", 40), results: clean });
  run({ tenantId: 15, status: "running", hoursAgo: 0.3, setId: ww, completed: false, opId: op(15, "pending", 0.3, "running") });

  // The owner owns every tenant: the fleet (§10) shows them all, worst first.
  // Contoso's last 90 days, for the dashboard's history strip.
  const stripHistory = buildDemoHistory(1, now);
  backupSets.push(...stripHistory.backup_sets);
  restoreRuns.push(...stripHistory.restore_runs);

  const allTenants = tenants.map((x) => x.id as number);
  return {
    tenants,
    users: [
      { email: DEMO_USERS.owner, name: "Olivia Owner", password: DEMO_PASSWORD, memberships: allTenants.map((id) => ({ tenant_id: id, role: "owner" })) },
      { email: DEMO_USERS.operator, name: "Oscar Operator", password: DEMO_PASSWORD, memberships: [{ tenant_id: 3, role: "operator" }] },
      { email: DEMO_USERS.viewer, name: "Vera Viewer", password: DEMO_PASSWORD, memberships: [{ tenant_id: 1, role: "viewer" }, { tenant_id: 3, role: "viewer" }] },
    ],
    backup_sets: backupSets,
    operation_runs: operationRuns,
    restore_runs: restoreRuns,
  };
}
