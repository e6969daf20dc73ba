/**
 * A titled region of a page. The heading names the region (`aria-labelledby`), so tests and assistive
 * technology find a card by its heading.
 */
export function Card({
  id,
  title,
  badge,
  children,
  className = "",
}: {
  /** Unique on the page; the heading gets `${id}-title`. */
  id: string;
  title: string;
  badge?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const titleId = `${id}-title`;
  return (
    <section
      id={id}
      aria-labelledby={titleId}
      className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {badge}
      </div>
      <div className="mt-3 space-y-3 text-sm text-slate-800">{children}</div>
    </section>
  );
}

/** A labelled statement of what the evidence does not prove. */
export function ClaimBoundary({ children, label = "Claim boundary" }: { children: React.ReactNode; label?: string }) {
  return (
    <p className="rounded-md border-l-4 border-slate-400 bg-slate-50 px-3 py-2 text-sm text-slate-800">
      <span className="font-semibold">{label}: </span>
      {children}
    </p>
  );
}
