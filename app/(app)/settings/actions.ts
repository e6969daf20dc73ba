"use server";
/**
 * Settings actions (owners only, for the session's current tenant — never a tenant named by the form):
 * create and revoke ingest API keys and webhook endpoints. A created secret is returned once, to be shown
 * once; only its hash (keys) or the signing secret itself (webhooks, HMAC needs it) is stored.
 */
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createApiKey, revokeApiKey, type Actor } from "@/db/queries/api-keys";
import { createWebhookEndpoint, revokeWebhookEndpoint } from "@/db/queries/webhooks";
import { env } from "@/lib/env";
import { clientAddressFrom } from "@/server/client-address";
import { parseId } from "@/lib/errors";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/recovery/change-events";
import { getViewer, membershipFor } from "@/server/auth/viewer";
import { checkWebhookTarget, WebhookTargetError } from "@/server/webhooks/targets";

export interface SecretResult {
  secret: string | null;
  error: string | null;
}

async function owner(): Promise<{ tenantId: number; actor: Actor }> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const current = viewer.currentTenant;
  const membership = current ? await membershipFor(viewer, current.tenantId) : null;
  if (!membership || membership.role !== "owner") throw new Error("Only an owner of the current tenant can change its settings.");
  const h = await headers();
  const clientAddress = clientAddressFrom(h);
  return { tenantId: membership.tenantId, actor: { type: "user", id: viewer.userId, label: viewer.email, clientAddress } };
}

const text = (f: FormData, name: string) => {
  const v = f.get(name);
  return typeof v === "string" ? v.trim() : "";
};

export async function createApiKeyAction(_prev: SecretResult, form: FormData): Promise<SecretResult> {
  const { tenantId, actor } = await owner();
  const name = text(form, "name");
  if (!name || name.length > 100) return { secret: null, error: "Give the key a name (up to 100 characters)." };
  const { key } = await createApiKey({ tenantId, name, actor });
  revalidatePath("/settings");
  return { secret: key, error: null };
}

export async function revokeApiKeyAction(form: FormData): Promise<void> {
  const { tenantId, actor } = await owner();
  const id = parseId(text(form, "id"));
  if (id !== null) await revokeApiKey({ id, tenantId, actor });
  revalidatePath("/settings");
}

export async function createWebhookAction(_prev: SecretResult, form: FormData): Promise<SecretResult> {
  const { tenantId, actor } = await owner();
  const chosen = form.getAll("events").filter((v): v is WebhookEventType => typeof v === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(v));
  let url: URL;
  try {
    url = await checkWebhookTarget(text(form, "url"), env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
  } catch (e) {
    return { secret: null, error: e instanceof WebhookTargetError ? e.message : "The URL cannot be used." };
  }
  const { secret } = await createWebhookEndpoint({ tenantId, url: url.toString(), eventTypes: chosen, actor });
  revalidatePath("/settings");
  return { secret, error: null };
}

export async function revokeWebhookAction(form: FormData): Promise<void> {
  const { tenantId, actor } = await owner();
  const id = parseId(text(form, "id"));
  if (id !== null) await revokeWebhookEndpoint({ id, tenantId, actor });
  revalidatePath("/settings");
}
