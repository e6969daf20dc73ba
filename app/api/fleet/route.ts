/** GET /api/fleet → `{ tenants, counts, nextCursor }` (§10): every tenant of the operator, worst first, filtered and paged. */
import { handleReadApi } from "@/server/api/respond";
import { fleetForRequest } from "@/server/api/fleet";

export async function GET(request: Request) {
  return handleReadApi(async () => {
    const fleet = await fleetForRequest(request, { paged: true });
    return { body: { tenants: fleet.entries.map((e) => e.row), counts: fleet.counts, nextCursor: fleet.nextCursor }, read: fleet.read };
  });
}
