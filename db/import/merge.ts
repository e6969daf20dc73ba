/** `db:import --merge` for the records without a write module of their own: tenants by id, users by email. */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import * as schema from "../schema";
import { resetSequence } from "../write/sequences";
import type { UserRecord } from "./dataset-schema";

type TenantRow = { id?: number; name: string; slug: string; backupStaleAfterHours: number; restoreEvidenceStaleAfterDays: number; createdAt?: Date };

/** Create or replace tenants by id (a rename cascades to the memberships' copy of the name). */
export async function upsertTenants(tx: Executor, rows: TenantRow[]): Promise<void> {
  for (const row of rows) {
    const { id, createdAt, ...rest } = row;
    if (id === undefined) {
      await tx.insert(schema.tenants).values({ ...rest, ...(createdAt ? { createdAt } : {}) });
      continue;
    }
    await tx
      .insert(schema.tenants)
      .values({ id, ...rest, ...(createdAt ? { createdAt } : {}) })
      .onConflictDoUpdate({ target: schema.tenants.id, set: { ...rest, ...(createdAt ? { createdAt } : {}) } });
  }
  if (rows.length) await resetSequence(tx, "tenants");
}

/**
 * Create or update one user by email: name and password replaced, the listed memberships created or their
 * role replaced; memberships not listed are kept. Returns the number of memberships written.
 */
export async function upsertUser(
  tx: Executor,
  u: UserRecord,
  passwordHash: string,
  tenantNames: Map<number, string>,
): Promise<number> {
  const [existing] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, u.email)).limit(1);
  const userId = existing?.id ?? randomUUID();
  if (existing) {
    await tx.update(schema.users).set({ name: u.name, updatedAt: new Date() }).where(eq(schema.users.id, userId));
    const updated = await tx
      .update(schema.accounts)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(schema.accounts.userId, userId), eq(schema.accounts.providerId, "credential")))
      .returning({ id: schema.accounts.id });
    if (updated.length === 0) {
      await tx.insert(schema.accounts).values({ id: randomUUID(), accountId: userId, providerId: "credential", userId, password: passwordHash });
    }
  } else {
    await tx.insert(schema.users).values({ id: userId, email: u.email, name: u.name, emailVerified: true });
    await tx.insert(schema.accounts).values({ id: randomUUID(), accountId: userId, providerId: "credential", userId, password: passwordHash });
  }
  if (u.memberships.length) {
    await tx
      .insert(schema.memberships)
      .values(u.memberships.map((m) => ({ userId, tenantId: m.tenant_id, role: m.role, tenantName: tenantNames.get(m.tenant_id)! })))
      .onConflictDoUpdate({ target: [schema.memberships.userId, schema.memberships.tenantId], set: { role: sql`excluded.role` } });
  }
  return u.memberships.length;
}
