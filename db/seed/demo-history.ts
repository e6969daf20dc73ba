/**
 * Ninety days of history for one demo tenant, so the dashboard's strip has something to draw: a nightly
 * backup most days (some with errors or failed items, two failed nights, a four-night gap), monthly
 * test restores of every outcome, and dry runs and previews beside them. Everything lies before the
 * tenant's newest rows in the main demo dataset, so its backup posture and overview state stay what
 * that dataset says. Ids are in their own range.
 */
type Json = Record<string, unknown>;

const DAY_HOURS = 24;

export function buildDemoHistory(tenantId: number, now: Date): { backup_sets: Json[]; restore_runs: Json[] } {
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const backupSets: Json[] = [];
  const restoreRuns: Json[] = [];
  let setId = 7000;
  let runId = 8000;
  for (let day = 4; day <= 89; day++) {
    if (day >= 60 && day <= 63) continue; // the backup agent was down
    const hours = day * DAY_HOURS + 2;
    const status = day === 17 || day === 41 ? "failed" : day % 11 === 0 ? "completed_with_errors" : "completed";
    const failed = status === "completed_with_errors" ? 4 : day % 13 === 0 ? 1 : 0;
    backupSets.push({
      id: ++setId, tenant_id: tenantId, name: `Nightly configuration backup ${setId}`, status,
      item_count: 120, failed_item_count: failed,
      started_at: ago(hours + 0.5), completed_at: status === "failed" ? ago(hours + 0.2) : ago(hours), created_at: ago(hours + 0.5),
    });
  }
  const applied = (n: number) => ({ key: `policy:${n}`, type: "deviceConfiguration", name: `Baseline policy ${n}`, status: "applied" });
  const run = (daysAgo: number, r: Json) => {
    const hours = daysAgo * DAY_HOURS + 5;
    restoreRuns.push({
      id: ++runId, tenant_id: tenantId, backup_set_id: null, operation_run_id: null, is_dry_run: false,
      results: { items: [applied(1), applied(2)] }, metadata: null,
      created_at: ago(hours + 1), completed_at: ago(hours), archived_at: null, ...r,
    });
  };
  run(84, { status: "completed" });
  run(70, { status: "completed", is_dry_run: true });
  run(56, { status: "failed", results: { items: [{ ...applied(1), status: "failed", message: "Graph API returned 429" }] } });
  run(55, { status: "completed" });
  run(42, { status: "previewed", completed_at: null });
  run(28, { status: "partial", results: { items: [applied(1), { ...applied(2), status: "partial" }] } });
  run(27, { status: "completed", results: { items: [applied(1)], foundations: [{ key: "scopeTag:4", type: "scopeTag", status: "skipped", message: "exists" }] } });
  run(14, { status: "completed", is_dry_run: true });
  return { backup_sets: backupSets, restore_runs: restoreRuns };
}
