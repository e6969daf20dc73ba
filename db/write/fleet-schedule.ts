/**
 * The one writer of the fleet rank schedule (`tenant_evidence.schedule`, lib/recovery/fleet-schedule.ts):
 * each tenant's projected inputs (the projection's own rows, as the fleet reads them) through the one tenant
 * assessment, once per interval of time. Called by the projection writer right after it recomputed the
 * projection, in the same transaction (db/write/tenant-evidence.ts), and by the load generator on its COPY
 * connection — hence plain SQL text in, rows out. Nothing stored depends on `now`.
 */
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { FLEET_SCHEDULE_VERSION, fleetSchedule } from "../../lib/recovery/fleet-schedule";
import { rowsOf, type Executor } from "../client";
import { tenantEvidence } from "../projection-schema";
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
  return sql`(p.schedule is null
    or p.schedule->'v' is distinct from to_jsonb(${FLEET_SCHEDULE_VERSION}::int)
    or p.schedule->'h' is distinct from to_jsonb(t.backup_stale_after_hours)
    or p.schedule->'d' is distinct from to_jsonb(t.restore_evidence_stale_after_days))`;
}

const BATCH = 1_000;

/**
 * Computes and stores the schedules of the tenants in scope (those with a projection row); returns how many
 * were written. Each batch's projection rows are locked first, in id order as every writer locks them, and
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
    // that tenant's operator live, never from a schedule of other rows.
    const values = rows.map((r) => {
      const schedule = projectionMissing(r) ? null : JSON.stringify(fleetSchedule(inputsOfProjectedRow(r)));
      return sql`(${r.tenant_id}::int, ${schedule}::jsonb)`;
    });
    await run(
      text(sql`update ${tenantEvidence} p set schedule = v.s
        from (values ${sql.join(values, sql`, `)}) as v(id, s) where p.tenant_id = v.id`),
    );
    written += rows.length;
    if (locked.length < BATCH) break;
    after = ids[ids.length - 1]!;
  }
  return written;
}
