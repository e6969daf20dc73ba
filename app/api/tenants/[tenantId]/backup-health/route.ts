/** GET /api/tenants/{tenantId}/backup-health → the §2 backup health assessment. */
import { handleReadApi } from "@/server/api/respond";
import { memberAssessment } from "@/server/api/tenant-evidence";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleReadApi(async () => {
    const a = await memberAssessment(request, params);
    return { body: a.backupHealth, read: a.read };
  });
}
