import { Badge } from "@/components/ui/badge";
import { BACKUP_SET_STATUS_TONES, UNRECOGNIZED_TONE } from "@/components/ui/tones";
import { BACKUP_SET_STATUS_LABELS, UNRECOGNIZED_STATUS_LABEL } from "@/lib/recovery/surface-copy";
import { BACKUP_SET_STATUSES, includes } from "@/lib/recovery/vocabulary";

/** A backup set's status; one outside the vocabulary is shown verbatim with a warning tone. */
export function BackupSetStatusBadge({ status }: { status: string }) {
  if (includes(BACKUP_SET_STATUSES, status)) {
    return <Badge tone={BACKUP_SET_STATUS_TONES[status]}>{BACKUP_SET_STATUS_LABELS[status]}</Badge>;
  }
  return <Badge tone={UNRECOGNIZED_TONE}>{UNRECOGNIZED_STATUS_LABEL}: {status}</Badge>;
}
