"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { setActiveTenant } from "@/db/queries/access";
import { getAuth } from "@/server/auth/server";
import { applyTenantSwitch, membershipFor } from "@/server/auth/viewer";
import { pageViewer } from "@/server/pages/preamble";
import { parseId } from "@/lib/errors";

/** Switches the session's current tenant; a tenant the operator does not belong to does not exist (404). */
export async function switchTenant(formData: FormData): Promise<void> {
  const viewer = await pageViewer();
  const raw = formData.get("tenantId");
  const tenantId = parseId(typeof raw === "string" ? raw : null);
  const membership = tenantId === null ? null : await membershipFor(viewer, tenantId);
  if (!membership) notFound();
  await setActiveTenant(viewer.sessionId, viewer.userId, membership.tenantId);
  applyTenantSwitch(viewer, membership);
  // Every page (the header's Tenant control included) depends on the current tenant: render it all anew.
  revalidatePath("/", "layout");
  redirect("/dashboard");
}

export async function signOut(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect("/sign-in");
}
