import Link from "next/link";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { AUDIT_ACTION_LABELS } from "./labels";

/** Tenant and action filters (a plain GET form) and the export links for what the filter selects. */
export function AuditFilter({
  tenants,
  tenantId,
  action,
  csvHref,
  jsonHref,
}: {
  tenants: { id: number; name: string }[];
  tenantId: number | null;
  action: string | null;
  csvHref: string;
  jsonHref: string;
}) {
  const select = "rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900";
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-tenant" className="text-sm font-medium text-slate-800">Tenant</label>
          <select id="audit-tenant" name="tenant" defaultValue={tenantId ?? ""} className={select}>
            <option value="">All tenants you own</option>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-action" className="text-sm font-medium text-slate-800">Action</label>
          <select id="audit-action" name="action" defaultValue={action ?? ""} className={select}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{AUDIT_ACTION_LABELS[a]}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>Apply filter</button>
      </form>
      <div className="flex gap-3 text-sm">
        <a href={csvHref} className={linkClass}>Export CSV</a>
        <a href={jsonHref} className={linkClass}>Export JSON</a>
      </div>
    </div>
  );
}
