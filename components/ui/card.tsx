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
      className={className ? `card ${className}` : "card"}
    >
      <div className="card-head">
        <h2 id={titleId}>
          {title}
        </h2>
        {badge}
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}

/** A labelled statement of what the evidence does not prove. */
export function ClaimBoundary({ children, label = "Claim boundary" }: { children: React.ReactNode; label?: string }) {
  return (
    <p className="claim-boundary">
      <b>{label}: </b>
      {children}
    </p>
  );
}
