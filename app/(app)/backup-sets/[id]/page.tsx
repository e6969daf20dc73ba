import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackupSetDetail } from "@/components/backup-sets/backup-set-detail";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { getBackupSetDetail } from "@/db/queries/backup-sets";
import { pageId, pageViewer } from "@/server/pages/preamble";
import { parseId } from "@/lib/errors";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = parseId((await params).id);
  return { title: id === null ? "Backup set" : `Backup set #${id}` };
}

export default async function BackupSetPage({ params }: { params: Params }) {
  const viewer = await pageViewer();
  const setId = await pageId(params);
  // Only the viewer's tenants are searched: another tenant's set does not exist for them (404).
  const detail = await getBackupSetDetail(setId, viewer.userId);
  if (!detail) notFound();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/backup-sets" className={linkClass}>
          All backup sets
        </Link>
      </p>
      <PageHeader title={`Backup set #${detail.set.id}`}>{detail.set.name}</PageHeader>
      <BackupSetDetail set={detail.set} tenantName={detail.membership.tenantName} now={new Date()} />
    </>
  );
}
