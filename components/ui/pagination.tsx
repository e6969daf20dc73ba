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
      {previousHref ? (
        <Link href={previousHref} className={secondaryButtonClass} rel="prev">
          Previous page
        </Link>
      ) : (
        <span className={disabledButtonClass}>
          Previous page
        </span>
      )}
      {nextHref ? (
        <Link href={nextHref} className={secondaryButtonClass} rel="next">
          Next page
        </Link>
      ) : (
        <span className={disabledButtonClass}>
          Next page
        </span>
      )}
    </nav>
  );
}
