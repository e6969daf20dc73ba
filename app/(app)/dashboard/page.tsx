import type { Metadata } from "next";
import { Suspense } from "react";
import { BackupHealthSection, HistoryStripSection, NeedsAttentionSection, RecoveryEvidenceSection } from "@/components/dashboard/loaders";
import { DataAsOf } from "@/components/ui/data-as-of";
import { CardSkeleton } from "@/components/ui/skeleton";
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
        <Suspense fallback={<CardSkeleton id="backup-health" title="Backup health" />}>
          <BackupHealthSection tenantId={tenant.tenantId} canViewRestoreHistory={canViewRestoreHistory} />
        </Suspense>
        <Suspense fallback={<CardSkeleton id="recovery-evidence" title="Recovery evidence" />}>
          <RecoveryEvidenceSection tenantId={tenant.tenantId} canViewRestoreHistory={canViewRestoreHistory} />
        </Suspense>
        <div className="lg:col-span-2">
          <Suspense fallback={<CardSkeleton id="needs-attention" title="Needs attention" lines={2} />}>
            <NeedsAttentionSection tenantId={tenant.tenantId} canViewRestoreHistory={canViewRestoreHistory} />
          </Suspense>
        </div>
        <div className="lg:col-span-2">
          {/* Not behind <Suspense>: the strip is part of the page as served, so it shows without script
              (a streamed boundary is revealed by an inline script). Its read runs beside the cards'. */}
          <HistoryStripSection tenantId={tenant.tenantId} canViewRestoreHistory={canViewRestoreHistory} />
        </div>
      </div>
    </>
  );
}
