/** POST /api/v1/tenants/{tenantId}/batch: up to 1,000 records, all or nothing (§12). Bearer ingest key. */
import { postBatch } from "@/server/ingest/handlers";

export function POST(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return postBatch(request, params);
}
