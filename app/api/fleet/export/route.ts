/** GET /api/fleet/export?format=csv|json (§11): every matching tenant of the operator, streamed, with the claim boundaries. */
import { DATA_AS_OF_HEADER, DATA_SOURCE_HEADER } from "@/lib/recovery/data-as-of";
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
    const response = await fleetExport(fleet, format);
    // The rows are as of the read handle's instant (a replica may be up to the lag bound behind).
    response.headers.set(DATA_AS_OF_HEADER, fleet.read.asOf.toISOString());
    response.headers.set(DATA_SOURCE_HEADER, fleet.read.source);
    return response;
  });
}
