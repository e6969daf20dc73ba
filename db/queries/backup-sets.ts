import "server-only";
import { and, eq, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { BackupSetInput } from "../../lib/recovery/types";
import type { ListCursor, ListKey } from "../../lib/search-params/cursor";
import { getDb, type Executor } from "../client";
import { backupSets, memberships, tenants, type BackupSet } from "../schema";
import { knownMembership, memberOf, membershipColumns, type TenantMembership } from "./access";
import { completedOrdering, exactInstant, keysetPage, type KeysetPage } from "./keyset";

/** Backup sets: the representatives backup health reads (§2), the tenant's list, and one set's detail. */

// ── The sets backup health depends on ────────────────────────────────────────────────────────────────

/**
 * The backup sets the health rules can depend on, bounded by the number of distinct statuses, not by the
 * tenant's history: per (status, completed_at is null), the one set that decides that group in
 * `resolveBackupHealth`:
 * - with a completion time: greatest `completed_at`, ties by greatest id (the "latest" rule of §2, and
 *   the strongest "failed attempt newer than the latest completed set" candidate);
 * - without one: a set with no `started_at` either first (an attempt with no readable time counts as
 *   newer), then greatest `started_at`, ties by greatest id.
 * `created_at` is deliberately not part of the order: the resolver never reads it, so ordering by it
 * would pick a representative the resolver does not consider the newest.
 * Statuses are whatever the data holds (unrecognized ones too), found by a skip scan: each step reads the
 * next greater status from backup_sets_tenant_status_completed_idx, then each group is one LIMIT 1 probe of
 * that index or of backup_sets_tenant_status_attempt_idx — a few index entries per status, however many sets
 * the tenant has accumulated (a daily backup adds ~365 a year). Columns: id, name, status, item_count,
 * failed_item_count, started_at, completed_at.
 */
/** `tenantId` may also be a column (the fleet passes memberships.tenant_id, one tenant per outer row). */
export function backupHealthSetsSql(tenantId: number | Placeholder | SQLWrapper): SQL {
  const columns = sql.raw(`b.id, b.name, b.status, b.item_count, b.failed_item_count, b.started_at, b.completed_at`);
  return sql`
    with recursive statuses(status) as (
      (select b.status from backup_sets b where b.tenant_id = ${tenantId} order by b.status limit 1)
      union all
      select (select b.status from backup_sets b where b.tenant_id = ${tenantId} and b.status > s.status order by b.status limit 1)
      from statuses s where s.status is not null
    )
    select rep.* from statuses s cross join lateral (
      (select ${columns} from backup_sets b
        where b.tenant_id = ${tenantId} and b.status = s.status and b.completed_at is not null
        order by b.completed_at desc nulls last, b.id desc limit 1)
      union all
      (select ${columns} from backup_sets b
        where b.tenant_id = ${tenantId} and b.status = s.status and b.completed_at is null
        order by b.started_at desc nulls first, b.id desc limit 1)
    ) rep
    where s.status is not null`;
}

/** Newest attempt first: a set with no completion or start time first, then greatest `completedAt ?? startedAt`, then greatest id. */
export function compareBackupSetsNewestFirst(a: BackupSetInput, b: BackupSetInput): number {
  const time = (s: BackupSetInput) => (s.completedAt ?? s.startedAt ?? null)?.getTime() ?? Number.POSITIVE_INFINITY;
  return time(b) - time(a) || b.id - a.id;
}

/** The JSON rows of backupHealthSetsSql (column names as keys, timestamps as ISO text) as BackupSetInput. */
export function parseBackupSetsJson(value: unknown): BackupSetInput[] {
  const rows = (typeof value === "string" ? JSON.parse(value) : value) as Array<Record<string, unknown>>;
  const time = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    status: String(r.status),
    itemCount: Number(r.item_count),
    failedItemCount: Number(r.failed_item_count),
    startedAt: time(r.started_at),
    completedAt: time(r.completed_at),
  }));
}

// ── The list and one set ─────────────────────────────────────────────────────────────────────────────

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
  /** The viewer's membership in the set's tenant (the join that makes other tenants' sets invisible). */
  membership: TenantMembership;
}

/** One backup set, only if the user is a member of its tenant with a known role; otherwise null (→ 404). */
export function getBackupSetDetail(setId: number, userId: string, db: Executor = getDb()): Promise<BackupSetDetail | null> {
  return withDatabase(async () => {
    const [row] = await db
      .select({ set: backupSets, membership: membershipColumns })
      .from(backupSets)
      .innerJoin(tenants, eq(tenants.id, backupSets.tenantId))
      .innerJoin(memberships, memberOf(backupSets.tenantId, userId))
      .where(eq(backupSets.id, setId))
      .limit(1);
    const membership = knownMembership(row?.membership);
    return row && membership ? { set: row.set, membership } : null;
  });
}
