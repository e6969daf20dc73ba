import type { Metadata } from "next";
import { DashboardCards } from "@/components/dashboard/loaders";
import { DataAsOf } from "@/components/ui/data-as-of";
import { NoTenantPage } from "@/components/ui/no-tenant";
import { PageHeader, TenantIntro } from "@/components/ui/page-header";
import { tenantPage } from "@/server/pages/preamble";
import { requestRead } from "@/server/pages/read";
import { PAGE_INTROS } from "@/lib/recovery/surface-copy";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { tenant, canViewRestoreHistory } = await tenantPage({ returnTo: "/dashboard" });
  if (!tenant) return <NoTenantPage title="Dashboard" />;
  const read = await requestRead();
  return (
    <>
      <PageHeader title="Dashboard">
        <TenantIntro intro={PAGE_INTROS.dashboard} tenantName={tenant.tenantName} />
      </PageHeader>
      <DataAsOf read={read} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <DashboardCards tenantId={tenant.tenantId} canViewRestoreHistory={canViewRestoreHistory} />
      </div>
    </>
  );
}
