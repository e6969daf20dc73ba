import "server-only";
/**
 * Webhook endpoints (§13) and their delivery record. Creating an endpoint starts watching its tenant (the
 * current assessment becomes the baseline events compare with); revoking the last one stops it and
 * cancels what was still pending. Both write their audit row in the same transaction.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../lib/recovery/change-events";
import { withDatabase } from "../../lib/errors";
import { recordAudit } from "../audit";
import { getDb, type Database } from "../client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "../integrations-schema";
import { tenants } from "../schema";
import { baselineEventState, dropEventStateIfUnwatched } from "../write/change-outbox";
import { UnknownTenantError, type Actor } from "./api-keys";

export interface EndpointSummary {
  id: number;
  tenantId: number;
  url: string;
  eventTypes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

const summary = {
  id: webhookEndpoints.id,
  tenantId: webhookEndpoints.tenantId,
  url: webhookEndpoints.url,
  eventTypes: webhookEndpoints.eventTypes,
  createdAt: webhookEndpoints.createdAt,
  revokedAt: webhookEndpoints.revokedAt,
};

/** `whsec_` + base64 of 24 random bytes: the Standard Webhooks secret format. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export async function createWebhookEndpoint(
  input: { tenantId: number; url: string; eventTypes?: WebhookEventType[]; actor: Actor },
  db: Database = getDb(),
): Promise<{ endpoint: EndpointSummary; secret: string }> {
  const secret = newWebhookSecret();
  const eventTypes = input.eventTypes?.length ? [...new Set(input.eventTypes)] : [...WEBHOOK_EVENT_TYPES];
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, input.tenantId)).for("share");
    if (!tenant) throw new UnknownTenantError(input.tenantId);
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ tenantId: input.tenantId, url: input.url, eventTypes, secret, createdByUserId: input.actor.type === "user" ? input.actor.id : null })
      .returning(summary);
    await baselineEventState(tx, input.tenantId, new Date());
    await recordAudit(tx, {
      actorType: input.actor.type, actorId: input.actor.id, actorLabel: input.actor.label, tenantId: input.tenantId,
      action: "webhook.created", target: `webhook:${row!.id}`, clientAddress: input.actor.clientAddress ?? null,
      detail: { url: input.url, eventTypes },
    });
    return { endpoint: row!, secret };
  });
}

export function listWebhookEndpoints(tenantId?: number, db: Database = getDb()): Promise<EndpointSummary[]> {
  return withDatabase(() =>
    db.select(summary).from(webhookEndpoints)
      .where(tenantId === undefined ? undefined : eq(webhookEndpoints.tenantId, tenantId))
      .orderBy(asc(webhookEndpoints.tenantId), asc(webhookEndpoints.id)),
  );
}

export async function revokeWebhookEndpoint(input: { id: number; tenantId?: number; actor: Actor }, db: Database = getDb()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, input.id), isNull(webhookEndpoints.revokedAt),
        input.tenantId === undefined ? undefined : eq(webhookEndpoints.tenantId, input.tenantId)))
      .returning({ id: webhookEndpoints.id, tenantId: webhookEndpoints.tenantId, url: webhookEndpoints.url });
    if (!row) return false;
    await tx.update(webhookDeliveries).set({ status: "cancelled" })
      .where(and(eq(webhookDeliveries.endpointId, row.id), eq(webhookDeliveries.status, "pending")));
    await dropEventStateIfUnwatched(tx, row.tenantId);
    await recordAudit(tx, {
      actorType: input.actor.type, actorId: input.actor.id, actorLabel: input.actor.label, tenantId: row.tenantId,
      action: "webhook.revoked", target: `webhook:${row.id}`, clientAddress: input.actor.clientAddress ?? null, detail: { url: row.url },
    });
    return true;
  });
}

export interface DeliveryView {
  id: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  attempts: { attemptedAt: Date; responseStatus: number | null; ok: boolean; error: string | null; durationMs: number }[];
}

/** The latest deliveries of a tenant's endpoints, each with every attempt (newest first), for owners. */
export function listRecentDeliveries(tenantId: number, limit = 20, db: Database = getDb()): Promise<DeliveryView[]> {
  return withDatabase(async () => {
    const rows = await db
      .select({
        id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, eventId: webhookDeliveries.eventId,
        eventType: webhookEvents.type, status: webhookDeliveries.status, attemptCount: webhookDeliveries.attemptCount,
        nextAttemptAt: webhookDeliveries.nextAttemptAt, deliveredAt: webhookDeliveries.deliveredAt,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookEndpoints.tenantId, tenantId))
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit);
    if (!rows.length) return [];
    const attempts = await db.select().from(webhookAttempts)
      .where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)))
      .orderBy(desc(webhookAttempts.id));
    return rows.map((r) => ({ ...r, attempts: attempts.filter((a) => a.deliveryId === r.id) }));
  });
}
