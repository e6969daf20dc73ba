import type { TenantMembership } from "@/db/queries/access";
import { TENANT_SEARCH_COPY } from "@/lib/recovery/surface-copy";

/** One page of the viewer's matching tenants, each with a button that makes it the current tenant. */
export function TenantList({
  items,
  total,
  currentTenantId,
  switchTenant,
}: {
  items: TenantMembership[];
  total: number;
  currentTenantId: number | null;
  switchTenant: (formData: FormData) => Promise<void>;
}) {
  return (
    <>
      <p className="mb-2 text-sm text-slate-700">{TENANT_SEARCH_COPY.count(items.length, total)}</p>
      <ul aria-label={TENANT_SEARCH_COPY.listLabel} className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
        {items.map((m) => (
          <li key={m.tenantId} className="flex items-center justify-between gap-4 px-4 py-2">
            <span>
              <span className="font-medium">{m.tenantName}</span> <span className="text-sm text-slate-600">({m.role})</span>
            </span>
            <form action={switchTenant}>
              <input type="hidden" name="tenantId" value={m.tenantId} />
              <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
                aria-label={TENANT_SEARCH_COPY.switchLabel(m.tenantName)}>
                {currentTenantId === m.tenantId ? TENANT_SEARCH_COPY.current : TENANT_SEARCH_COPY.switch}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
