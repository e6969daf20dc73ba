import "server-only";
import { getRecoveryEvidenceInputs } from "../../db/queries/recovery-evidence";
import { NotFoundError } from "../errors";
import { requireId } from "./respond";
import { requireViewer } from "./viewer";

/**
 * The evidence inputs of the tenant a `/api/tenants/{tenantId}/…` route names, for the signed-in viewer:
 * 400 for a malformed id, 401 without a session, 404 unless the viewer is a member (one statement checks
 * membership and reads the inputs).
 */
export async function memberEvidenceInputs(request: Request, params: Promise<{ tenantId: string }>) {
  const tenantId = requireId((await params).tenantId, "tenant");
  const viewer = await requireViewer(request);
  const inputs = await getRecoveryEvidenceInputs(tenantId, undefined, viewer.userId);
  if (!inputs) throw new NotFoundError();
  return { tenantId, inputs };
}
