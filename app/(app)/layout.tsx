import { redirect } from "next/navigation";
import { AppHeader } from "@/components/layout/app-header";
import { getViewer } from "@/lib/auth/viewer";
import { signOut, switchTenant } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return (
    <>
      <AppHeader
        userName={viewer.name}
        userEmail={viewer.email}
        tenants={viewer.memberships.map((m) => ({ id: m.tenantId, name: m.tenantName }))}
        currentTenantId={viewer.currentTenant?.tenantId ?? null}
        switchTenant={switchTenant}
        signOut={signOut}
      />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
