/**
 * The transactional outbox (§13): inside the transaction of a write (or of the periodic sweep), compare
 * each watched tenant's current assessment with the state last emitted for it, write one outbox event per
 * change and one delivery per subscribed endpoint, and store the new state. Only tenants with an active
 * endpoint are watched (they have a tenant_event_state row); for the others there is nobody to tell.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { assessTenant, type TenantAssessment } from "../../lib/recovery/assessment";
import {
  changeEvents,
  restoreEvidenceStaleOf,
  stateDiffers,
  type ChangeEvent,
  type CurrentState,
  type EmittedState,
} from "../../lib/recovery/change-events";
import type { Executor } from "../client";
import { tenantEventState, webhookEndpoints } from "../integrations-schema";
import { getRecoveryEvidenceInputs } from "../queries/evidence-inputs";

export type StateRow = typeof tenantEventState.$inferSelect;

/** Locks the watched tenants' state rows (in id order, so concurrent writers cannot deadlock). */
export async function lockEventStates(tx: Executor, tenantIds: number[], skipLocked = false): Promise<Map<number, StateRow>> {
  if (tenantIds.length === 0) return new Map();
  const ids = [...new Set(tenantIds)].sort((a, b) => a - b);
  const query = tx.select().from(tenantEventState).where(inArray(tenantEventState.tenantId, ids)).orderBy(asc(tenantEventState.tenantId));
  const rows = await (skipLocked ? query.for("update", { skipLocked: true }) : query.for("update"));
  return new Map(rows.map((r) => [r.tenantId, r]));
}

function emitted(row: StateRow): EmittedState | null {
  if (!row.backupHealth || !row.evidence) return null;
  return {
    backupHealth: row.backupHealth as EmittedState["backupHealth"],
    evidence: row.evidence as EmittedState["evidence"],
    restoreEvidenceStale: row.restoreEvidenceStale,
  };
}

/** The tenant's assessment now, as events see it (the owner's view: the action is never disabled). */
export async function currentAssessment(tx: Executor, tenantId: number, now: Date): Promise<{ assessment: TenantAssessment; state: CurrentState } | null> {
  const inputs = await getRecoveryEvidenceInputs(tenantId, { db: tx });
  if (!inputs) return null;
  const assessment = assessTenant(inputs, { now, canViewRestoreHistory: true });
  return {
    assessment,
    state: {
      backupHealth: assessment.backupHealth,
      evidence: assessment.evidence,
      restoreEvidenceStale: restoreEvidenceStaleOf(assessment.evidence),
    },
  };
}

async function writeEvents(tx: Executor, tenantId: number, events: ChangeEvent[], now: Date): Promise<number> {
  if (events.length === 0) return 0;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), isNull(webhookEndpoints.revokedAt)));
  let written = 0;
  for (const event of events) {
    const targets = endpoints.filter((e) => e.eventTypes.includes(event.type));
    if (targets.length === 0) continue;
    const id = `msg_${randomUUID().replaceAll("-", "")}`;
    const payload = JSON.stringify({
      id,
      type: event.type,
      timestamp: now.toISOString(),
      data: { tenantId, previous: event.previous, current: event.current },
    });
    // The event and one delivery per subscribed endpoint, in one statement.
    await tx.execute(sql`
      with event as (
        insert into webhook_events (id, tenant_id, type, payload, created_at)
        values (${id}, ${tenantId}, ${event.type}, ${payload}, ${now.toISOString()}) returning id)
      insert into webhook_deliveries (event_id, endpoint_id, next_attempt_at)
      select event.id, target.id, ${now.toISOString()} from event,
        (select (jsonb_array_elements_text(${JSON.stringify(targets.map((t) => t.id))}::jsonb))::int as id) target`);
    written++;
  }
  return written;
}

/**
 * Compares and emits for every tenant in `states` (locked by the caller), and returns the assessments
 * computed on the way, plus those of `alsoAssess` (the ingest response needs its tenant's, watched or not).
 */
export async function deriveChanges(
  tx: Executor,
  states: Map<number, StateRow>,
  now: Date,
  alsoAssess: number[] = [],
): Promise<{ assessments: Map<number, TenantAssessment>; events: number }> {
  const assessments = new Map<number, TenantAssessment>();
  let events = 0;
  for (const [tenantId, row] of states) {
    const current = await currentAssessment(tx, tenantId, now);
    if (!current) continue;
    assessments.set(tenantId, current.assessment);
    const previous = emitted(row);
    events += await writeEvents(tx, tenantId, changeEvents(previous, current.state), now);
    if (stateDiffers(previous, current.state)) {
      await tx
        .update(tenantEventState)
        .set({
          backupHealth: current.state.backupHealth,
          evidence: current.state.evidence,
          restoreEvidenceStale: current.state.restoreEvidenceStale,
          updatedAt: now,
        })
        .where(eq(tenantEventState.tenantId, tenantId));
    }
  }
  for (const tenantId of alsoAssess) {
    if (assessments.has(tenantId)) continue;
    const current = await currentAssessment(tx, tenantId, now);
    if (current) assessments.set(tenantId, current.assessment);
  }
  return { assessments, events };
}

/**
 * Starts watching a tenant (its first endpoint was created): its current state becomes the baseline and
 * nothing is emitted. A tenant already watched keeps its state, so a pending change is not swallowed.
 */
export async function baselineEventState(tx: Executor, tenantId: number, now: Date): Promise<void> {
  const current = await currentAssessment(tx, tenantId, now);
  if (!current) return;
  const values = {
    backupHealth: current.state.backupHealth,
    evidence: current.state.evidence,
    restoreEvidenceStale: current.state.restoreEvidenceStale,
    updatedAt: now,
  };
  await tx
    .insert(tenantEventState)
    .values({ tenantId, ...values })
    .onConflictDoNothing({ target: tenantEventState.tenantId });
}

/** Stops watching a tenant once its last active endpoint is revoked. */
export async function dropEventStateIfUnwatched(tx: Executor, tenantId: number): Promise<void> {
  await tx.execute(sql`
    delete from tenant_event_state s where s.tenant_id = ${tenantId}
      and not exists (select 1 from webhook_endpoints e where e.tenant_id = ${tenantId} and e.revoked_at is null)`);
}
