import { AppHeader } from "@/components/layout/app-header";
import { listMemberships, TENANT_SWITCHER_LIMIT } from "@/db/queries/access";
import { pageViewer } from "@/server/pages/preamble";
import { signOut, switchTenant } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await pageViewer();
  // A bounded page of tenants (operators of thousands search on /tenants); the current one is always listed.
  const { items, total } = await listMemberships(viewer.userId, { limit: TENANT_SWITCHER_LIMIT });
  const current = viewer.currentTenant;
  const listed = current && !items.some((m) => m.tenantId === current.tenantId) ? [current, ...items] : items;
  return (
    <>
      <AppHeader
        userName={viewer.name}
        userEmail={viewer.email}
        tenants={listed.map((m) => ({ id: m.tenantId, name: m.tenantName }))}
        moreTenants={Math.max(0, total - items.length)}
        currentTenantId={current?.tenantId ?? null}
        switchTenant={switchTenant}
        signOut={signOut}
      />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
