/**
 * The fleet's per-tenant projection (issue 10, docs/decisions/0017-tenant-evidence-projection.md): which
 * rows decide each tenant's evidence, so the fleet reads 3 primary-key probes per tenant instead of each
 * tenant's skip scans. Nothing here depends on `now`: staleness, freshness and clock skew are computed at
 * read time by the one tenant assessment, from these rows. Written only by `refreshTenantEvidence`
 * (db/write/tenant-evidence.ts), in the transaction of every write that changes a tenant's evidence.
 */
import { integer, jsonb, pgTable } from "drizzle-orm/pg-core";
import { tenants } from "./schema";

export const tenantEvidence = pgTable("tenant_evidence", {
  tenantId: integer("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** The latest relevant restore run (§4: not a dry run, executed), by the same subquery the dashboard reads; null when none. */
  latestRelevantRunId: integer("latest_relevant_run_id"),
  /** The backup-health representatives (backupHealthSetsSql's rows, as JSON: id, name, status, counts, times). */
  backupSets: jsonb("backup_sets").notNull(),
  /**
   * The fleet rank schedule (lib/recovery/fleet-schedule.ts): the assessment's rank fields per interval of
   * time, computed from the two columns above and the tenant's windows — a function of the evidence, not of
   * `now`, which picks the interval at read time. Null until computed (the fleet then assesses live).
   */
  schedule: jsonb("schedule"),
});

export type TenantEvidenceRow = typeof tenantEvidence.$inferSelect;
