/** A grey placeholder bar; decorative. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/** The loading form of a Card: same heading, busy, with a text alternative for screen readers. */
export function CardSkeleton({ id, title, lines = 3 }: { id: string; title: string; lines?: number }) {
  const titleId = `${id}-title`;
  return (
    <section
      id={id}
      aria-labelledby={titleId}
      aria-busy="true"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <p className="sr-only">Loading {title.toLowerCase()}…</p>
      <div className="mt-3 space-y-3">
        <Skeleton className="h-5 w-2/3" />
        {Array.from({ length: lines }, (_, i) => (
          <Skeleton key={i} className={`h-4 ${i % 2 ? "w-5/6" : "w-full"}`} />
        ))}
      </div>
    </section>
  );
}
