import type { Metadata } from "next";
import { DashboardCards } from "@/components/dashboard/loaders";
import { NoTenantPage } from "@/components/ui/no-tenant";
import { PageHeader, TenantIntro } from "@/components/ui/page-header";
import { tenantPage } from "@/server/pages/preamble";
import { PAGE_INTROS } from "@/lib/recovery/surface-copy";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { tenant, canViewRestoreHistory } = await tenantPage({ returnTo: "/dashboard" });
  if (!tenant) return <NoTenantPage title="Dashboard" />;
  return (
    <>
      <PageHeader title="Dashboard">
        <TenantIntro intro={PAGE_INTROS.dashboard} tenantName={tenant.tenantName} />
      </PageHeader>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <DashboardCards tenantId={tenant.tenantId} canViewRestoreHistory={canViewRestoreHistory} />
      </div>
    </>
  );
}
