/**
 * The fleet's per-tenant projection (issue 10, docs/decisions/0017-tenant-evidence-projection.md): which
 * rows decide each tenant's evidence, so the fleet reads 3 primary-key probes per tenant instead of each
 * tenant's skip scans. Nothing here depends on `now`: staleness, freshness and clock skew are computed at
 * read time by the one tenant assessment, from these rows. Written only by `refreshTenantEvidence`
 * (db/write/tenant-evidence.ts), in the transaction of every write that changes a tenant's evidence.
 */
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { tenants } from "./schema";

export const tenantEvidence = pgTable("tenant_evidence", {
  tenantId: integer("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** The latest relevant restore run (§4: not a dry run, executed), by the same subquery the dashboard reads; null when none. */
  latestRelevantRunId: integer("latest_relevant_run_id"),
  /** The backup-health representatives (backupHealthSetsSql's rows, as JSON: id, name, status, counts, times). */
  backupSets: jsonb("backup_sets").notNull(),
});

export type TenantEvidenceRow = typeof tenantEvidence.$inferSelect;

/**
 * The fleet rank schedule (lib/recovery/fleet-schedule.ts, docs/decisions/0020-fleet-rank-schedule.md): per
 * tenant, the one assessment's rank fields in each interval of time [valid_from, valid_until) (epoch ms),
 * computed from the tenant's projection and windows — a function of the evidence, not of `now`, which
 * picks the interval at read time. Written only by writeFleetSchedules (db/write/fleet-schedule.ts), in
 * the projection writer's transaction. A tenant without segments of the current version and its current
 * windows is assessed live.
 */
export const tenantRankSegments = pgTable(
  "tenant_rank_segments",
  {
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    validFrom: bigint("valid_from", { mode: "number" }).notNull(),
    validUntil: bigint("valid_until", { mode: "number" }).notNull(),
    /** FLEET_SCHEDULE_VERSION and the tenant's windows the segment was computed with. */
    version: smallint("version").notNull(),
    backupStaleAfterHours: integer("backup_stale_after_hours").notNull(),
    restoreEvidenceStaleAfterDays: integer("restore_evidence_stale_after_days").notNull(),
    severity: text("severity").notNull(),
    severityRank: smallint("severity_rank").notNull(),
    itemCount: smallint("item_count").notNull(),
    overviewState: text("overview_state").notNull(),
    backupPosture: text("backup_posture").notNull(),
    restoreEvidenceStale: boolean("restore_evidence_stale").notNull(),
    evidenceAge: text("evidence_age").notNull(),
    /** The latest relevant restore's time (ISO, as the summary reports it) and its epoch ms: the order's third key. */
    latestRelevantRestoreAt: text("latest_relevant_restore_at"),
    evidenceMs: bigint("evidence_ms", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.validFrom] })],
);
