import { TENANT_SEARCH_COPY } from "@/lib/recovery/surface-copy";

/** The tenant-name search of /tenants: a plain GET form, so the query is in the URL. */
export function TenantSearchForm({ query }: { query: string }) {
  return (
    <search aria-label={TENANT_SEARCH_COPY.searchLabel} className="mb-4">
      <form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="tenant-search" className="block text-sm font-medium">{TENANT_SEARCH_COPY.fieldLabel}</label>
          <input id="tenant-search" name="q" defaultValue={query} maxLength={100}
            className="mt-1 rounded border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{TENANT_SEARCH_COPY.submit}</button>
      </form>
    </search>
  );
}
