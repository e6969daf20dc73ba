import type { TenantMembership } from "@/db/queries/access";
import { bare, html } from "@/components/ui/markup";
import { TENANT_SEARCH_COPY } from "@/lib/recovery/surface-copy";

/**
 * One tenant's row as markup (issue 14, page weight; decision 0021): its button submits the list's one
 * form with its own tenantId (a submit button's name and value, as on the fleet table), so the page
 * carries one server-action form instead of one per tenant; styles come from the list (app/styles/tables.css
 * `.tenant-list`) and the optional `</li>` is left out. Every value is escaped by `html`.
 */
function tenantRowMarkup(m: TenantMembership, currentTenantId: number | null): string {
  const label = currentTenantId === m.tenantId ? TENANT_SEARCH_COPY.current : TENANT_SEARCH_COPY.switch;
  return html`<li><span><b>${m.tenantName}</b> <small>(${m.role})</small></span><button type=submit name=tenantId value=${bare(m.tenantId)} class=btn-sm aria-label="${TENANT_SEARCH_COPY.switchLabel(m.tenantName)}">${label}</button>`;
}

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
      <form action={switchTenant}>
        <ul
          aria-label={TENANT_SEARCH_COPY.listLabel}
          className="tenant-list"
          dangerouslySetInnerHTML={{ __html: items.map((m) => tenantRowMarkup(m, currentTenantId)).join("") }}
        />
      </form>
    </>
  );
}
