import { AppHeader } from "@/components/layout/app-header";
import { RefreshOnRestore } from "@/components/layout/refresh-on-restore";
import { listMemberships, TENANT_SWITCHER_LIMIT } from "@/db/queries/access";
import { getViewer, mayViewRestoreHistory } from "@/server/auth/viewer";
import { signOut, switchTenant } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  // Signed out: each page redirects to sign-in itself, remembering its own path (only the page knows it).
  if (!viewer) return <main id="main">{children}</main>;
  // A bounded page of tenants (operators of thousands search on /tenants); the current one is always listed.
  const { items, total } = await listMemberships(viewer.userId, { limit: TENANT_SWITCHER_LIMIT });
  const current = viewer.currentTenant;
  const listed = current && !items.some((m) => m.tenantId === current.tenantId) ? [current, ...items] : items;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppHeader
        userName={viewer.name}
        userEmail={viewer.email}
        tenants={listed.map((m) => [m.tenantId, m.tenantName] as const)}
        moreTenants={Math.max(0, total - items.length)}
        currentTenantId={current?.tenantId ?? null}
        canViewRestoreHistory={mayViewRestoreHistory(current)}
        switchTenant={switchTenant}
        signOut={signOut}
      />
      <RefreshOnRestore />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-3 py-6 focus:outline-none sm:px-4">
        {children}
      </main>
    </>
  );
}
