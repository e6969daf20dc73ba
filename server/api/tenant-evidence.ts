import "server-only";
import { getRecoveryEvidenceInputs } from "../../db/queries/evidence-inputs";
import { readHandle, type ReadHandle } from "../../db/read-handle";
import { NotFoundError } from "../../lib/errors";
import { assessTenant, type TenantAssessment } from "../../lib/recovery/assessment";
import { mayViewRestoreHistory } from "../auth/viewer";
import { requireId } from "./respond";
import { requireViewer } from "./viewer";

/**
 * The assessment of the tenant a `/api/tenants/{tenantId}/…` route names, for the signed-in viewer:
 * 400 for a malformed id, 401 without a session, 404 unless the viewer is a member (one statement checks
 * membership and reads the inputs).
 */
export async function memberAssessment(
  request: Request,
  params: Promise<{ tenantId: string }>,
  now: Date = new Date(),
): Promise<TenantAssessment & { read: Omit<ReadHandle, "db"> }> {
  const tenantId = requireId((await params).tenantId, "tenant");
  const viewer = await requireViewer(request);
  const read = await readHandle();
  const inputs = await getRecoveryEvidenceInputs(tenantId, { forUserId: viewer.userId, db: read.db });
  if (!inputs) throw new NotFoundError();
  const assessment = assessTenant(inputs, { now, canViewRestoreHistory: mayViewRestoreHistory(inputs.membership) });
  return { ...assessment, read: { asOf: read.asOf, source: read.source } };
}
