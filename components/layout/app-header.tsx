"use client";

import Link from "next/link";
import { MainNav } from "./main-nav";
import { TenantSwitcher, type TenantOption } from "./tenant-switcher";

export interface AppHeaderProps {
  userName: string;
  userEmail: string;
  /** [id, name] pairs: the header's props are the only copy of the list in the page's RSC data. */
  tenants: TenantOption[];
  /** Tenants not in the control's list (reached through the tenant search page). */
  moreTenants: number;
  currentTenantId: number | null;
  /** The current tenant's role may view restore history (a viewer's navigation does not offer it). */
  canViewRestoreHistory: boolean;
  switchTenant: (formData: FormData) => Promise<void>;
  signOut: () => Promise<void>;
}

const NAV = [
  { href: "/fleet", label: "Fleet" },
  { href: "/dashboard", label: "Dashboard" },
  { href: "/restore-runs", label: "Restore runs", restoreHistory: true },
  { href: "/backup-sets", label: "Backup sets" },
  { href: "/settings", label: "Settings" },
  { href: "/audit", label: "Audit log" },
];

/**
 * The signed-in shell's header. A client component (it holds the navigation and the tenant switcher,
 * which act in the browser anyway): the server sends its props — the user, up to 100 tenant names — once
 * in the RSC data, instead of the rendered header markup a second time next to its HTML (issue 14, page
 * weight; decision 0021).
 */
export function AppHeader(props: AppHeaderProps) {
  return (
    <header className="app-header">
      <div>
        <Link href="/dashboard" className="font-semibold text-slate-900">
          Recovery Posture
        </Link>
        <MainNav items={NAV.filter((n) => !n.restoreHistory || props.canViewRestoreHistory)} />
        <div className="ml-auto flex flex-wrap items-center gap-4">
          <TenantSwitcher tenants={props.tenants} currentTenantId={props.currentTenantId} action={props.switchTenant} />
          {props.moreTenants > 0 ? (
            <Link href="/fleet" className="text-sm text-blue-800 underline underline-offset-4">
              Find a tenant ({props.moreTenants.toLocaleString("en")} more)
            </Link>
          ) : null}
          <span className="text-sm text-slate-600" title={props.userEmail}>
            {props.userName}
          </span>
          <form action={props.signOut}>
            <button type="submit" className="btn-sm px-3">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
