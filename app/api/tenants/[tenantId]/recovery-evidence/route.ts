/** GET /api/tenants/{tenantId}/recovery-evidence → the §4 recovery evidence summary. */
import { handleApi } from "@/lib/api/respond";
import { memberEvidenceInputs } from "@/lib/api/tenant-evidence";
import { mayViewRestoreHistory } from "@/lib/auth/viewer";
import { resolveBackupHealth, resolveRecoveryEvidence } from "@/lib/recovery";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApi(async () => {
    const { tenantId, inputs } = await memberEvidenceInputs(request, params);
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
