import { DateTime } from "@/components/ui/date-time";
import type { AuditRow } from "@/db/queries/audit";
import { auditActionLabel } from "./labels";

/** The audit events of one page. Display only; every value is rendered as text. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (!rows.length) {
    return <p className="rounded-lg border border-slate-200 bg-white p-5 text-slate-700">No recorded actions match this filter.</p>;
  }
  const th = "px-3 py-2 text-left font-semibold text-slate-800";
  const td = "px-3 py-2 align-top text-slate-800";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>When</th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Action</th>
            <th scope="col" className={th}>Tenant</th>
            <th scope="col" className={th}>Target</th>
            <th scope="col" className={th}>Client address</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={td}><DateTime value={r.occurredAt} /></td>
              <td className={td}>
                {r.actorLabel ?? (r.actorType === "system" ? "System" : "Unknown account")}
                <span className="block text-xs text-slate-600">{r.actorType === "api_key" ? "API key" : r.actorType}</span>
              </td>
              <td className={td}>{auditActionLabel(r.action)}</td>
              <td className={td}>{r.tenantName ?? (r.tenantId === null ? "—" : `Tenant ${r.tenantId}`)}</td>
              <td className={td}>{r.target ?? "—"}</td>
              <td className={td}>{r.clientAddress ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
