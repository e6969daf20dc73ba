import { Badge, type BadgeTone } from "@/components/ui/badge";
import { BACKUP_SET_STATUS_LABELS } from "@/lib/recovery/copy";
import { BACKUP_SET_STATUSES, includes } from "@/lib/recovery/vocabulary";

const TONES: Record<(typeof BACKUP_SET_STATUSES)[number], BadgeTone> = {
  queued: "neutral",
  running: "neutral",
  completed: "info",
  completed_with_errors: "warning",
  failed: "danger",
};

/** A backup set's status; one outside the vocabulary is shown verbatim with a warning tone. */
export function BackupSetStatusBadge({ status }: { status: string }) {
  if (includes(BACKUP_SET_STATUSES, status)) {
    return <Badge tone={TONES[status]}>{BACKUP_SET_STATUS_LABELS[status]}</Badge>;
  }
  return <Badge tone="warning">Unrecognized status: {status}</Badge>;
}
