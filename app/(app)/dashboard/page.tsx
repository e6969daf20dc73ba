import type { Metadata } from "next";
import { Suspense } from "react";
import { BackupHealthSection, NeedsAttentionSection, RecoveryEvidenceSection } from "@/components/dashboard/loaders";
import { CardSkeleton } from "@/components/ui/skeleton";
import { NoTenant } from "@/components/ui/no-tenant";
import { PageHeader } from "@/components/ui/page-header";
import { mayViewRestoreHistory, requirePageViewer } from "@/server/auth/viewer";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requirePageViewer("/dashboard");
  const tenant = viewer.currentTenant;
  if (!tenant) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <NoTenant />
      </>
    );
  }
  const canViewRestoreHistory = mayViewRestoreHistory(tenant);
  return (
    <>
      <PageHeader title="Dashboard">
        Backup and restore evidence for <strong className="font-semibold">{tenant.tenantName}</strong>. Each card says
        only what its evidence supports.
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
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
      </div>
    </>
  );
}
