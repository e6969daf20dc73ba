/** The dashboard's in-flight context: the newest queued/running run that is not a dry run, of this tenant only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import { importDataset, parseDataset } from "../import/importer";
import { getLatestInFlightRestoreRun } from "./in-flight";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
  const run = (id: number, tenant_id: number, status: string, created_at: string, is_dry_run = false) => ({
    id, tenant_id, status, is_dry_run, created_at, completed_at: null,
  });
  const dataset = {
    tenants: [1, 2, 3].map((id) => ({ id, name: `T${id}`, slug: `t${id}` })),
    restore_runs: [
      run(1, 1, "completed", "2025-06-01T11:00:00Z"),
      run(2, 1, "queued", "2025-06-01T09:00:00Z"),
      run(3, 1, "running", "2025-06-01T10:00:00Z"),
      run(4, 1, "running", "2025-06-01T11:30:00Z", true), // a dry run is never in flight evidence or context
      run(5, 2, "queued", "2025-06-01T12:00:00Z"), // another tenant's, newer
      run(6, 3, "previewed", "2025-06-01T12:00:00Z"),
      run(7, 1, "queued", "2025-06-01T10:00:00Z"), // same time as run 3, greater id
    ],
  };
  await importDataset(db, parseDataset(dataset).dataset, { replace: true });
});
afterAll(async () => {
  await closeDb();
});

describe(`getLatestInFlightRestoreRun (${databaseKind()})`, () => {
  it("newest by created_at, ties by greater id; never a dry run, never another tenant's", async () => {
    expect(await getLatestInFlightRestoreRun(1, db)).toEqual({ id: 7, status: "queued", createdAt: new Date("2025-06-01T10:00:00Z") });
    expect((await getLatestInFlightRestoreRun(2, db))?.id).toBe(5);
    expect(await getLatestInFlightRestoreRun(3, db)).toBeNull();
    expect(await getLatestInFlightRestoreRun(99, db)).toBeNull();
  });
});
