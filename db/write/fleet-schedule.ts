/**
 * The one writer of the fleet rank schedule (`tenant_rank_schedules`, lib/recovery/fleet-schedule.ts):
 * each tenant's projected inputs (the projection's own rows, as the fleet reads them) through the one tenant
 * assessment, once per interval of time. Called by the projection writer right after it recomputed the
 * projection, in the same transaction (db/write/tenant-evidence.ts), and by the load generator on its COPY
 * connection — hence plain SQL text in, rows out. Nothing stored depends on `now`.
 */
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { FLEET_SCHEDULE_VERSION, fleetSchedule, scheduleArrays } from "../../lib/recovery/fleet-schedule";
import { evidenceTime } from "../../lib/recovery/tenant-order";
import { rowsOf, type Executor } from "../client";
import { tenantEvidence, tenantRankSchedules } from "../projection-schema";
import {
  inputsOfProjectedRow,
  projectedColumns,
  projectedJoins,
  projectionMissing,
  type ProjectedRowRaw,
} from "../queries/projected-inputs";
import { tenants } from "../schema";
import { idSet } from "./bulk";

/** Runs one statement given as text (a drizzle executor, or the load generator's COPY connection). */
export type RunText = (statement: string) => Promise<unknown[]>;

export function runTextOn(db: Executor): RunText {
  return async (statement) => rowsOf<unknown>(await db.execute(sql.raw(statement)));
}

const dialect = new PgDialect();

/** The statement as standalone text: every value inlined (ids and JSON, escaped by the dialect). */
function text(statement: SQL): string {
  const query = dialect.sqlToQuery(statement.inlineParams());
  if (query.params.length) throw new Error("fleet-schedule: the statement must have no parameters");
  return query.sql;
}

export type ScheduleScope =
  /** These tenants (whose projection the caller has just recomputed and holds locked). */
  | { tenantIds: number[] }
  /** Every tenant with a projection row. */
  | { all: true }
  /** Tenants whose stored schedule is missing, of another version, or computed with other windows. */
  | { outdated: true };

function scopeWhere(scope: ScheduleScope): SQL {
  if ("tenantIds" in scope) return sql`t.id in ${idSet(scope.tenantIds)}`;
  if ("all" in scope) return sql`true`;
  return sql`not exists (select 1 from ${tenantRankSchedules} s where s.tenant_id = p.tenant_id
    and s.version = ${FLEET_SCHEDULE_VERSION} and s.backup_stale_after_hours = t.backup_stale_after_hours
    and s.restore_evidence_stale_after_days = t.restore_evidence_stale_after_days)`;
}

/**
 * One tenant's schedule as a VALUES row (every value escaped by the dialect when inlined), or null when a
 * signature has no code: that tenant then has no row and is assessed live.
 */
function scheduleValue(r: ProjectedRowRaw): SQL | null {
  const schedule = fleetSchedule(inputsOfProjectedRow(r));
  const arrays = scheduleArrays(schedule);
  if (!arrays) return null;
  const ms = schedule.at === null ? null : evidenceTime(schedule.at);
  const evidenceMs = ms === null || !Number.isFinite(ms) ? null : ms;
  const bigints = sql.join(arrays.validFrom.map((v) => sql`${v}`), sql`, `);
  const ints = sql.join(arrays.codes.map((v) => sql`${v}`), sql`, `);
  return sql`(${r.tenant_id}::int, ${schedule.v}::smallint, ${schedule.h}::int, ${schedule.d}::int, ${schedule.at}::text, ${evidenceMs}::bigint,
    array[${bigints}]::bigint[], array[${ints}]::int[])`;
}

const BATCH = 1_000;

/**
 * Computes and stores the schedules of the tenants in scope (those with a projection row); returns how many
 * were stored (a tenant whose projection cannot answer, or whose signature has no code, gets none). Each batch's projection rows are locked first, in id order as every writer locks them, and
 * only then read: a concurrent writer of one of these tenants has either committed (and is read) or waits.
 */
export async function writeFleetSchedules(run: RunText, scope: ScheduleScope): Promise<number> {
  if ("tenantIds" in scope && scope.tenantIds.length === 0) return 0;
  let written = 0;
  let after: number | null = null;
  for (;;) {
    const page: SQL = after === null ? sql`` : sql`and p.tenant_id > ${after}`;
    const locked = (await run(
      text(sql`select p.tenant_id from ${tenantEvidence} p join ${tenants} t on t.id = p.tenant_id
        where ${scopeWhere(scope)} ${page} order by p.tenant_id limit ${BATCH} for update of p`),
    )) as { tenant_id: number }[];
    if (locked.length === 0) break;
    const ids = locked.map((r) => r.tenant_id);
    const rows = (await run(
      text(sql`select ${projectedColumns} from ${tenants} t ${projectedJoins} where t.id in ${idSet(ids)} order by t.id`),
    )) as ProjectedRowRaw[];
    // A row the projection cannot answer for (its run is gone) gets no schedule: the fleet then assesses
    // that tenant's operators live, never from a schedule of other rows.
    await run(text(sql`delete from ${tenantRankSchedules} where tenant_id in ${idSet(ids)}`));
    const values = rows.flatMap((r) => {
      const v = projectionMissing(r) ? null : scheduleValue(r);
      return v ? [v] : [];
    });
    if (values.length) {
      await run(
        text(sql`insert into ${tenantRankSchedules} (tenant_id, version, backup_stale_after_hours, restore_evidence_stale_after_days,
          latest_relevant_restore_at, evidence_ms, valid_from, signature)
          values ${sql.join(values, sql`, `)}`),
      );
    }
    written += values.length;
    if (locked.length < BATCH) break;
    after = ids[ids.length - 1]!;
  }
  return written;
}
