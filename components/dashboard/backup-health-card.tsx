import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, ClaimBoundary } from "@/components/ui/card";
import { buttonLinkClass, linkClass } from "@/components/ui/styles";
import type { TenantBackupHealthAssessment } from "@/lib/recovery/backup-health";
import { BACKUP_ACTION_LABELS, BACKUP_POSTURE_LABELS } from "@/lib/recovery/copy";
import { BACKUP_POSTURE_TONES } from "@/components/ui/tones";

/** §2 on the dashboard: what the backup inputs say, the boundary of that claim, and the drillthrough. */
export function BackupHealthCard({ assessment }: { assessment: TenantBackupHealthAssessment }) {
  const target = assessment.primaryActionTarget ?? { label: BACKUP_ACTION_LABELS.allSets, url: "/backup-sets" };
  return (
    <Card
      id="backup-health"
      title="Backup health"
      badge={
        <Badge tone={BACKUP_POSTURE_TONES[assessment.posture]}>
          <span className="sr-only">Backup posture: </span>
          {BACKUP_POSTURE_LABELS[assessment.posture]}
        </Badge>
      }
    >
      <p className="text-base font-semibold text-slate-900">{assessment.headline}</p>
      {assessment.supportingMessage ? <p>{assessment.supportingMessage}</p> : null}
      <ClaimBoundary>{assessment.positiveClaimBoundary}</ClaimBoundary>
      <div className="flex flex-wrap items-center gap-4 pt-1">
        <Link href={target.url} className={buttonLinkClass}>
          {target.label}
        </Link>
        {target.url !== "/backup-sets" ? (
          <Link href="/backup-sets" className={linkClass}>
            {BACKUP_ACTION_LABELS.allSets}
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
