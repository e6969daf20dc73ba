import { NO_TENANT } from "@/lib/recovery/surface-copy";
import { PageHeader } from "./page-header";

/** Shown when the signed-in operator belongs to no tenant: nothing to report, and no claim. */
export function NoTenant() {
  return (
    <p className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-800">{NO_TENANT}</p>
  );
}

/** A tenant page's whole body when the operator belongs to no tenant. */
export function NoTenantPage({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <NoTenant />
    </>
  );
}
