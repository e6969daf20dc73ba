import { Badge } from "@/components/ui/badge";
import { RESULT_ENTRY_STATUS_TONES, UNRECOGNIZED_TONE } from "@/components/ui/tones";
import { RESULT_ENTRY_STATUS_LABELS, RESULT_ENTRY_UNREADABLE_LABEL, UNRECOGNIZED_STATUS_LABEL } from "@/lib/recovery/surface-copy";
import type { ResultEntry } from "@/lib/recovery/results";
import { RESULT_ENTRY_STATUSES, includes } from "@/lib/recovery/vocabulary";

/** One entry's status. Unknown statuses are named verbatim (React escapes them) and read as a warning. */
export function EntryStatusBadge({ entry }: { entry: ResultEntry }) {
  if (includes(RESULT_ENTRY_STATUSES, entry.status)) {
    return <Badge tone={RESULT_ENTRY_STATUS_TONES[entry.status]}>{RESULT_ENTRY_STATUS_LABELS[entry.status]}</Badge>;
  }
  if (entry.status === null) return <Badge tone={UNRECOGNIZED_TONE}>{RESULT_ENTRY_UNREADABLE_LABEL}</Badge>;
  return (
    <Badge tone={UNRECOGNIZED_TONE}>
      {UNRECOGNIZED_STATUS_LABEL}: {entry.status}
    </Badge>
  );
}
