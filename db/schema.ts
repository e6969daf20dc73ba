import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { RESTORE_IN_FLIGHT_STATUSES, RESTORE_NON_EXECUTED_STATUSES } from "../lib/recovery/vocabulary";

const tz = { withTimezone: true, mode: "date" } as const;

/**
 * A jsonb column read back exactly as stored. Both drivers (postgres.js, PGlite) already decode jsonb;
 * drizzle's own `jsonb` then JSON.parses any *string* value a second time, so a stored string such as "0" or
 * "{\"items\":[]}" came back as a number or an object — a malformed `results` read as well-formed, and the
 * dashboard disagreeing with the fleet's raw read of the same row (found by the projection property test).
 * Evidence columns hold whatever the dataset gave: they must read back as given.
 */
const storedJson = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => "jsonb",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

/** Where a backup attempt sits in time (backup health's order): its completion, else its start. */
export const backupSetPlacedAt = sql`coalesce("completed_at", "started_at")`;

/** Where a restore run sits in time (the §4 order of "latest relevant"): its completion, else its creation. */
export const restoreRunPlacedAt = sql`coalesce("completed_at", "created_at")`;

/* ───────────────────────── Domain (spec §1) ───────────────────────── */

export const tenants = pgTable(
  "tenants",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    backupStaleAfterHours: integer("backup_stale_after_hours").notNull().default(24),
    /** §9 freshness window: relevant restore evidence older than this many days is stale (CIS Control 11.5: quarterly). */
    restoreEvidenceStaleAfterDays: integer("restore_evidence_stale_after_days").notNull().default(90),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tenants_slug_unique").on(t.slug),
    // The target of memberships' (tenant_id, tenant_name) foreign key, which keeps their copy of the name exact.
    unique("tenants_id_name_unique").on(t.id, t.name),
  ],
);

export const backupSets = pgTable(
  "backup_sets",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Text, not an enum: whatever the source system reported is kept. */
    status: text("status").notNull(),
    itemCount: integer("item_count").notNull().default(0),
    failedItemCount: integer("failed_item_count").notNull().default(0),
    startedAt: timestamp("started_at", tz),
    completedAt: timestamp("completed_at", tz),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [
    // The backup-set list pages by these orders.
    index("backup_sets_tenant_completed_idx").on(t.tenantId, t.completedAt.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("backup_sets_tenant_id_idx").on(t.tenantId, t.id.desc().nullsFirst()),
    // Backup health reads one representative per (status, completed or not), whatever the history size:
    // the tenant's distinct statuses by a skip scan, then the newest completed set of each status…
    index("backup_sets_tenant_status_completed_idx").on(
      t.tenantId,
      t.status,
      t.completedAt.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    // …and the newest attempt without a completion time (no start time counts as newest).
    index("backup_sets_tenant_status_attempt_idx")
      .on(t.tenantId, t.status, t.startedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`"completed_at" is null`),
    // The dashboard's history strip: the attempts of a window of days, placed by `completed_at`, else
    // `started_at` (where backup health places an attempt) — an index range, whatever the history size.
    index("backup_sets_tenant_placed_idx").on(t.tenantId, backupSetPlacedAt),
  ],
);

export const operationRuns = pgTable(
  "operation_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    status: text("status").notNull(),
    outcome: text("outcome").notNull(),
    startedAt: timestamp("started_at", tz),
    completedAt: timestamp("completed_at", tz),
  },
  (t) => [index("operation_runs_tenant_idx").on(t.tenantId, t.id)],
);

/** The SQL twin of `isRelevantRestoreRun`: built from the same vocabulary, used by the index and the query. */
export const relevantRestoreRunPredicate = sql.raw(
  `"is_dry_run" = false and "status" not in (${RESTORE_NON_EXECUTED_STATUSES.map((s) => `'${s}'`).join(", ")})`,
);

/** In-flight restore runs (queued/running, not dry runs): context on the dashboard, never evidence. */
export const inFlightRestoreRunPredicate = sql.raw(
  `"is_dry_run" = false and "status" in (${RESTORE_IN_FLIGHT_STATUSES.map((s) => `'${s}'`).join(", ")})`,
);

export const restoreRuns = pgTable(
  "restore_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    backupSetId: integer("backup_set_id").references(() => backupSets.id, { onDelete: "set null" }),
    operationRunId: integer("operation_run_id").references(() => operationRuns.id, { onDelete: "set null" }),
    /** Text, never an enum: unrecognized statuses are stored as given and handled by the resolver. */
    status: text("status").notNull(),
    isDryRun: boolean("is_dry_run").notNull().default(false),
    results: storedJson("results"),
    metadata: storedJson("metadata"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    completedAt: timestamp("completed_at", tz),
    archivedAt: timestamp("archived_at", tz),
    /**
     * Cache of `resolveResultAttention(run, operationRun).state`, written by the importer and the load
     * generator, used only to filter and count the list server-side. Pages and the API always recompute
     * attention from the row itself. See docs/decisions/0003-attention-state-cache.md.
     */
    attentionState: text("attention_state").notNull().default("completed_with_follow_up"),
  },
  (t) => [
    // Latest relevant run (spec §4): an index lookup over relevant rows only.
    index("restore_runs_latest_relevant_idx")
      .on(t.tenantId, sql`coalesce("completed_at", "created_at") desc`, t.id.desc().nullsFirst())
      .where(relevantRestoreRunPredicate),
    // The list: default order, attention filter, and completed-at sort, each keyset-paged.
    index("restore_runs_tenant_id_idx").on(t.tenantId, t.id.desc().nullsFirst()),
    index("restore_runs_tenant_attention_idx").on(t.tenantId, t.attentionState, t.id.desc().nullsFirst()),
    index("restore_runs_tenant_completed_idx").on(t.tenantId, t.completedAt.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("restore_runs_operation_run_idx").on(t.operationRunId),
    // The dashboard's in-flight context: the newest queued/running run, an index lookup over few rows.
    index("restore_runs_in_flight_idx")
      .on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(inFlightRestoreRunPredicate),
    // The history strip's executed runs are a range of restore_runs_latest_relevant_idx; the runs that are
    // not evidence (dry runs, previews, in flight) are a range of this one (the predicate's complement).
    index("restore_runs_not_executed_placed_idx")
      .on(t.tenantId, restoreRunPlacedAt)
      .where(sql`not (${relevantRestoreRunPredicate})`),
  ],
);

/* ───────────────────────── Access (spec §6) ───────────────────────── */

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", tz).notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The operator's current tenant; only ever set to a tenant they are a member of. */
    activeTenantId: integer("active_tenant_id").references(() => tenants.id, { onDelete: "set null" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", tz),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", tz),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

/**
 * Relations for Better Auth's joins (`advanced.database.joins`): a session is read with its user, and a
 * user with their accounts, in one statement each (the drizzle adapter builds relational queries with
 * LATERAL subqueries). Names follow the adapter's convention: the singular model for one, plural for many.
 */
export const usersRelations = relations(users, ({ many }) => ({ sessions: many(sessions), accounts: many(accounts) }));
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));
export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", tz).notNull(),
  createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
});

export const rateLimits = pgTable("rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

export const memberships = pgTable(
  "memberships",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** owner | operator | viewer (checked at the import boundary and by a constraint). */
    role: text("role").notNull(),
    /**
     * The tenant's name, copied so the header's tenant list (first 100 by name) is an index range of the
     * user's memberships instead of a sort of all of them (5,000 for an MSP owner). The composite foreign
     * key below makes the copy exact: a rename in `tenants` cascades here.
     */
    tenantName: text("tenant_name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tenantId] }),
    index("memberships_tenant_idx").on(t.tenantId),
    index("memberships_user_name_idx").on(t.userId, t.tenantName, t.tenantId),
    foreignKey({ columns: [t.tenantId, t.tenantName], foreignColumns: [tenants.id, tenants.name], name: "memberships_tenant_name_fk" })
      .onUpdate("cascade")
      .onDelete("cascade"),
  ],
);

export type Tenant = typeof tenants.$inferSelect;
export type BackupSet = typeof backupSets.$inferSelect;
export type OperationRun = typeof operationRuns.$inferSelect;
export type RestoreRun = typeof restoreRuns.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;

/* ───────────────────────── Accountability (spec §14) ───────────────────────── */

export { auditEvents, type AuditEvent } from "./audit-schema";
