/** GET /api/restore-runs/{id} → the run's columns plus `attention` (§3), computed fresh from the row. */
import { getRestoreRunDetail } from "@/db/queries/restore-runs";
import { readHandle } from "@/db/read-handle";
import { handleReadApi, requireId } from "@/server/api/respond";
import { restoreRunJson } from "@/server/api/restore-run-json";
import { requireViewer } from "@/server/api/viewer";
import { mayViewRestoreHistory } from "@/server/auth/viewer";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { resolveResultAttention } from "@/lib/recovery";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleReadApi(async () => {
    const runId = requireId((await params).id, "restore run");
    const viewer = await requireViewer(request);
    // Only the viewer's tenants are searched: a run of any other tenant is "not found", like an unknown id.
    const read = await readHandle();
    const detail = await getRestoreRunDetail(runId, viewer.userId, read.db);
    if (!detail) throw new NotFoundError();
    if (!mayViewRestoreHistory(detail.membership)) throw new ForbiddenError();
    const attention = resolveResultAttention(detail.run, detail.operationRun);
    return { body: restoreRunJson(detail.run, attention), read };
  });
}
