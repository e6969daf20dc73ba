/** GET /api/fleet/export?format=csv|json (§11): every matching tenant of the operator, streamed, with the claim boundaries. */
import { exportFormat } from "@/server/api/export-format";
import { fleetForRequest } from "@/server/api/fleet";
import { handleApiResponse } from "@/server/api/respond";
import { requireViewer } from "@/server/api/viewer";
import { auditExport } from "@/server/audit/record-export";
import { fleetExport } from "@/server/export/fleet-export";

export async function GET(request: Request) {
  return handleApiResponse(async () => {
    const format = exportFormat(request);
    const fleet = await fleetForRequest(request, { paged: false });
    await auditExport(request, await requireViewer(request), {
      action: "export.fleet", tenantId: null, target: "fleet", detail: { format, query: new URL(request.url).search.slice(0, 200) },
    });
    return fleetExport(fleet, format);
  });
}
