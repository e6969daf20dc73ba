/** The demo shows everything the product distinguishes (README: "demo data showing everything"). */
import { describe, expect, it } from "vitest";
import { resolveBackupHealth } from "../../lib/recovery/backup-health";
import { resolveRecoveryEvidenceFromHistory } from "../../lib/recovery/evidence-summary";
import { isInFlightStatus } from "../../lib/recovery/vocabulary";
import { parseDataset } from "../import/importer";
import { buildDemoDataset } from "./demo-dataset";

const NOW = new Date("2026-11-26T12:00:00Z");
const DAY = 86_400_000;

function assessAll() {
  const { dataset, warnings } = parseDataset(buildDemoDataset(NOW), { now: NOW });
  const tenants = dataset.tenants.map((t) => {
    const runs = dataset.restore_runs
      .filter((r) => r.tenant_id === t.id)
      .map((r) => ({
        id: r.id!, tenantId: r.tenant_id, backupSetId: r.backup_set_id, operationRunId: r.operation_run_id, status: r.status,
        isDryRun: r.is_dry_run, results: r.results, metadata: r.metadata, createdAt: r.created_at, completedAt: r.completed_at, archivedAt: r.archived_at,
      }));
    const ops = dataset.operation_runs.filter((o) => o.tenant_id === t.id).map((o) => ({ id: o.id!, type: o.type, status: o.status, outcome: o.outcome }));
    const sets = dataset.backup_sets
      .filter((b) => b.tenant_id === t.id)
      .map((b) => ({ id: b.id!, status: b.status, failedItemCount: b.failed_item_count, startedAt: b.started_at, completedAt: b.completed_at }));
    const health = resolveBackupHealth({ tenantId: t.id!, backupSets: sets, staleAfterHours: t.backup_stale_after_hours, now: NOW });
    const evidence = resolveRecoveryEvidenceFromHistory({ tenantId: t.id!, backupPosture: health.posture, runs, operationRuns: ops, canViewRestoreHistory: true, now: NOW, staleAfterDays: t.restore_evidence_stale_after_days });
    return { name: t.name, runs, health, evidence };
  });
  return { tenants, warnings };
}

describe("the demo dataset shows everything", () => {
  const { tenants, warnings } = assessAll();

  it("enough tenants to fill a fleet, and a restore history that pages (25 a page)", () => {
    expect(tenants.length).toBeGreaterThanOrEqual(17);
    expect(Math.max(...tenants.map((t) => t.runs.length))).toBeGreaterThan(25);
  });

  it("every backup posture and every overview state", () => {
    expect(new Set(tenants.map((t) => t.health.posture))).toEqual(new Set(["absent", "stale", "degraded", "healthy"]));
    expect(new Set(tenants.map((t) => t.evidence.overviewState))).toEqual(new Set(["unvalidated", "weakened", "no_recent_issues_visible"]));
  });

  it("clock skew: a future-dated backup and restore, reported by the importer", () => {
    const skewed = tenants.find((t) => t.health.primaryReason === "latest_backup_time_in_future");
    expect(skewed?.evidence).toMatchObject({ overviewState: "weakened", latestRelevantAttentionState: "completed" });
    expect(warnings.some((w) => /clock skew/.test(w))).toBe(true);
  });

  it("a tenant whose only clean restore is over 90 days old, and in-flight runs", () => {
    const old = tenants.find(
      (t) => t.evidence.overviewState === "no_recent_issues_visible" && NOW.getTime() - Date.parse(t.evidence.latestRelevantRestoreAt!) > 90 * DAY,
    );
    expect(old?.name).toBe("Margie's Travel");
    expect(old?.evidence.restoreEvidenceStale).toBe(true);
    expect(tenants.some((t) => t.runs.some((r) => !r.isDryRun && isInFlightStatus(r.status)))).toBe(true);
  });
});
