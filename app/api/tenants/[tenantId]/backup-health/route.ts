/** GET /api/tenants/{tenantId}/backup-health → the §2 backup health assessment. */
import { handleApi } from "@/server/api/respond";
import { memberAssessment } from "@/server/api/tenant-evidence";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApi(async () => (await memberAssessment(request, params)).backupHealth);
}
