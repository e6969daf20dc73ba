"use client";

import { usePathname } from "next/navigation";
import { useRef } from "react";

/** [id, name]: compact, since the list (up to 100 tenants) travels as props in every page's RSC data. */
export type TenantOption = readonly [id: number, name: string];

/**
 * The header's tenant control. Choosing in the list changes nothing by itself (WCAG 3.2.2: keyboard
 * browsing through the options must not switch); the tenant changes only on an explicit choice — the
 * Switch button, or Enter on the list. The form carries the current page so the switch lands on the same
 * kind of page for the new tenant. autoComplete="off" keeps the browser from restoring a chosen-but-not-
 * applied value on Back/Forward, so the control always shows the tenant the page was rendered for.
 */
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
  const pathname = usePathname();
  return (
    // Keyed by the current tenant: React resets an action's form when it completes, and a remount makes
    // the control show the tenant the server now has, never the one it had when the page loaded.
    <form key={currentTenantId ?? "none"} ref={formRef} action={action} autoComplete="off" className="flex items-center gap-2">
      <input type="hidden" name="returnTo" value={pathname} />
      <label htmlFor="tenant-switcher" className="text-sm font-medium text-slate-700">
        Tenant
      </label>
      <select
        id="tenant-switcher"
        name="tenantId"
        autoComplete="off"
        defaultValue={currentTenantId ?? undefined}
        aria-describedby="tenant-switcher-help"
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            formRef.current?.requestSubmit();
          }
        }}
        className="max-w-[12rem] rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {tenants.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      <span id="tenant-switcher-help" className="sr-only">
        Choose a tenant, then press Switch or Enter.
      </span>
      <button type="submit" className="btn-sm px-2">
        Switch
      </button>
    </form>
  );
}
