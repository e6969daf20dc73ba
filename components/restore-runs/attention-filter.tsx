import Link from "next/link";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { ATTENTION_STATE_LABELS } from "@/lib/recovery/copy";
import { ATTENTION_STATES, type AttentionState, type RecoveryPostureReason } from "@/lib/recovery/vocabulary";

/**
 * The attention filter: a plain GET form, so it works without JavaScript and with the keyboard.
 * Changing the filter starts from the first page; the list context (reason) and order are kept.
 */
export function AttentionFilter({
  state,
  sort,
  order,
  reason,
  clearHref,
}: {
  state: AttentionState | null;
  sort: "id" | "completed_at";
  order: "asc" | "desc";
  reason: RecoveryPostureReason | null;
  clearHref: string | null;
}) {
  return (
    <form method="get" action="/restore-runs" role="search" aria-label="Filter restore runs" className="flex flex-wrap items-end gap-3">
      {reason ? <input type="hidden" name="recovery_posture_reason" value={reason} /> : null}
      {sort !== "id" ? <input type="hidden" name="sort" value={sort} /> : null}
      {order !== "desc" ? <input type="hidden" name="order" value={order} /> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="attention-state" className="text-sm font-medium text-slate-800">
          Attention state
        </label>
        <select
          id="attention-state"
          name="state"
          defaultValue={state ?? ""}
          className="rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900"
        >
          <option value="">All runs</option>
          {ATTENTION_STATES.map((s) => (
            <option key={s} value={s}>
              {ATTENTION_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={secondaryButtonClass}>
        Apply filter
      </button>
      {clearHref ? (
        <Link href={clearHref} className={`${linkClass} py-1.5 text-sm`}>
          Clear filter
        </Link>
      ) : null}
    </form>
  );
}
