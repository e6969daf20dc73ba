/**
 * The one writer of the fleet projection (`tenant_evidence`, db/projection-schema.ts): for each tenant,
 * which rows decide its evidence — the latest relevant restore run and the backup-health representatives —
 * selected by the very subqueries the dashboard's live read uses (`latestRelevantRunSubquery`,
 * `backupHealthSetsSql`), so the two cannot select differently. Called inside the transaction of every
 * write that changes a tenant's evidence rows (writeEvidence: import, `--merge`, ingest; the load
 * generator; the migration step for tenants without a row). Nothing stored depends on `now`.
 *
 * Concurrency (PostgreSQL, READ COMMITTED): the tenants' projection rows are created if missing and then
 * locked in id order, and only then recomputed by a separate statement, whose snapshot is taken after the
 * locks were granted — so it sees every write to those tenants that committed before, including one that
 * held the lock. Two transactions writing the same tenant therefore refresh in turn, the second one from
 * both writes; an upsert computing its values before waiting would store the first one's view.
 */
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "../client";
import { tenantEvidence } from "../projection-schema";
import { backupHealthSetsSql } from "../queries/backup-sets";
import { latestRelevantRunSubquery } from "../queries/restore-runs";
import { tenants } from "../schema";
import { idSet } from "./bulk";
import { runTextOn, writeFleetSchedules } from "./fleet-schedule";

/** The projection's values for `tenants.id` of the outer row: one LIMIT 1 probe and one skip scan. */
function projectionValues(db: Executor): { run: SQL; sets: SQL } {
  const latest = latestRelevantRunSubquery(tenants.id, db);
  return {
    run: sql`(select ${sql.identifier("latest")}.${sql.identifier("id")} from ${latest})`,
    sets: sql`(select coalesce(jsonb_agg(s), '[]'::jsonb) from (${backupHealthSetsSql(tenants.id)}) s)`,
  };
}

/** Recomputes the projection of these tenants (they must exist), inside the caller's write transaction. */
export async function refreshTenantEvidence(tx: Executor, tenantIds: number[]): Promise<void> {
  const ids = [...new Set(tenantIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const set = idSet(ids);
  await tx.execute(sql`
    insert into ${tenantEvidence} (tenant_id, backup_sets)
    select t.id, '[]'::jsonb from ${tenants} t where t.id in ${set} order by t.id
    on conflict (tenant_id) do nothing`);
  await tx.execute(sql`select tenant_id from ${tenantEvidence} where tenant_id in ${set} order by tenant_id for update`);
  const { run, sets } = projectionValues(tx);
  await tx.execute(sql`
    update ${tenantEvidence} p set latest_relevant_run_id = v.run, backup_sets = v.sets
    from (select ${tenants.id} as id, ${run} as run, ${sets} as sets from ${tenants} where ${tenants.id} in ${set}) v
    where p.tenant_id = v.id`);
  await writeFleetSchedules(runTextOn(tx), { tenantIds: ids });
}

/**
 * The projection of every tenant, as one statement: the load generator (inside its load transaction, after
 * its COPYs) and the migration step (tenants without a row: `onlyMissing`). Returned as SQL text with no
 * parameters, so the load generator's raw COPY connection can run it too.
 */
export function refreshAllTenantEvidenceSql(db: Executor, opts: { onlyMissing: boolean }): string {
  const { run, sets } = projectionValues(db);
  // Missing rows only: a tenant created in this transaction is invisible to other writers, and a row
  // another transaction created meanwhile was written by its own refresh, so it is left as it is.
  const missing = opts.onlyMissing
    ? sql`where not exists (select 1 from ${tenantEvidence} p where p.tenant_id = ${tenants.id})`
    : sql``;
  const conflict = opts.onlyMissing
    ? sql`on conflict (tenant_id) do nothing`
    : sql`on conflict (tenant_id) do update set latest_relevant_run_id = excluded.latest_relevant_run_id, backup_sets = excluded.backup_sets`;
  const statement = sql`
    insert into ${tenantEvidence} (tenant_id, latest_relevant_run_id, backup_sets)
    select ${tenants.id}, ${run}, ${sets} from ${tenants} ${missing}
    ${conflict}`;
  // The only values are the subqueries' own constants (LIMIT 1): inlined, so the text stands alone.
  const query = new PgDialect().sqlToQuery(statement.inlineParams());
  if (query.params.length) throw new Error("refreshAllTenantEvidenceSql: the statement must have no parameters");
  return query.sql;
}

/**
 * refreshAllTenantEvidenceSql, then the rank schedules: every tenant's, or (`onlyMissing`) those missing or
 * outdated — of another schedule version, or computed with windows a `--merge` import has since changed.
 */
export async function refreshAllTenantEvidence(tx: Executor, opts: { onlyMissing: boolean }): Promise<void> {
  await tx.execute(sql.raw(refreshAllTenantEvidenceSql(tx, opts)));
  await writeFleetSchedules(runTextOn(tx), opts.onlyMissing ? { outdated: true } : { all: true });
}
