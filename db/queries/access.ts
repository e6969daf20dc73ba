import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { withDatabase } from "../../lib/errors";
import { getDb } from "../client";
import { memberships, sessions, tenants } from "../schema";

export interface TenantMembership {
  tenantId: number;
  tenantName: string;
  tenantSlug: string;
  role: MembershipRole;
}

/** The tenants a user belongs to, by name. Unknown roles are dropped (they grant nothing). */
export function listMemberships(userId: string): Promise<TenantMembership[]> {
  return withDatabase(async () => {
    const rows = await getDb()
      .select({ tenantId: tenants.id, tenantName: tenants.name, tenantSlug: tenants.slug, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(tenants.name), asc(tenants.id));
    return rows.flatMap((r) => (includes(MEMBERSHIP_ROLES, r.role) ? [{ ...r, role: r.role }] : []));
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
