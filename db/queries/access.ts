import "server-only";
import { and, asc, count, eq, ilike } from "drizzle-orm";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import { memberships, sessions, tenants } from "../schema";

export interface TenantMembership {
  tenantId: number;
  tenantName: string;
  tenantSlug: string;
  role: MembershipRole;
}

const membershipColumns = {
  tenantId: tenants.id,
  tenantName: tenants.name,
  tenantSlug: tenants.slug,
  role: memberships.role,
};

/** Unknown roles grant nothing: such a row is treated as no membership. */
function known(rows: { tenantId: number; tenantName: string; tenantSlug: string; role: string }[]): TenantMembership[] {
  return rows.flatMap((r) => (includes(MEMBERSHIP_ROLES, r.role) ? [{ ...r, role: r.role }] : []));
}

/** The user's membership in one tenant (a primary-key lookup), or null: a non-member's tenant does not exist. */
export function getMembership(userId: string, tenantId: number, db: Executor = getDb()): Promise<TenantMembership | null> {
  return withDatabase(async () => {
    const rows = await db
      .select(membershipColumns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)))
      .limit(1);
    return known(rows)[0] ?? null;
  });
}

/** The user's first tenant by name: the current tenant when the session has none (or lost it). */
export function getFirstMembership(userId: string, db: Executor = getDb()): Promise<TenantMembership | null> {
  return withDatabase(async () => {
    const rows = await db
      .select(membershipColumns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(tenants.name), asc(tenants.id))
      .limit(5);
    return known(rows)[0] ?? null;
  });
}

/** How many tenants the header's Tenant control lists; more are reached through the tenant search page. */
export const TENANT_SWITCHER_LIMIT = 100;

/**
 * A bounded page of the user's tenants by name (optionally filtered by a name fragment), with the total.
 * An operator of thousands of tenants gets the first `limit` and a search, never all of them per request.
 */
export function listMemberships(
  userId: string,
  opts: { limit: number; query?: string },
  db: Executor = getDb(),
): Promise<{ items: TenantMembership[]; total: number }> {
  return withDatabase(async () => {
    const q = opts.query?.trim();
    const where = and(
      eq(memberships.userId, userId),
      q ? ilike(tenants.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    );
    const [rows, [totals]] = await Promise.all([
      db
        .select(membershipColumns)
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(where)
        .orderBy(asc(tenants.name), asc(tenants.id))
        .limit(opts.limit),
      db.select({ n: count() }).from(memberships).innerJoin(tenants, eq(tenants.id, memberships.tenantId)).where(where),
    ]);
    return { items: known(rows), total: totals?.n ?? 0 };
  });
}

/** Points the session at a tenant. The caller has checked membership; the update is also scoped to the session's user. */
export function setActiveTenant(sessionId: string, userId: string, tenantId: number): Promise<void> {
  return withDatabase(async () => {
    await getDb()
      .update(sessions)
      .set({ activeTenantId: tenantId, updatedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  });
}
