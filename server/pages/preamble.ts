import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { TenantMembership } from "../../db/queries/access";
import { parseId } from "../../lib/errors";
import { signInHref } from "../../lib/navigation";
import { getViewer, mayViewRestoreHistory, type Viewer } from "../auth/viewer";

/**
 * The preamble every signed-in page shares: viewer (or the sign-in page), then the current tenant, then
 * what the viewer's role allows there. The shell (app/(app)/layout.tsx) reads the viewer too but does not
 * redirect: only a page knows its own URL, so each page sends a signed-out request to sign-in with
 * `?next=<its path>` (lib/navigation signInHref; sign-in validates it again).
 */

/**
 * The signed-in viewer of this page request; without a valid session the request goes to sign-in,
 * remembering `returnTo` (the page's path and query) so sign-in can return there.
 */
export async function pageViewer(returnTo?: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(signInHref(returnTo));
  return viewer;
}

export interface TenantPage {
  viewer: Viewer;
  /** The current tenant, or null when the viewer belongs to none (the page shows NoTenantPage). */
  tenant: TenantMembership | null;
  /** Whether the viewer's role in the current tenant may see its restore history (owner, operator). */
  canViewRestoreHistory: boolean;
}

/**
 * A page about the current tenant. With `requireRestoreHistory`, a role that may not see restore history
 * gets the 403 page (forbidden()), never an empty list.
 */
export async function tenantPage(opts: { requireRestoreHistory?: boolean; returnTo?: string } = {}): Promise<TenantPage> {
  const viewer = await pageViewer(opts.returnTo);
  const tenant = viewer.currentTenant;
  const canViewRestoreHistory = mayViewRestoreHistory(tenant);
  if (tenant && opts.requireRestoreHistory && !canViewRestoreHistory) forbidden();
  return { viewer, tenant, canViewRestoreHistory };
}

/** The id of a detail page's `[id]` segment; a malformed id is "not found" like an unknown one. */
export async function pageId(params: Promise<{ id: string }>): Promise<number> {
  const id = parseId((await params).id);
  if (id === null) notFound();
  return id;
}
