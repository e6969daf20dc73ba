import "server-only";
import { and, desc, eq, gt, lt, sql, type SQL } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import { auditEvents, type AuditEvent } from "../audit-schema";
import { getDb, type Executor } from "../client";
import { memberships } from "../schema";

/**
 * Reads of the audit log (spec §14) for /audit and its export. An owner sees the events of the tenants
 * they own and their own account's events (sign-ins, sign-outs, exports across tenants); nobody else's.
 * Keyset paging on the id (newest first); every page is a range of an audit_events index.
 */
export interface AuditScope {
  userId: string;
  /** One owned tenant, or all of them. */
  tenantId: number | null;
  action: string | null;
}

export interface AuditRow extends AuditEvent {
  tenantName: string | null;
}

/** The tenants this user owns (id and name), bounded; the filter's choices. */
export function listOwnedTenants(userId: string, db: Executor = getDb()): Promise<{ id: number; name: string }[]> {
  return withDatabase(() =>
    db
      .select({ id: memberships.tenantId, name: memberships.tenantName })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner")))
      .orderBy(memberships.tenantName, memberships.tenantId)
      .limit(1000),
  );
}

function visible(scope: AuditScope): SQL {
  const owned = sql`(select m.tenant_id from memberships m where m.user_id = ${scope.userId} and m.role = 'owner')`;
  const tenantPart =
    scope.tenantId !== null
      ? sql`("audit_events"."tenant_id" = ${scope.tenantId} and "audit_events"."tenant_id" in ${owned})`
      : sql`("audit_events"."tenant_id" in ${owned} or ("audit_events"."tenant_id" is null and "audit_events"."actor_id" = ${scope.userId}))`;
  return and(tenantPart, scope.action ? eq(auditEvents.action, scope.action) : undefined)!;
}

async function select(db: Executor, scope: AuditScope, where: SQL | undefined, order: "desc" | "asc", limit: number): Promise<AuditRow[]> {
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      tenantId: auditEvents.tenantId,
      action: auditEvents.action,
      target: auditEvents.target,
      clientAddress: auditEvents.clientAddress,
      detail: auditEvents.detail,
      tenantName: sql<string | null>`(select m.tenant_name from memberships m where m.user_id = ${scope.userId} and m.tenant_id = "audit_events"."tenant_id")`,
    })
    .from(auditEvents)
    .where(and(visible(scope), where))
    .orderBy(order === "desc" ? desc(auditEvents.id) : auditEvents.id)
    .limit(limit);
  return rows;
}

export interface AuditPage {
  rows: AuditRow[];
  /** The id to continue with for older / newer events, or null at either end. */
  olderThan: number | null;
  newerThan: number | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of events, newest first; `before` pages to older events, `after` to newer ones. */
export function listAuditEvents(
  scope: AuditScope,
  cursor: { before?: number; after?: number },
  db: Executor = getDb(),
): Promise<AuditPage> {
  return withDatabase(async () => {
    if (cursor.after !== undefined) {
      const rows = await select(db, scope, gt(auditEvents.id, cursor.after), "asc", AUDIT_PAGE_SIZE + 1);
      const more = rows.length > AUDIT_PAGE_SIZE;
      const page = rows.slice(0, AUDIT_PAGE_SIZE).reverse();
      return { rows: page, newerThan: more ? page[0]!.id : null, olderThan: page.length ? page.at(-1)!.id : null };
    }
    const rows = await select(db, scope, cursor.before !== undefined ? lt(auditEvents.id, cursor.before) : undefined, "desc", AUDIT_PAGE_SIZE + 1);
    const more = rows.length > AUDIT_PAGE_SIZE;
    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    return { rows: page, olderThan: more ? page.at(-1)!.id : null, newerThan: cursor.before !== undefined && page.length ? page[0]!.id : null };
  });
}

/** Every matching event, newest first, in keyset batches: memory stays flat however long the log is. */
export async function* streamAuditEvents(scope: AuditScope, batch = 1000, db: Executor = getDb()): AsyncGenerator<AuditRow> {
  let before: number | undefined;
  for (;;) {
    const rows = await withDatabase(() =>
      select(db, scope, before !== undefined ? lt(auditEvents.id, before) : undefined, "desc", batch),
    );
    yield* rows;
    if (rows.length < batch) return;
    before = rows.at(-1)!.id;
  }
}
