import Link from "next/link";
import { buttonLinkClass, disabledButtonClass } from "@/components/ui/styles";
import type { EvidenceAction } from "@/lib/recovery/evidence-summary";

/**
 * The action of a recovery evidence summary: a link, or — when the viewer's role may not open restore
 * history — a disabled button that keeps its label, described by the helper text shown under it.
 */
export function EvidenceActionControl({ action, id }: { action: EvidenceAction; id: string }) {
  if (!action.disabled && action.url) {
    return (
      <Link href={action.url} className={buttonLinkClass}>
        {action.label}
      </Link>
    );
  }
  const helpId = `${id}-help`;
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled
        aria-describedby={action.helperText ? helpId : undefined}
        className={disabledButtonClass}
      >
        {action.label}
      </button>
      {action.helperText ? (
        <p id={helpId} className="text-sm text-slate-700">
          {action.helperText}
        </p>
      ) : null}
    </div>
  );
}
