import type { Metadata } from "next";
import { TenantList } from "@/components/tenants/tenant-list";
import { TenantSearchForm } from "@/components/tenants/tenant-search-form";
import { PageHeader } from "@/components/ui/page-header";
import { listMemberships } from "@/db/queries/access";
import { TENANT_SEARCH_COPY } from "@/lib/recovery/surface-copy";
import type { RawSearchParams } from "@/lib/search-params/cursor";
import { parseTenantSearch, TENANT_SEARCH_PAGE_SIZE } from "@/lib/search-params/tenants";
import { pageViewer } from "@/server/pages/preamble";
import { switchTenant } from "../actions";

export const metadata: Metadata = { title: "Tenants" };

/** Find one of your tenants by name and make it current: for operators with more tenants than the header lists. */
export default async function TenantsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await pageViewer();
  const { q } = parseTenantSearch(await searchParams);
  const { items, total } = await listMemberships(viewer.userId, { limit: TENANT_SEARCH_PAGE_SIZE, query: q });
  return (
    <>
      <PageHeader title="Tenants">{TENANT_SEARCH_COPY.intro}</PageHeader>
      <TenantSearchForm query={q} />
      <TenantList items={items} total={total} currentTenantId={viewer.currentTenant?.tenantId ?? null} switchTenant={switchTenant} />
    </>
  );
}
