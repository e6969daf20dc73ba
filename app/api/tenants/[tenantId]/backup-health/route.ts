/** GET /api/tenants/{tenantId}/backup-health → the §2 backup health assessment. */
import { handleApi } from "@/lib/api/respond";
import { memberEvidenceInputs } from "@/lib/api/tenant-evidence";
import { resolveBackupHealth } from "@/lib/recovery";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApi(async () => {
    const { tenantId, inputs } = await memberEvidenceInputs(request, params);
    return resolveBackupHealth({
      tenantId,
      backupSets: inputs.backupSets,
      staleAfterHours: inputs.tenant.backupStaleAfterHours,
      now: new Date(),
    });
  });
}
