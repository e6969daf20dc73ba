/**
 * Tables of the live-ingest and change-event features (spec §12, §13): ingest API keys, webhook endpoints,
 * the transactional outbox (events and their per-endpoint deliveries, every attempt recorded) and the
 * last state emitted per tenant that the time-driven sweep compares with. Kept apart from schema.ts so
 * neither file grows past the size rule; drizzle.config.ts lists both.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { tenants } from "./schema";

const tz = { withTimezone: true, mode: "date" } as const;

/** A key carries exactly one permission, `ingest`, for exactly one tenant. Only its SHA-256 is stored. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The key's first characters, shown in lists so an owner can tell keys apart. Not enough to use it. */
    start: text("start").notNull(),
    /** Hex SHA-256 of the whole key (a 256-bit random secret, so a fast hash is the right one). */
    keyHash: text("key_hash").notNull().unique(),
    permission: text("permission").notNull().default("ingest"),
    createdByUserId: text("created_by_user_id"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", tz),
    revokedAt: timestamp("revoked_at", tz),
  },
  (t) => [
    index("api_keys_tenant_idx").on(t.tenantId, t.id),
    check("api_keys_permission_check", sql`${t.permission} = 'ingest'`),
  ],
);

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** Subscribed event types (a subset of WEBHOOK_EVENT_TYPES). */
    eventTypes: jsonb("event_types").$type<string[]>().notNull(),
    /** `whsec_` + base64; kept because HMAC signing needs it. Never logged, shown once. */
    secret: text("secret").notNull(),
    createdByUserId: text("created_by_user_id"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", tz),
  },
  (t) => [index("webhook_endpoints_tenant_idx").on(t.tenantId, t.id)],
);

/** The outbox: one row per change event, written in the transaction of the change that caused it. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    /** `msg_…`: the payload's `id` and the `webhook-id` header of every delivery and retry. */
    id: text("id").primaryKey(),
    tenantId: integer("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** The exact JSON text that is signed and sent. */
    payload: text("payload").notNull(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [index("webhook_events_tenant_idx").on(t.tenantId, t.createdAt.desc())],
);

/** One event to one endpoint. `next_attempt_at` is also the claim lease: a claimed row is pushed ahead. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** pending | delivered | failed (gave up after the retry window) | cancelled (endpoint revoked) */
    status: text("status").notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", tz).notNull().defaultNow(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", tz),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id.desc()),
    index("webhook_deliveries_event_idx").on(t.eventId),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: timestamp("attempted_at", tz).notNull().defaultNow(),
    /** The HTTP status, or null when no response arrived (refused, timeout, blocked target). */
    responseStatus: integer("response_status"),
    ok: boolean("ok").notNull(),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.id.desc())],
);

/**
 * The assessment last emitted (or baselined) per tenant, kept only while the tenant has an active
 * endpoint: every write and the periodic sweep compare the tenant's current assessment with it, emit the
 * difference and store the new one, under this row's lock.
 */
export const tenantEventState = pgTable("tenant_event_state", {
  tenantId: integer("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  backupHealth: jsonb("backup_health"),
  evidence: jsonb("evidence"),
  restoreEvidenceStale: boolean("restore_evidence_stale").notNull().default(false),
  updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
});

export type ApiKey = typeof apiKeys.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
