/** The demo shows the fleet: the owner owns every demo tenant, and freshness (§9) is visible in it. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, resetTestDb } from "../../test/db";
import { importDataset, parseDataset } from "../import/importer";
import { getFleetInputs } from "../queries/fleet";
import { tenants, users } from "../schema";
import { assessTenant } from "../../lib/recovery/assessment";
import { buildDemoDataset, DEMO_USERS } from "./demo-dataset";
import type { Database } from "../client";

const NOW = new Date("2026-11-26T12:00:00Z");
let db: Database;

beforeAll(async () => {
  db = await resetTestDb();
  await importDataset(db, parseDataset(buildDemoDataset(NOW)).dataset);
});
afterAll(async () => closeDb());

describe(`demo dataset in the fleet (${databaseKind()})`, () => {
  it("the owner's fleet holds every demo tenant, every overview state, and stale restore evidence", async () => {
    const [owner] = await db.select().from(users).where(eq(users.email, DEMO_USERS.owner));
    const fleet = await getFleetInputs(owner!.id, db);
    expect(fleet).toHaveLength((await db.select().from(tenants)).length);
    const assessed = fleet.map((i) => ({ name: i.tenant.name, a: assessTenant(i, { now: NOW, canViewRestoreHistory: true }) }));
    expect(new Set(assessed.map((x) => x.a.evidence.overviewState))).toEqual(new Set(["unvalidated", "weakened", "no_recent_issues_visible"]));
    const stale = assessed.filter((x) => x.a.evidence.restoreEvidenceStale).map((x) => x.name).sort();
    expect(stale).toEqual(["Coho Winery", "Margie's Travel"]);
    const margie = assessed.find((x) => x.name === "Margie's Travel")!.a;
    expect(margie.evidence.overviewState).toBe("no_recent_issues_visible");
    expect(margie.needsAttention.map((i) => i.title)).toEqual(["Restore evidence is 200 days old"]);
    // The imported window: 30 days for Coho Winery, the default 90 elsewhere.
    const windows = Object.fromEntries(fleet.map((i) => [i.tenant.name, i.tenant.restoreEvidenceStaleAfterDays]));
    expect([windows["Coho Winery"], windows["Margie's Travel"]]).toEqual([30, 90]);
  });
});
