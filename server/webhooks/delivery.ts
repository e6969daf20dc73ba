/**
 * Delivering outbox events (§13), at least once: claim due deliveries (FOR UPDATE SKIP LOCKED, so several
 * processes share the work without sending one twice at a time; the claim pushes `next_attempt_at` ahead as
 * a lease, so a process killed mid-delivery leaves the row due again once the lease ends), send each signed
 * per Standard Webhooks, record the attempt, and schedule a retry with exponential backoff until the retry
 * window (≥ 24 h) has passed.
 */
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { rowsOf, type Database } from "../../db/client";
import { checkWebhookTarget } from "./targets";

export interface DeliveryOptions {
  allowPrivateTargets: boolean;
  retryBaseMs: number;
  retryHours: number;
  leaseMs?: number;
  timeoutMs?: number;
  batch?: number;
}

interface Claimed {
  id: number;
  endpointId: number;
  attemptCount: number;
  createdAt: Date;
  eventId: string;
  payload: string;
  url: string;
  secret: string;
}

const MAX_DELAY_MS = 10 * 60_000;

/**
 * Delay before retry number `attempt` (1 = after the first failure): base·2^(attempt−1), capped at
 * 10 minutes, so a receiver that comes back is reached within minutes however long it was down.
 */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}

export async function claimDueDeliveries(db: Database, limit: number, leaseMs: number): Promise<Claimed[]> {
  const result = await db.execute(sql`
    update webhook_deliveries d
       set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}), attempt_count = d.attempt_count + 1
      from (select id from webhook_deliveries
             where status = 'pending' and next_attempt_at <= now()
             order by next_attempt_at, id limit ${limit}
             for update skip locked) due,
           webhook_events e, webhook_endpoints ep
     where d.id = due.id and e.id = d.event_id and ep.id = d.endpoint_id
    returning d.id, d.endpoint_id, d.attempt_count, d.created_at, e.id as event_id, e.payload, ep.url, ep.secret`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: Number(r.id),
    endpointId: Number(r.endpoint_id),
    attemptCount: Number(r.attempt_count),
    createdAt: new Date(r.created_at as string),
    eventId: String(r.event_id),
    payload: String(r.payload),
    url: String(r.url),
    secret: String(r.secret),
  }));
}

/** The Standard Webhooks headers for one attempt (the id stays the event's on every retry). */
export function signedHeaders(eventId: string, secret: string, payload: string, at: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "recovery-posture-webhooks/1",
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(eventId, at, payload),
  };
}

async function send(c: Claimed, opts: DeliveryOptions): Promise<{ status: number | null; ok: boolean; error: string | null }> {
  try {
    await checkWebhookTarget(c.url, opts.allowPrivateTargets);
    const response = await fetch(c.url, {
      method: "POST",
      headers: signedHeaders(c.eventId, c.secret, c.payload, new Date()),
      body: c.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(opts.timeoutMs ?? Math.min(10_000, (opts.leaseMs ?? 60_000) / 2)),
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, ok, error: ok ? null : `HTTP ${response.status}` };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : "delivery failed";
    return { status: null, ok: false, error };
  }
}

async function record(db: Database, c: Claimed, r: { status: number | null; ok: boolean; error: string | null }, startedAt: number, opts: DeliveryOptions) {
  const now = Date.now();
  const givingUp = !r.ok && now - c.createdAt.getTime() > opts.retryHours * 3_600_000;
  const next = new Date(now + retryDelayMs(c.attemptCount, opts.retryBaseMs));
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into webhook_attempts (delivery_id, attempted_at, response_status, ok, error, duration_ms)
      values (${c.id}, ${new Date(startedAt).toISOString()}, ${r.status}, ${r.ok}, ${r.error}, ${Math.round(now - startedAt)})`);
    if (r.ok) {
      await tx.execute(sql`update webhook_deliveries set status = 'delivered', delivered_at = now() where id = ${c.id} and status = 'pending'`);
      await releaseBackoff(tx, c.endpointId, opts.leaseMs ?? 60_000);
    } else if (givingUp) {
      await tx.execute(sql`update webhook_deliveries set status = 'failed' where id = ${c.id} and status = 'pending'`);
    } else {
      await tx.execute(sql`update webhook_deliveries set next_attempt_at = ${next.toISOString()} where id = ${c.id} and status = 'pending'`);
    }
  });
}

/**
 * The endpoint answers again: what waits in backoff for it is due now. Rows under a claim's lease (in
 * flight in another worker) are left alone. The comparison uses `clock_timestamp()`, not `now()`: `now()`
 * is when this transaction began, and a claim committed after that (by another process, `now() + lease`
 * of its own, later statement) would look like backoff and be made due — and sent twice at once. Found by
 * two worker processes under load (scripts/two-workers.test.ts: 40 requests for 30 events).
 */
export async function releaseBackoff(tx: Pick<Database, "execute">, endpointId: number, leaseMs: number): Promise<void> {
  await tx.execute(sql`update webhook_deliveries set next_attempt_at = now()
    where endpoint_id = ${endpointId} and status = 'pending'
      and next_attempt_at > clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`);
}

/** One round: claim up to `batch` due deliveries and attempt them concurrently. Returns how many were claimed. */
export async function deliverDue(db: Database, opts: DeliveryOptions): Promise<number> {
  const claimed = await claimDueDeliveries(db, opts.batch ?? 20, opts.leaseMs ?? 60_000);
  await Promise.all(
    claimed.map(async (c) => {
      const startedAt = Date.now();
      const result = await send(c, opts);
      await record(db, c, result, startedAt, opts);
    }),
  );
  return claimed.length;
}
