import { Badge, type BadgeTone } from "@/components/ui/badge";
import {
  RESULT_ENTRY_STATUS_LABELS,
  RESULT_ENTRY_UNREADABLE_LABEL,
  RESULT_ENTRY_UNRECOGNIZED_LABEL,
} from "@/lib/recovery/copy";
import type { ResultEntry } from "@/lib/recovery/results";
import { RESULT_ENTRY_STATUSES, includes } from "@/lib/recovery/vocabulary";

const TONES: Record<(typeof RESULT_ENTRY_STATUSES)[number], BadgeTone> = {
  applied: "success",
  partial: "warning",
  failed: "danger",
  skipped: "warning",
};

/** One entry's status. Unknown statuses are named verbatim (React escapes them) and read as a warning. */
export function EntryStatusBadge({ entry }: { entry: ResultEntry }) {
  if (includes(RESULT_ENTRY_STATUSES, entry.status)) {
    return <Badge tone={TONES[entry.status]}>{RESULT_ENTRY_STATUS_LABELS[entry.status]}</Badge>;
  }
  if (entry.status === null) return <Badge tone="warning">{RESULT_ENTRY_UNREADABLE_LABEL}</Badge>;
  return (
    <Badge tone="warning">
      {RESULT_ENTRY_UNRECOGNIZED_LABEL}: {entry.status}
    </Badge>
  );
}
