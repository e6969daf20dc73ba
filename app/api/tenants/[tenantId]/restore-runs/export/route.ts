/**
 * GET /api/tenants/{tenantId}/restore-runs/export?format=csv|json (§11): every run of the tenant with its
 * attention, streamed in keyset batches. Owner/operator only (403 for a viewer), 404 for a non-member.
 */
import { getMembership } from "@/db/queries/access";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { exportFormat } from "@/server/api/export-format";
import { handleApiResponse, requireId } from "@/server/api/respond";
import { requireViewer } from "@/server/api/viewer";
import { mayViewRestoreHistory } from "@/server/auth/viewer";
import { restoreRunExport } from "@/server/export/restore-run-export";

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return handleApiResponse(async () => {
    const tenantId = requireId((await params).tenantId, "tenant");
    const format = exportFormat(request);
    const viewer = await requireViewer(request);
    const membership = await getMembership(viewer.userId, tenantId);
    if (!membership) throw new NotFoundError();
    if (!mayViewRestoreHistory(membership)) throw new ForbiddenError();
    return restoreRunExport(tenantId, new Date(), format);
  });
}
