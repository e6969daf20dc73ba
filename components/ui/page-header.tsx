/** The text around a tenant's name in a page intro (lib/recovery/surface-copy.ts PAGE_INTROS). */
export function TenantIntro({ intro, tenantName }: { intro: readonly [string, string]; tenantName: string }) {
  return (
    <>
      {intro[0]}
      <strong>{tenantName}</strong>
      {intro[1]}
    </>
  );
}

/** The page's one h1, with an optional line of context under it. */
export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children ? <div>{children}</div> : null}
    </div>
  );
}
