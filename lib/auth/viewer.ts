import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { listMemberships, type TenantMembership } from "../../db/queries/access";
import { withDatabase } from "../errors";
import { canViewRestoreHistory } from "../recovery/vocabulary";
import { getAuth } from "./server";

export interface Viewer {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  memberships: TenantMembership[];
  /** The session's tenant if the user still belongs to it, else their first tenant, else null. */
  currentTenant: TenantMembership | null;
}

/** The signed-in operator, or null. A database failure throws DatabaseUnavailableError (never "signed out"). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const h = await headers();
  const session = await withDatabase(() => getAuth().api.getSession({ headers: h }));
  if (!session) return null;
  const memberships = await listMemberships(session.user.id);
  const active = (session.session as { activeTenantId?: number | null }).activeTenantId ?? null;
  const currentTenant = memberships.find((m) => m.tenantId === active) ?? memberships[0] ?? null;
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    sessionId: session.session.id,
    memberships,
    currentTenant,
  };
});

/** The membership that lets this viewer see a tenant, or null: a non-member's tenant does not exist for them. */
export function membershipFor(viewer: Viewer, tenantId: number): TenantMembership | null {
  return viewer.memberships.find((m) => m.tenantId === tenantId) ?? null;
}

export function mayViewRestoreHistory(m: TenantMembership | null): boolean {
  return m !== null && canViewRestoreHistory(m.role);
}
