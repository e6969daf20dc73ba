import "server-only";
import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getFirstMembership, getMembership, type TenantMembership } from "../../db/queries/access";
import { DatabaseUnavailableError } from "../../lib/errors";
import { noteDatabaseFailure } from "../../lib/db-breaker";
import { errorCode, logError } from "../../lib/redact";
import { signInHref } from "../../lib/navigation";
import { canViewRestoreHistory } from "../../lib/recovery/vocabulary";
import type { SessionUser } from "./session-read";
import { getAuth, getSessionReader } from "./server";

export interface Viewer {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  /** The session's tenant if the user still belongs to it, else their first tenant, else null (always null in the API). */
  currentTenant: TenantMembership | null;
}

/**
 * The signed-in operator for these request headers, or null when they carry no valid session. A failure
 * to read the session store is DatabaseUnavailableError (→ 503 / error page), never "signed out": an
 * outage must not look like a logout. Takes plain headers so route handlers stay callable in tests.
 */
export async function viewerFromHeaders(
  h: Headers,
  opts: { resolveCurrentTenant: boolean } = { resolveCurrentTenant: true },
): Promise<Viewer | null> {
  // Configuration errors (e.g. no BETTER_AUTH_SECRET in production) surface as themselves, not as an outage.
  const auth = getAuth();
  const readSession = getSessionReader();
  let session: SessionUser | null;
  try {
    const read = await readSession(h);
    // Everything but a plainly valid session (or none at all) is Better Auth's to decide: it refreshes,
    // expires and refuses sessions (server/auth/session-read.ts).
    session = read.kind === "session" ? read.value : read.kind === "none" ? null : await auth.api.getSession({ headers: h });
  } catch (e) {
    // Better Auth answers UNAUTHORIZED when the session vanished while being refreshed: that is signed out.
    if (isAPIError(e) && e.statusCode === 401) return null;
    logError("auth session lookup", e);
    noteDatabaseFailure(errorCode(e));
    throw new DatabaseUnavailableError(e);
  }
  if (!session) return null;
  // Pages need the current tenant: two indexed lookups at most, however many tenants the user belongs to.
  // The API names its tenant in the path and checks that membership itself, so it skips this.
  const active = session.session.activeTenantId ?? null;
  const currentTenant = !opts.resolveCurrentTenant
    ? null
    : ((active !== null ? await getMembership(session.user.id, active) : null) ?? (await getFirstMembership(session.user.id)));
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    sessionId: session.session.id,
    currentTenant,
  };
}

/** The viewer of the current page request, read once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerFromHeaders(await headers()));

/**
 * The viewer of a page, or a redirect to sign-in that remembers `returnTo` (the page's own path and query:
 * only a page knows it, so pages call this rather than the layout). Sign-in validates it again.
 */
export async function requirePageViewer(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(signInHref(returnTo));
  return viewer;
}

/** A page's path with its query string, for requirePageViewer. Repeated keys are kept; nothing is decoded twice. */
export function pathWithQuery(pathname: string, searchParams: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) q.append(key, v);
  }
  const s = q.toString();
  return s ? `${pathname}?${s}` : pathname;
}

/** The membership that lets this viewer see a tenant (the tenant switch), or null: a non-member's tenant does not exist for them. */
export async function membershipFor(viewer: Viewer, tenantId: number): Promise<TenantMembership | null> {
  if (viewer.currentTenant?.tenantId === tenantId) return viewer.currentTenant;
  return getMembership(viewer.userId, tenantId);
}

export function mayViewRestoreHistory(m: TenantMembership | null): boolean {
  return m !== null && canViewRestoreHistory(m.role);
}

/**
 * After a tenant switch, the same request goes on to render the redirect target with the viewer that
 * `cache` already holds: update that object so the render shows the tenant the session now has.
 */
export function applyTenantSwitch(viewer: Viewer, membership: TenantMembership): void {
  viewer.currentTenant = membership;
}
