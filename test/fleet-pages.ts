/**
 * Test support: a fleet answered from the stored rank schedules (decision 0020) against the same fleet
 * assessed in full, for every page of every filter, at instants around the windows' edges.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { fleetCounts, fleetPage, matchesFleetFilter, rankRowOf, type FleetFilter } from "@/lib/recovery/fleet";
import { fleetDistribution } from "@/lib/recovery/fleet-distribution";
import type { TenantOrderKey } from "@/lib/recovery/tenant-order";
import { decodeFleetCursor, encodeFleetCursor } from "@/lib/search-params/fleet";
import { fleetAt, readFleet } from "@/server/fleet/read";

const DAY_MS = 86_400_000;
/** Instants around the generated histories' (NOW ± hours) and their windows' edges (hours, 90 days). */
const nowsAround = (NOW: Date) =>
  [-2 * DAY_MS, -3_600_000, 0, 1, 3_600_000, 26 * 3_600_000, 3 * DAY_MS, 89.9 * DAY_MS, 91 * DAY_MS, 400 * DAY_MS].map(
    (d) => new Date(NOW.getTime() + d),
  );

const FILTERS: FleetFilter[] = [{}, { state: "weakened" }, { attention: true }, { stale: true }, { severity: "none" }, { backup: "absent" }, { q: "a" }];

/**
 * Every fleet page answered from the stored schedules (every filter, paged through with the cursor) equals
 * the fleet assessed in full at the same instant — rows, counts, distribution, cursors — at every instant
 * of NOWS. `path` is the way the answer must have come ("database", or "memory" for the name search).
 */
export async function expectPagesEqualAssessment(db: Database, NOW: Date, email: string, path?: "whole") {
  const NOWS = nowsAround(NOW);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const userId = user!.id;
  for (const now of NOWS) {
    const all = await readFleet(userId, now, db);
    for (const filter of FILTERS) {
      const matching = all.filter((e) => matchesFleetFilter(rankRowOf(e.row, now), filter));
      let after: TenantOrderKey | null = null;
      for (;;) {
        const query = { filter, limit: 2, after };
        const got = await fleetAt({ userId, now, db }, query, { paged: true });
        const want = fleetPage(matching, { after, limit: 2 });
        expect({ now, filter, after, got: { ...got, path: undefined, now: undefined } }).toStrictEqual({
          now, filter, after,
          got: {
            entries: want.items,
            counts: fleetCounts(matching.map((e) => rankRowOf(e.row, now))),
            nextCursor: want.next ? encodeFleetCursor(want.next) : null,
            fleetSize: all.length,
            distribution: fleetDistribution(all.map((e) => rankRowOf(e.row, now)), now),
            path: undefined,
            now: undefined,
          },
        });
        expect(got.path).toBe(path ?? (filter.q === undefined ? "database" : "memory"));
        if (!got.nextCursor) break;
        after = decodeFleetCursor(got.nextCursor);
      }
    }
  }
}

