import "server-only";
/** The signed-in operator for a route handler, from the request's own headers (see viewerFromHeaders). */
import type { TenantMembership } from "../../db/queries/access";
import { membershipFor, viewerFromHeaders, type Viewer } from "../auth/viewer";
import { NotFoundError, UnauthenticatedError } from "../errors";

export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerFromHeaders(request.headers, { resolveCurrentTenant: false });
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** The viewer's membership in a tenant; a tenant they do not belong to does not exist for them (→ 404). */
export async function requireMembership(viewer: Viewer, tenantId: number): Promise<TenantMembership> {
  const membership = await membershipFor(viewer, tenantId);
  if (!membership) throw new NotFoundError();
  return membership;
}

