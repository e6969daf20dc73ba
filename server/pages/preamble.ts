import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { TenantMembership } from "../../db/queries/access";
import { parseId } from "../../lib/errors";
import { getViewer, mayViewRestoreHistory, type Viewer } from "../auth/viewer";

/**
 * The preamble every signed-in page shares: viewer (or the sign-in page), then the current tenant, then
 * what the viewer's role allows there. The shell (app/(app)/layout.tsx) does the same first step.
 */

/** The signed-in viewer of this page request; without a valid session the request goes to /sign-in. */
export async function pageViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
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
export async function tenantPage(opts: { requireRestoreHistory?: boolean } = {}): Promise<TenantPage> {
  const viewer = await pageViewer();
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
