import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import { backupSets, memberships, tenants, type BackupSet } from "../schema";
import { completedOrdering, exactInstant, keysetPage, type KeysetPage, type ListCursor, type ListKey } from "./keyset";

export const BACKUP_SET_PAGE_SIZE = 25;

export interface BackupSetListRow {
  set: BackupSet;
  key: ListKey;
}

/**
 * A page of one tenant's backup sets, newest first in the order backup health uses
 * (`completed_at desc nulls last, id desc`, index backup_sets_tenant_completed_idx), keyset-paged.
 */
export function listBackupSets(
  q: { tenantId: number; cursor: ListCursor | null; pageSize?: number },
  db: Executor = getDb(),
): Promise<KeysetPage<BackupSetListRow>> {
  const segments = completedOrdering(backupSets.completedAt, backupSets.id, "desc", [backupSets.tenantId]);
  const completedKey = exactInstant(backupSets.completedAt);
  const fetch = async (where: SQL | undefined, orderBy: SQL[], limit: number): Promise<BackupSetListRow[]> => {
    const rows = await db
      .select({ set: backupSets, completedKey })
      .from(backupSets)
      .where(and(sql`${backupSets.tenantId} between ${q.tenantId} and ${q.tenantId}`, where))
      .orderBy(...orderBy)
      .limit(limit);
    return rows.map((r) => ({ set: r.set, key: { id: r.set.id, completedAt: r.completedKey } }));
  };
  return withDatabase(() =>
    keysetPage({ segments, cursor: q.cursor, pageSize: q.pageSize ?? BACKUP_SET_PAGE_SIZE, fetch, keyOf: (r) => r.key }),
  );
}

export interface BackupSetDetail {
  set: BackupSet;
  tenant: { id: number; name: string };
}

/** One backup set, only if the user is a member of its tenant; otherwise null (→ 404). */
export function getBackupSetDetail(setId: number, userId: string, db: Executor = getDb()): Promise<BackupSetDetail | null> {
  return withDatabase(async () => {
    const [row] = await db
      .select({ set: backupSets, tenant: { id: tenants.id, name: tenants.name } })
      .from(backupSets)
      .innerJoin(tenants, eq(tenants.id, backupSets.tenantId))
      .innerJoin(memberships, and(eq(memberships.tenantId, backupSets.tenantId), eq(memberships.userId, userId)))
      .where(eq(backupSets.id, setId))
      .limit(1);
    return row ?? null;
  });
}
