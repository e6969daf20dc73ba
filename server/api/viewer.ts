import "server-only";
/**
 * The signed-in operator for a route handler, from the request's own headers (see viewerFromHeaders).
 * Tenant access is checked by the handlers' own queries, which join the viewer's membership (a tenant
 * they do not belong to reads as null → 404), so a request costs no separate membership statement.
 */
import { viewerFromHeaders, type Viewer } from "../auth/viewer";
import { UnauthenticatedError } from "../../lib/errors";

export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerFromHeaders(request.headers, { resolveCurrentTenant: false });
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}
