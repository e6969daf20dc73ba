import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackupSetDetail } from "@/components/backup-sets/backup-set-detail";
import { OtherTenantNotice } from "@/components/layout/other-tenant-notice";
import { DataAsOf } from "@/components/ui/data-as-of";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { getBackupSetDetail } from "@/db/queries/backup-sets";
import { pageViewer } from "@/server/pages/preamble";
import { requestRead } from "@/server/pages/read";
import { parseId } from "@/lib/errors";
import { switchTenant } from "../../actions";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = parseId((await params).id);
  return { title: id === null ? "Backup set" : `Backup set #${id}` };
}

export default async function BackupSetPage({ params }: { params: Params }) {
  const rawId = (await params).id;
  const viewer = await pageViewer(`/backup-sets/${encodeURIComponent(rawId)}`);
  const setId = parseId(rawId);
  if (setId === null) notFound();
  // Only the viewer's tenants are searched: another tenant's set does not exist for them (404).
  const read = await requestRead();
  const detail = await getBackupSetDetail(setId, viewer.userId, read.db);
  if (!detail) notFound();
  if (viewer.currentTenant?.tenantId !== detail.membership.tenantId) {
    return (
      <>
        <PageHeader title={`Backup set #${detail.set.id}`} />
        <OtherTenantNotice
          record={`backup set #${detail.set.id}`}
          recordTenant={{ id: detail.membership.tenantId, name: detail.membership.tenantName }}
          currentTenantName={viewer.currentTenant?.tenantName ?? null}
          returnTo={`/backup-sets/${detail.set.id}`}
          canOpenAfterSwitch
          action={switchTenant}
        />
      </>
    );
  }

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/backup-sets" className={linkClass}>
          All backup sets
        </Link>
      </p>
      <PageHeader title={`Backup set #${detail.set.id}`}>{detail.set.name}</PageHeader>
      <DataAsOf read={read} />
      <BackupSetDetail set={detail.set} tenantName={detail.membership.tenantName} now={new Date()} />
    </>
  );
}
