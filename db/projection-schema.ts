/**
 * The fleet's per-tenant projection (issue 10, docs/decisions/0017-tenant-evidence-projection.md): which
 * rows decide each tenant's evidence, so the fleet reads 3 primary-key probes per tenant instead of each
 * tenant's skip scans. Nothing here depends on `now`: staleness, freshness and clock skew are computed at
 * read time by the one tenant assessment, from these rows. Written only by `refreshTenantEvidence`
 * (db/write/tenant-evidence.ts), in the transaction of every write that changes a tenant's evidence.
 */
import { sql } from "drizzle-orm";
import { bigint, check, integer, jsonb, pgTable, smallint, text } from "drizzle-orm/pg-core";
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
 * The fleet rank schedule (lib/recovery/fleet-schedule.ts, decisions 0020 and 0022): per tenant ONE row, the
 * one assessment's rank fields in each interval of time (epoch ms), computed from the tenant's projection
 * and windows — a function of the evidence, not of `now`, which picks the interval at read time:
 * `width_bucket(now, valid_from)` is the interval holding `now` (the intervals are contiguous; the first
 * starts at SINCE_EVER), `signature[k]` its rank fields as one code (encodeRankSignature). Written only by
 * writeFleetSchedules (db/write/fleet-schedule.ts), in the projection writer's transaction. A tenant
 * without a row of the current version and its current windows is assessed live.
 */
export const tenantRankSchedules = pgTable(
  "tenant_rank_schedules",
  {
    tenantId: integer("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** FLEET_SCHEDULE_VERSION and the tenant's windows the schedule was computed with. */
    version: smallint("version").notNull(),
    backupStaleAfterHours: integer("backup_stale_after_hours").notNull(),
    restoreEvidenceStaleAfterDays: integer("restore_evidence_stale_after_days").notNull(),
    /** The latest relevant restore's time (ISO, as the summary reports it) and its epoch ms: the order's third key. */
    latestRelevantRestoreAt: text("latest_relevant_restore_at"),
    evidenceMs: bigint("evidence_ms", { mode: "number" }),
    /** Each interval's first instant, ascending (the first is SINCE_EVER); it lasts until the next one's. */
    validFrom: bigint("valid_from", { mode: "number" }).array().notNull(),
    /** Each interval's rank signature as its code (lib/recovery/fleet-schedule.ts). */
    signature: integer("signature").array().notNull(),
  },
  (t) => [
    // rank_schedule_starts_valid (migration 0012): at least one start, the first SINCE_EVER, strictly ascending —
    // what `width_bucket` needs to pick the interval holding `now`.
    check("tenant_rank_schedules_intervals", sql`rank_schedule_starts_valid(${t.validFrom}) and cardinality(${t.validFrom}) = cardinality(${t.signature})`),
  ],
);
