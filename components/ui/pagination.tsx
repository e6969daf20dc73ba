import Link from "next/link";
import { disabledButtonClass, secondaryButtonClass } from "./styles";

/** Previous / next page links. An unavailable direction is shown but not a link (and says so). */
export function Pagination({
  label,
  previousHref,
  nextHref,
  firstHref,
}: {
  /** Names the navigation landmark, e.g. "Restore runs pages". */
  label: string;
  previousHref: string | null;
  nextHref: string | null;
  /** Shown when not on the first page. */
  firstHref?: string | null;
}) {
  if (!previousHref && !nextHref && !firstHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-2">
      {firstHref ? (
        <Link href={firstHref} className={secondaryButtonClass}>
          First page
        </Link>
      ) : null}
      <PageLink href={previousHref} rel="prev">Previous page</PageLink>
      <PageLink href={nextHref} rel="next">Next page</PageLink>
    </nav>
  );
}

/** A direction that exists is a link; one that does not is plain text with the same name. */
function PageLink({ href, rel, children }: { href: string | null; rel: "prev" | "next"; children: string }) {
  return href ? (
    <Link href={href} className={secondaryButtonClass} rel={rel}>
      {children}
    </Link>
  ) : (
    <span className={disabledButtonClass}>{children}</span>
  );
}
