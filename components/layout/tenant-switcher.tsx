"use client";

import { useRef } from "react";

export interface TenantOption {
  id: number;
  name: string;
}

/** The header's tenant control: an accessible select named "Tenant" that submits on change (button without JS). */
export function TenantSwitcher({
  tenants,
  currentTenantId,
  action,
}: {
  tenants: TenantOption[];
  currentTenantId: number | null;
  action: (formData: FormData) => Promise<void>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  return (
    // Keyed by the current tenant: React resets an action's form when it completes, and a remount makes
    // the control show the tenant the server now has, never the one it had when the page loaded.
    <form key={currentTenantId ?? "none"} ref={formRef} action={action} className="flex items-center gap-2">
      <label htmlFor="tenant-switcher" className="text-sm font-medium text-slate-700">
        Tenant
      </label>
      <select
        id="tenant-switcher"
        name="tenantId"
        defaultValue={currentTenantId ?? undefined}
        onChange={() => formRef.current?.requestSubmit()}
        className="max-w-[12rem] rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded border px-2 py-1 text-sm">Switch</button>
      </noscript>
    </form>
  );
}
