/** GET /api/tenants/{tenantId}/recovery-evidence → the §4 recovery evidence summary. */
import { handleReadApi } from "@/server/api/respond";
import { memberAssessment } from "@/server/api/tenant-evidence";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  // A viewer still gets the summary; only the action is disabled (with its helper text).
  return handleReadApi(async () => {
    const a = await memberAssessment(request, params);
    return { body: a.evidence, read: a.read };
  });
}
