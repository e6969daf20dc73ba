import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { listMemberships } from "@/db/queries/access";
import { pathWithQuery, requirePageViewer } from "@/server/auth/viewer";
import { switchTenant } from "../actions";
import { parseTenantSearch } from "./search-params";

export const metadata: Metadata = { title: "Tenants" };

const PAGE = 50;

/** Find one of your tenants by name and make it current: for operators with more tenants than the header lists. */
export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const viewer = await requirePageViewer(pathWithQuery("/tenants", raw));
  const { q } = parseTenantSearch(raw);
  const { items, total } = await listMemberships(viewer.userId, { limit: PAGE, query: q });
  return (
    <>
      <PageHeader title="Tenants">Find one of your tenants by name and make it the current tenant.</PageHeader>
      <search aria-label="Find a tenant" className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="tenant-search" className="block text-sm font-medium">Tenant name</label>
            <input id="tenant-search" name="q" defaultValue={q} maxLength={100}
              className="mt-1 rounded border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">Search</button>
        </form>
      </search>
      <p className="mb-2 text-sm text-slate-700">
        {total === 0 ? "No tenant of yours matches." : `Showing ${items.length} of ${total.toLocaleString("en")} matching tenants.`}
      </p>
      <ul aria-label="Your tenants" className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
        {items.map((m) => (
          <li key={m.tenantId} className="flex items-center justify-between gap-4 px-4 py-2">
            <span>
              <span className="font-medium">{m.tenantName}</span> <span className="text-sm text-slate-600">({m.role})</span>
            </span>
            <form action={switchTenant}>
              <input type="hidden" name="tenantId" value={m.tenantId} />
              <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
                aria-label={`Make ${m.tenantName} the current tenant`}>
                {viewer.currentTenant?.tenantId === m.tenantId ? "Current" : "Switch"}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
