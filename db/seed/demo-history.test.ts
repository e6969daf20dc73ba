/** The demo dashboard's strip has varied days, and the added history changes no tenant's posture or state. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, resetTestDb } from "../../test/db";
import { importDataset, parseDataset } from "../import/importer";
import { getRecoveryEvidenceInputs } from "../queries/evidence-inputs";
import { getHistoryStripGroups } from "../queries/history-strip";
import { assessTenant } from "../../lib/recovery/assessment";
import { buildHistoryStrip, daysByWorst, historyStripWindow } from "../../lib/recovery/history-strip";
import { buildDemoDataset } from "./demo-dataset";
import type { Database } from "../client";

const NOW = new Date("2026-11-26T12:00:00Z");
let db: Database;

beforeAll(async () => {
  db = await resetTestDb();
  await importDataset(db, parseDataset(buildDemoDataset(NOW)).dataset);
});
afterAll(async () => closeDb());

describe(`demo history strip (${databaseKind()})`, () => {
  it("Contoso's strip shows every kind of backup day, every executed outcome and runs that are not evidence", async () => {
    const groups = await getHistoryStripGroups(1, historyStripWindow(NOW), { includeRestores: true, db });
    const inputs = (await getRecoveryEvidenceInputs(1, { db }))!;
    const { evidence, backupHealth } = assessTenant(inputs, { now: NOW, canViewRestoreHistory: true });
    expect(backupHealth.posture).toBe("healthy");
    expect(evidence.overviewState).toBe("no_recent_issues_visible");
    const strip = buildHistoryStrip({ groups, now: NOW, canViewRestoreHistory: true, latestBackupAt: null, latestRelevantAt: new Date(evidence.latestRelevantRestoreAt!) });
    expect(Object.keys(daysByWorst(strip.backups)).sort()).toEqual(["completed", "completed_with_errors", "failed"]);
    expect(Object.keys(daysByWorst(strip.restores!)).sort()).toEqual(["completed", "completed_with_follow_up", "failed", "partial"]);
    expect(Object.keys(daysByWorst(strip.notEvidence!)).sort()).toEqual(["dry_run", "preview"]);
    expect(strip.backups.filter((c) => c.total === 0).length).toBeGreaterThanOrEqual(4);
    expect(strip.restores!.filter((c) => c.latest)).toHaveLength(1);
  });
});
