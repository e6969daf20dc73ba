/** GET /api/audit/export?format=csv|json[&tenant=ID][&action=…] → the owner's audit log, streamed (spec §14, §11). */
import { parseAuditParams } from "@/lib/search-params/audit";
import { listOwnedTenants } from "@/db/queries/audit";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { exportAuditLog } from "@/server/audit/export";
import { errorResponse, jsonError } from "@/server/api/respond";
import { requireViewer } from "@/server/api/viewer";
import { clientAddressFrom } from "@/server/client-address";

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "json") return jsonError(400, "bad_request", "format must be csv or json.");
    const viewer = await requireViewer(request);
    const owned = await listOwnedTenants(viewer.userId);
    if (!owned.length) throw new ForbiddenError("Only owners may export the audit log.");
    const params = parseAuditParams(Object.fromEntries(url.searchParams));
    if (params.tenantId !== null && !owned.some((t) => t.id === params.tenantId)) throw new NotFoundError();
    return await exportAuditLog(
      { userId: viewer.userId, tenantId: params.tenantId, action: params.action },
      format,
      { userId: viewer.userId, email: viewer.email, clientAddress: clientAddressFrom(request.headers) },
    );
  } catch (e) {
    return errorResponse(e);
  }
}
