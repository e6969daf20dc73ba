import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { AuditFilter } from "@/components/audit/audit-filter";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listAuditEvents, listOwnedTenants } from "@/db/queries/audit";
import { pageViewer } from "@/server/pages/preamble";
import { auditHref, parseAuditParams } from "@/lib/search-params/audit";

export const metadata: Metadata = { title: "Audit log" };

/** /audit (spec §14): owners read the log of the tenants they own, filtered and paged, and export it. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await pageViewer();
  const owned = await listOwnedTenants(viewer.userId);
  if (!owned.length) forbidden();
  const params = parseAuditParams(await searchParams);
  // A tenant the viewer does not own does not exist here.
  if (params.tenantId !== null && !owned.some((t) => t.id === params.tenantId)) notFound();
  const scope = { userId: viewer.userId, tenantId: params.tenantId, action: params.action };
  const page = await listAuditEvents(scope, { before: params.before, after: params.after });
  const filters = { tenantId: params.tenantId, action: params.action };
  return (
    <>
      <PageHeader title="Audit log">
        Actions recorded for the tenants you own, and your own sign-ins, newest first. The log is append-only.
      </PageHeader>
      <AuditFilter
        tenants={owned}
        tenantId={params.tenantId}
        action={params.action}
        csvHref={auditHref(filters, "/api/audit/export", { format: "csv" })}
        jsonHref={auditHref(filters, "/api/audit/export", { format: "json" })}
      />
      <AuditTable rows={page.rows} />
      <Pagination
        label="Audit log pages"
        previousHref={page.newerThan !== null ? auditHref({ ...filters, after: page.newerThan }) : null}
        nextHref={page.olderThan !== null ? auditHref({ ...filters, before: page.olderThan }) : null}
        firstHref={params.before !== undefined || params.after !== undefined ? auditHref(filters) : null}
      />
    </>
  );
}
