import Link from "next/link";
import { TenantSwitcher } from "./tenant-switcher";

export interface AppHeaderProps {
  userName: string;
  userEmail: string;
  tenants: { id: number; name: string }[];
  /** Tenants not in the control's list (reached through the tenant search page). */
  moreTenants: number;
  currentTenantId: number | null;
  switchTenant: (formData: FormData) => Promise<void>;
  signOut: () => Promise<void>;
}

const NAV = [
  { href: "/fleet", label: "Fleet" },
  { href: "/dashboard", label: "Dashboard" },
  { href: "/restore-runs", label: "Restore runs" },
  { href: "/backup-sets", label: "Backup sets" },
];

export function AppHeader(props: AppHeaderProps) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/dashboard" className="font-semibold text-slate-900">
          Recovery Posture
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} className="text-slate-700 underline-offset-4 hover:underline">
              {n.label}
            </Link>
          ))}
        </nav>
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
            <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
