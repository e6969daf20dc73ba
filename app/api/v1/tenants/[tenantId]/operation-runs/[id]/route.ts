/** PUT /api/v1/tenants/{tenantId}/operation-runs/{id}: create or replace one record (§12). Bearer ingest key. */
import { putRecord } from "@/server/ingest/handlers";

export function PUT(request: Request, { params }: { params: Promise<{ tenantId: string; id: string }> }) {
  return putRecord(request, params, "operation_runs");
}
