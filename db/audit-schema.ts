import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The audit log (spec §14): one row per accountable action, append-only. There is no update or delete
 * path in the code, and a trigger (migration 0005_audit_append_only) refuses UPDATE and DELETE in the
 * database itself. `tenant_id` has no foreign key on purpose: the log outlives a tenant (and a
 * `--replace` import, which truncates the domain tables) rather than cascading away with it.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** user | api_key | system */
    actorType: text("actor_type").notNull(),
    /** The user id or API-key id; null when nobody is identified (a failed sign-in for an unknown account). */
    actorId: text("actor_id"),
    /** A human label at the time of the action (the user's email, the key's name); never a secret. */
    actorLabel: text("actor_label"),
    /** The tenant the action concerns; null for account-level actions (sign-in, sign-out). */
    tenantId: integer("tenant_id"),
    /** e.g. `sign_in.succeeded`, `tenant.switched`, `export.restore_runs` (AUDIT_ACTIONS in db/audit.ts). */
    action: text("action").notNull(),
    /** What was acted on, e.g. `tenant:4`, `restore_runs:export`, `api_key:abc`. */
    target: text("target"),
    clientAddress: text("client_address"),
    /** Small structured context (counts, formats, filters), redacted before it is written. */
    detail: jsonb("detail"),
  },
  (t) => [
    index("audit_events_tenant_idx").on(t.tenantId, t.id.desc()),
    index("audit_events_tenant_action_idx").on(t.tenantId, t.action, t.id.desc()),
    index("audit_events_actor_idx").on(t.actorId, t.id.desc()),
    check("audit_events_actor_type_check", sql`${t.actorType} in ('user', 'api_key', 'system')`),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
