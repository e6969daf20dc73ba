/** GET /api/v1/openapi.json: the ingest API's OpenAPI document. */
import { openApiDocument } from "@/server/ingest/openapi";

export function GET() {
  return Response.json(openApiDocument, { headers: { "cache-control": "public, max-age=300" } });
}
