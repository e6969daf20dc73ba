/**
 * GET /api/ping → {"ok":true}. The benchmark's floor: the cheapest request the server can answer (no
 * database, no session), so the other endpoints' latencies can be read as ratios to it. It says nothing
 * about the database or the product's health and must never grow into a health check.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
