import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { StripGroup, StripRowKind } from "../../lib/recovery/history-strip";
import { getDb, rowsOf, type Executor } from "../client";
import { backupSetPlacedAt, relevantRestoreRunPredicate, restoreRunPlacedAt } from "../schema";

/**
 * The history strip's per-day groups for one tenant and a window of days, as ONE statement whose every
 * part is an index range bounded by the window — the cost follows the runs inside the window, never the
 * tenant's whole history:
 * - backups: backup_sets_tenant_placed_idx (`tenant_id, coalesce(completed_at, started_at)`), grouped by
 *   day, status, "has a completion time" and "reported failed items" (lib/recovery classifies them);
 * - executed restores: restore_runs_latest_relevant_idx (relevant rows, `tenant_id, coalesce(completed_at,
 *   created_at) desc`), grouped by day and the stored attention (decision 0003, and 0016);
 * - dry runs, previews, runs in flight: restore_runs_not_executed_placed_idx (the complement), by day,
 *   status and dry run.
 * Without `includeRestores` (a viewer), the restore parts are not read at all.
 * The caller has already checked the membership (the dashboard's preamble).
 */
export function getHistoryStripGroups(
  tenantId: number,
  window: { from: Date; to: Date },
  { includeRestores, db = getDb() }: { includeRestores: boolean; db?: Executor },
): Promise<StripGroup[]> {
  return withDatabase(async () => {
    const rows = rowsOf<{ row: StripRowKind; day: string; key: string; flag: boolean; failed_items: boolean; n: number | string; max_id: number | string }>(
      await db.execute(historyStripSql(tenantId, window, includeRestores)),
    );
    return rows.map((r) => ({
      row: r.row,
      day: r.day,
      key: r.key,
      flag: r.flag === true,
      failedItems: r.failed_items === true,
      count: Number(r.n),
      maxId: Number(r.max_id),
    }));
  });
}

const day = (placed: SQL) => sql`to_char(${placed} at time zone 'UTC', 'YYYY-MM-DD')`;

export function historyStripSql(tenantId: number, { from, to }: { from: Date; to: Date }, includeRestores: boolean): SQL {
  const start = sql`${from.toISOString()}::timestamptz`;
  const end = sql`${to.toISOString()}::timestamptz`;
  const inWindow = (placed: SQL) => sql`tenant_id = ${tenantId} and ${placed} >= ${start} and ${placed} < ${end}`;
  const backups = sql`
    select 'backups' as row, ${day(backupSetPlacedAt)} as day, status as key, completed_at is not null as flag,
           failed_item_count > 0 as failed_items, count(*) as n, max(id) as max_id
    from backup_sets where ${inWindow(backupSetPlacedAt)}
    group by 2, 3, 4, 5`;
  if (!includeRestores) return backups;
  return sql`${backups}
    union all
    select 'restores', ${day(restoreRunPlacedAt)}, attention_state, false, false, count(*), max(id)
    from restore_runs where ${inWindow(restoreRunPlacedAt)} and ${relevantRestoreRunPredicate}
    group by 2, 3
    union all
    select 'not_evidence', ${day(restoreRunPlacedAt)}, status, is_dry_run, false, count(*), max(id)
    from restore_runs where ${inWindow(restoreRunPlacedAt)} and not (${relevantRestoreRunPredicate})
    group by 2, 3, 4`;
}
