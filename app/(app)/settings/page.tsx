import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ApiKeysCard } from "@/components/settings/api-keys-card";
import { DeliveriesCard } from "@/components/settings/deliveries-card";
import { WebhooksCard } from "@/components/settings/webhooks-card";
import { NoTenant } from "@/components/ui/no-tenant";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/db/queries/api-keys";
import { listRecentDeliveries, listWebhookEndpoints } from "@/db/queries/webhooks";
import { WEBHOOK_EVENT_TYPES } from "@/lib/recovery/change-events";
import { getViewer } from "@/server/auth/viewer";
import { createApiKeyAction, createWebhookAction, revokeApiKeyAction, revokeWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

/** Owners manage the current tenant's ingest API keys and webhook endpoints and see every delivery attempt. */
export default async function SettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const tenant = viewer.currentTenant;
  if (!tenant) {
    return (
      <>
        <PageHeader title="Settings" />
        <NoTenant />
      </>
    );
  }
  if (tenant.role !== "owner") {
    return (
      <>
        <PageHeader title="Settings" />
        <p role="status" className="max-w-xl text-slate-800">
          Only owners of {tenant.tenantName} manage its API keys and webhooks. Your role here is {tenant.role}.
        </p>
      </>
    );
  }
  const [keys, endpoints, deliveries] = await Promise.all([
    listApiKeys(tenant.tenantId),
    listWebhookEndpoints(tenant.tenantId),
    listRecentDeliveries(tenant.tenantId, 25),
  ]);
  return (
    <>
      <PageHeader title="Settings">
        Live evidence for <strong className="font-semibold">{tenant.tenantName}</strong>: keys for backup tooling, and where
        change events go.
      </PageHeader>
      <div className="space-y-6">
        <ApiKeysCard tenantName={tenant.tenantName} keys={keys} create={createApiKeyAction} revoke={revokeApiKeyAction} />
        <WebhooksCard
          tenantName={tenant.tenantName}
          endpoints={endpoints}
          eventTypes={WEBHOOK_EVENT_TYPES}
          create={createWebhookAction}
          revoke={revokeWebhookAction}
        />
        <DeliveriesCard deliveries={deliveries} />
      </div>
    </>
  );
}
