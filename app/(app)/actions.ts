"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { setActiveTenant } from "@/db/queries/access";
import { getAuth } from "@/server/auth/server";
import { applyTenantSwitch, mayViewRestoreHistory, membershipFor } from "@/server/auth/viewer";
import { clientAddressFrom } from "@/server/client-address";
import { pageViewer } from "@/server/pages/preamble";
import { parseId } from "@/lib/errors";
import { pathAfterTenantSwitch } from "@/lib/navigation";

/** What a tenant-switch form asks for: the tenant, the page it was on, and whether to stay on that record. */
function parseSwitchForm(formData: FormData) {
  const field = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : null;
  };
  return { tenantId: parseId(field("tenantId")), returnTo: field("returnTo"), stay: field("stay") === "1" };
}

/**
 * Switches the session's current tenant on an explicit choice (a submitted form), then lands on the same
 * kind of page for the new tenant where it exists (lib/navigation pathAfterTenantSwitch). A tenant the
 * operator does not belong to does not exist (404) and nothing changes.
 */
export async function switchTenant(formData: FormData): Promise<void> {
  const viewer = await pageViewer();
  const request = parseSwitchForm(formData);
  const membership = request.tenantId === null ? null : await membershipFor(viewer, request.tenantId);
  if (!membership) notFound();
  // The session update and its audit row commit together (db/queries/access.ts).
  await setActiveTenant(viewer.sessionId, viewer.userId, membership.tenantId, {
    actorLabel: viewer.email,
    clientAddress: clientAddressFrom(await headers()),
    fromTenantId: viewer.currentTenant?.tenantId ?? null,
  });
  applyTenantSwitch(viewer, membership);
  // Every page (the header's Tenant control included) depends on the current tenant: render it all anew,
  // and drop every page of the old tenant from the browser's router cache.
  revalidatePath("/", "layout");
  redirect(
    pathAfterTenantSwitch(request.returnTo, { stay: request.stay, canViewRestoreHistory: mayViewRestoreHistory(membership) }),
  );
}

export async function signOut(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect("/sign-in");
}
