import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, resetTestDb } from "../test/db";
import { recordAudit } from "./audit";
import { auditEvents } from "./audit-schema";
import type { Database } from "./client";

let db: Database;
beforeAll(async () => {
  db = await resetTestDb();
});
afterAll(() => closeDb());

const marker = `audit-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe("audit log writer", () => {
  it("writes one row with actor, tenant, action, target, time, address and redacted detail", async () => {
    await recordAudit(db, {
      actorType: "user",
      actorId: "user-1",
      actorLabel: "alice@example.test",
      tenantId: 7,
      action: "tenant.switched",
      target: marker,
      clientAddress: "203.0.113.5",
      detail: { from: 3, password: "hunter2", nested: { apiKey: "rp_live_abc", note: "Bearer abc.def" } },
    });
    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.target, marker));
    expect(row).toMatchObject({
      actorType: "user", actorId: "user-1", actorLabel: "alice@example.test", tenantId: 7,
      action: "tenant.switched", clientAddress: "203.0.113.5",
      detail: { from: 3, password: "[redacted]", nested: { apiKey: "[redacted]", note: "[redacted]" } },
    });
    expect(row!.occurredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("rolls back with the action's transaction", async () => {
    const target = `${marker}-rollback`;
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actorType: "system", actorId: null, tenantId: null, action: "dataset.imported", target });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect(await db.select().from(auditEvents).where(eq(auditEvents.target, target))).toEqual([]);
  });

  it.each([
    ["update", sql`update audit_events set action = 'sign_out'`],
    ["delete", sql`delete from audit_events`],
    ["truncate", sql`truncate audit_events`],
  ])("the database refuses %s: the log is append-only", async (_name, statement) => {
    const before = await db.select({ id: auditEvents.id, action: auditEvents.action }).from(auditEvents).orderBy(desc(auditEvents.id));
    expect(before.length).toBeGreaterThan(0);
    await expect(db.execute(statement)).rejects.toThrow();
    const after = await db.select({ id: auditEvents.id, action: auditEvents.action }).from(auditEvents).orderBy(desc(auditEvents.id));
    expect(after).toEqual(before);
  });

  it("refuses an actor type outside user | api_key | system", async () => {
    await expect(
      recordAudit(db, { actorType: "root" as "user", actorId: null, tenantId: null, action: "sign_out" }),
    ).rejects.toThrow();
  });
});
