import type { Metadata } from "next";
import Link from "next/link";
import { BackupSetsTable } from "@/components/backup-sets/backup-sets-table";
import { BackupSetsEmptyState } from "@/components/backup-sets/empty-state";
import { ClaimBoundary } from "@/components/ui/card";
import { NoTenantPage } from "@/components/ui/no-tenant";
import { DataAsOf } from "@/components/ui/data-as-of";
import { PageHeader, TenantIntro } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { linkClass } from "@/components/ui/styles";
import { listBackupSets } from "@/db/queries/backup-sets";
import { tenantPage } from "@/server/pages/preamble";
import { requestRead } from "@/server/pages/read";
import { pathWithQuery } from "@/server/auth/viewer";
import { POSITIVE_CLAIM_BOUNDARY } from "@/lib/recovery/copy";
import { LIST_PAGE_GONE, PAGE_INTROS } from "@/lib/recovery/surface-copy";
import type { RawSearchParams } from "@/lib/search-params/cursor";
import { backupSetsHref, parseBackupSetsSearchParams } from "@/lib/search-params/backup-sets";

export const metadata: Metadata = { title: "Backup sets" };

export default async function BackupSetsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const { tenant } = await tenantPage({ returnTo: pathWithQuery("/backup-sets", raw) });
  if (!tenant) return <NoTenantPage title="Backup sets" />;
  const { cursor } = parseBackupSetsSearchParams(raw);
  const read = await requestRead();
  const page = await listBackupSets({ tenantId: tenant.tenantId, cursor }, read.db);
  const firstKey = page.rows[0]?.key ?? cursor?.key ?? null;
  const lastKey = page.rows[page.rows.length - 1]?.key ?? null;

  return (
    <>
      <PageHeader title="Backup sets">
        <TenantIntro intro={PAGE_INTROS.backupSets} tenantName={tenant.tenantName} />
      </PageHeader>
      <div className="space-y-4">
        <DataAsOf read={read} />
        <ClaimBoundary>{POSITIVE_CLAIM_BOUNDARY}</ClaimBoundary>
        {page.rows.length > 0 ? (
          <BackupSetsTable
            sets={page.rows.map((r) => r.set)}
            now={new Date()}
            caption={`Backup sets of ${tenant.tenantName}, latest end time first, sets not finished last`}
          />
        ) : cursor ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-6 text-sm text-slate-800">
            {LIST_PAGE_GONE.backupSets}{" "}
            <Link href={backupSetsHref(null)} className={linkClass}>
              {LIST_PAGE_GONE.firstPage}
            </Link>
          </p>
        ) : (
          <BackupSetsEmptyState />
        )}
        <Pagination
          label="Backup set pages"
          previousHref={page.hasPrevious && firstKey ? backupSetsHref({ direction: "before", key: firstKey }) : null}
          nextHref={page.hasNext && lastKey ? backupSetsHref({ direction: "after", key: lastKey }) : null}
          firstHref={page.hasPrevious ? backupSetsHref(null) : null}
        />
      </div>
    </>
  );
}
