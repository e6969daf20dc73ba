import "server-only";
import { getRecoveryEvidenceInputs } from "../../db/queries/evidence-inputs";
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
): Promise<TenantAssessment> {
  const tenantId = requireId((await params).tenantId, "tenant");
  const viewer = await requireViewer(request);
  const inputs = await getRecoveryEvidenceInputs(tenantId, { forUserId: viewer.userId });
  if (!inputs) throw new NotFoundError();
  return assessTenant(inputs, { now, canViewRestoreHistory: mayViewRestoreHistory(inputs.membership) });
}
