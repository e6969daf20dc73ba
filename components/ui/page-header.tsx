/** The text around a tenant's name in a page intro (lib/recovery/surface-copy.ts PAGE_INTROS). */
export function TenantIntro({ intro, tenantName }: { intro: readonly [string, string]; tenantName: string }) {
  return (
    <>
      {intro[0]}
      <strong className="font-semibold">{tenantName}</strong>
      {intro[1]}
    </>
  );
}

/** The page's one h1, with an optional line of context under it. */
export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {children ? <div className="mt-1 text-sm text-slate-700">{children}</div> : null}
    </div>
  );
}
