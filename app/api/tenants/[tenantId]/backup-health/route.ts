/** GET /api/tenants/{tenantId}/backup-health → the §2 backup health assessment. */
import { getRecoveryEvidenceInputs } from "@/db/queries/recovery-evidence";
import { handleApi, requireId } from "@/lib/api/respond";
import { requireViewer } from "@/lib/api/viewer";
import { NotFoundError } from "@/lib/errors";
import { resolveBackupHealth } from "@/lib/recovery";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApi(async () => {
    const tenantId = requireId((await params).tenantId, "tenant");
    const viewer = await requireViewer(request);
    // The same one-statement read as the evidence summary: membership check included (null → 404).
    const inputs = await getRecoveryEvidenceInputs(tenantId, undefined, viewer.userId);
    if (!inputs) throw new NotFoundError();
    return resolveBackupHealth({
      tenantId,
      backupSets: inputs.backupSets,
      staleAfterHours: inputs.tenant.backupStaleAfterHours,
      now: new Date(),
    });
  });
}
