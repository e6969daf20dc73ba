/**
 * Every member-scoped read joins the viewer's membership through db/queries/access.ts (`memberOf`,
 * `knownMembership`): a member gets the row with that membership; a member of another tenant, an unknown
 * user and a membership whose role is outside the vocabulary get null (→ 404), on either database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, loadDataset, resetTestDb } from "../../test/db";
import type { Database } from "../client";
import * as schema from "../schema";
import { getBackupSetDetail } from "./backup-sets";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";
import { getRestoreRunDetail } from "./restore-runs";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
  await loadDataset(db, {
    tenants: [
      { id: 1, name: "A", slug: "a" },
      { id: 2, name: "B", slug: "b" },
    ],
    backup_sets: [{ id: 1, tenant_id: 1, name: "ok", status: "completed", completed_at: "2025-06-01T10:00:00Z" }],
    restore_runs: [{ id: 1, tenant_id: 1, status: "failed", is_dry_run: false, created_at: "2025-06-01T08:00:00Z" }],
  });
  const users = ["member", "stranger", "auditor"].map((name) => ({ id: `u-${name}`, name, email: `${name}@example.com` }));
  await db.insert(schema.users).values(users);
  await db.insert(schema.memberships).values([
    { userId: "u-member", tenantId: 1, role: "viewer", tenantName: "A" },
    { userId: "u-stranger", tenantId: 2, role: "owner", tenantName: "B" },
    { userId: "u-auditor", tenantId: 1, role: "auditor", tenantName: "A" },
  ]);
});
afterAll(async () => {
  await closeDb();
});

const MEMBERSHIP = { tenantId: 1, tenantName: "A", tenantSlug: "a", role: "viewer" };

describe(`member-scoped reads (${databaseKind()})`, () => {
  it("evidence inputs: only a member gets them, with that membership", async () => {
    const member = await getRecoveryEvidenceInputs(1, { db, forUserId: "u-member" });
    expect(member?.membership).toStrictEqual(MEMBERSHIP);
    expect(member?.latestRelevant?.run.id).toBe(1);
    expect(member?.backupSets.map((b) => b.id)).toStrictEqual([1]);
    // A member of another tenant, an unknown user: the tenant does not exist for them.
    expect(await getRecoveryEvidenceInputs(1, { db, forUserId: "u-stranger" })).toBeNull();
    expect(await getRecoveryEvidenceInputs(1, { db, forUserId: "u-nobody" })).toBeNull();
    // Unscoped (the caller has checked access), the same inputs and no membership.
    const unscoped = await getRecoveryEvidenceInputs(1, { db });
    expect(unscoped?.membership).toBeNull();
    expect({ ...unscoped, membership: member?.membership }).toStrictEqual(member);
  });

  it("a backup set and a restore run: a member gets them with the membership; anyone else gets null", async () => {
    expect((await getBackupSetDetail(1, "u-member", db))?.membership).toStrictEqual(MEMBERSHIP);
    expect((await getRestoreRunDetail(1, "u-member", db))?.membership).toStrictEqual(MEMBERSHIP);
    for (const user of ["u-stranger", "u-nobody"]) {
      expect(await getBackupSetDetail(1, user, db)).toBeNull();
      expect(await getRestoreRunDetail(1, user, db)).toBeNull();
    }
  });

  it("a membership with a role outside the vocabulary grants nothing: the set, the run and the evidence are not found", async () => {
    expect(await getBackupSetDetail(1, "u-auditor", db)).toBeNull();
    expect(await getRestoreRunDetail(1, "u-auditor", db)).toBeNull();
    expect(await getRecoveryEvidenceInputs(1, { db, forUserId: "u-auditor" })).toBeNull();
  });
});
