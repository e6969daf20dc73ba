/** GET /api/fleet/export?format=csv|json (§11): every matching tenant of the operator, streamed, with the claim boundaries. */
import { exportFormat } from "@/server/api/export-format";
import { fleetForRequest } from "@/server/api/fleet";
import { handleApiResponse } from "@/server/api/respond";
import { fleetExport } from "@/server/export/fleet-export";

export async function GET(request: Request) {
  return handleApiResponse(async () => {
    const format = exportFormat(request);
    return fleetExport(await fleetForRequest(request, { paged: false }), format);
  });
}
