/** GET /api/tenants/{tenantId}/backup-health → the §2 backup health assessment. */
import { getBackupHealthSets, getTenant } from "@/db/queries/recovery-evidence";
import { handleApi, requireId } from "@/lib/api/respond";
import { requireMembership, requireViewer } from "@/lib/api/viewer";
import { NotFoundError } from "@/lib/errors";
import { resolveBackupHealth } from "@/lib/recovery";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApi(async () => {
    const tenantId = requireId((await params).tenantId, "tenant");
    const viewer = await requireViewer(request);
    await requireMembership(viewer, tenantId);
    const [tenant, backupSets] = await Promise.all([getTenant(tenantId), getBackupHealthSets(tenantId)]);
    if (!tenant) throw new NotFoundError();
    return resolveBackupHealth({
      tenantId,
      backupSets,
      staleAfterHours: tenant.backupStaleAfterHours,
      now: new Date(),
    });
  });
}
