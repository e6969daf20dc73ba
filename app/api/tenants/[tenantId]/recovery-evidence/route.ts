/** GET /api/tenants/{tenantId}/recovery-evidence → the §4 recovery evidence summary. */
import { getRecoveryEvidenceInputs } from "@/db/queries/recovery-evidence";
import { handleApi, requireId } from "@/lib/api/respond";
import { requireViewer } from "@/lib/api/viewer";
import { mayViewRestoreHistory } from "@/lib/auth/viewer";
import { NotFoundError } from "@/lib/errors";
import { resolveBackupHealth, resolveRecoveryEvidence } from "@/lib/recovery";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApi(async () => {
    const tenantId = requireId((await params).tenantId, "tenant");
    const viewer = await requireViewer(request);
    // One statement: the membership check and every input; null means not a member (or no such tenant).
    const inputs = await getRecoveryEvidenceInputs(tenantId, undefined, viewer.userId);
    if (!inputs) throw new NotFoundError();
    const health = resolveBackupHealth({
      tenantId,
      backupSets: inputs.backupSets,
      staleAfterHours: inputs.tenant.backupStaleAfterHours,
      now: new Date(),
    });
    // A viewer still gets the summary; only the action is disabled (with its helper text).
    return resolveRecoveryEvidence({
      tenantId,
      backupPosture: health.posture,
      latestRelevant: inputs.latestRelevant,
      canViewRestoreHistory: mayViewRestoreHistory(inputs.membership),
    });
  });
}
