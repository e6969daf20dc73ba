import "server-only";
/**
 * Ingest API keys (§12): a 256-bit random secret shown once, stored only as its SHA-256 (the secret has full
 * entropy, so a fast hash is the right one — decision 0012-ingest-api-keys.md), with the single permission
 * `ingest` for one tenant. Creating and revoking writes its audit row in the same transaction.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import { recordAudit } from "../audit";
import { getDb, type Database } from "../client";
import { apiKeys, type ApiKey } from "../integrations-schema";
import { tenants } from "../schema";

export const API_KEY_PREFIX = "rpk_";

export interface Actor {
  type: "user" | "system";
  id: string | null;
  label: string | null;
  clientAddress?: string | null;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export type ApiKeySummary = Omit<ApiKey, "keyHash">;

const summaryColumns = {
  id: apiKeys.id,
  tenantId: apiKeys.tenantId,
  name: apiKeys.name,
  start: apiKeys.start,
  permission: apiKeys.permission,
  createdByUserId: apiKeys.createdByUserId,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export class UnknownTenantError extends Error {
  constructor(readonly tenantId: number) {
    super(`tenant ${tenantId} does not exist`);
  }
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey(
  input: { tenantId: number; name: string; actor: Actor },
  db: Database = getDb(),
): Promise<{ apiKey: ApiKeySummary; key: string }> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, input.tenantId)).for("share");
    if (!tenant) throw new UnknownTenantError(input.tenantId);
    const [row] = await tx
      .insert(apiKeys)
      .values({
        tenantId: input.tenantId,
        name: input.name,
        start: key.slice(0, API_KEY_PREFIX.length + 6),
        keyHash: hashApiKey(key),
        createdByUserId: input.actor.type === "user" ? input.actor.id : null,
      })
      .returning(summaryColumns);
    await recordAudit(tx, {
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      tenantId: input.tenantId,
      action: "api_key.created",
      target: `api_key:${row!.id}`,
      clientAddress: input.actor.clientAddress ?? null,
      detail: { name: input.name },
    });
    return { apiKey: row!, key };
  });
}

export function listApiKeys(tenantId?: number, db: Database = getDb()): Promise<ApiKeySummary[]> {
  return withDatabase(() =>
    db
      .select(summaryColumns)
      .from(apiKeys)
      .where(tenantId === undefined ? undefined : eq(apiKeys.tenantId, tenantId))
      .orderBy(asc(apiKeys.tenantId), asc(apiKeys.id)),
  );
}

/** Revokes a key (of `tenantId`, when given). False when there is no such active key. Takes effect at once. */
export async function revokeApiKey(
  input: { id: number; tenantId?: number; actor: Actor },
  db: Database = getDb(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, input.id),
          isNull(apiKeys.revokedAt),
          input.tenantId === undefined ? undefined : eq(apiKeys.tenantId, input.tenantId),
        ),
      )
      .returning({ id: apiKeys.id, tenantId: apiKeys.tenantId, name: apiKeys.name });
    if (!row) return false;
    await recordAudit(tx, {
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      tenantId: row.tenantId,
      action: "api_key.revoked",
      target: `api_key:${row.id}`,
      clientAddress: input.actor.clientAddress ?? null,
      detail: { name: row.name },
    });
    return true;
  });
}

export interface VerifiedKey {
  id: number;
  tenantId: number;
  name: string;
}

/** The active key with this secret, or null (unknown, malformed or revoked). One indexed lookup. */
export function verifyApiKey(key: string, db: Database = getDb()): Promise<VerifiedKey | null> {
  return withDatabase(async () => {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
    const [row] = await db
      .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
      .limit(1);
    return row ?? null;
  });
}

/** Records use: at most one write a minute per key, so a busy key does not contend on its own row. */
export async function touchApiKey(id: number, db: Database = getDb()): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}
