/**
 * THE write path for evidence records (style rule 12): the dataset import, `db:import --merge`, and the
 * ingest API all write backup sets, operation runs and restore runs through `writeEvidence`, inside the
 * caller's transaction. Everything a write derives happens here, in that transaction: the stored
 * `attention_state` (also of runs whose operation run changed), the outbox events and their deliveries,
 * and the state the time-driven sweep compares with. A record equal to what is stored is not written,
 * so a repeated write changes nothing and emits nothing.
 */
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { TenantAssessment } from "../../lib/recovery/assessment";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import type { Executor } from "../client";
import { DatasetError, RecordConflictError } from "../import/dataset-error";
import { backupSets, operationRuns, restoreRuns, type BackupSet, type OperationRun, type RestoreRun } from "../schema";
import { deriveChanges, lockEventStates } from "./change-outbox";
import { backupSetValues, operationRunValues, restoreRunValues, unchanged, type EvidenceArray, type EvidenceRecords } from "./rows";
import { resetSequence } from "./sequences";
import { refreshTenantEvidence } from "./tenant-evidence";
import { idSet, loadById, writeRowsWithIds } from "./bulk";

export interface WriteOptions {
  /** `insert`: every id is new (the importer checked). `upsert`: create or replace by id. */
  mode: "insert" | "upsert";
  now?: Date;
  /** Tenants whose assessment after the write the caller needs (the ingest response). */
  assess?: number[];
  /** Return the stored rows (ingest answers with them; a large import does not need them). */
  returnRows?: boolean;
  onProgress?: (array: EvidenceArray, done: number, total: number) => void;
}

export interface WriteResult {
  /** The stored rows, in record order (only with `returnRows`). */
  stored: { backup_sets: BackupSet[]; operation_runs: OperationRun[]; restore_runs: RestoreRun[] };
  /** Rows inserted or replaced, attention recomputations included. 0 for a repeated write. */
  written: number;
  /** Outbox events written. */
  events: number;
  assessments: Map<number, TenantAssessment>;
}

type Row = BackupSet | OperationRun | RestoreRun;
type Table = typeof backupSets | typeof operationRuns | typeof restoreRuns;

function idsOf(records: { id?: number }[]): number[] {
  return records.flatMap((r) => (r.id === undefined ? [] : [r.id]));
}

/** A record whose id is stored under another tenant is refused (409), before anything is written. */
function refuseForeignIds(array: EvidenceArray, records: { id?: number; tenant_id: number }[], stored: Map<number, Row>) {
  records.forEach((r, index) => {
    const row = r.id === undefined ? undefined : stored.get(r.id);
    if (row && row.tenantId !== r.tenant_id) throw new RecordConflictError(array, index, "id");
  });
}

/** Restore runs may reference a backup set / operation run of their own tenant only: in this write, or stored. */
async function checkRunReferences(tx: Executor, records: EvidenceRecords, sets: Map<number, Row>, ops: Map<number, Row>) {
  const local = (list: { id?: number; tenant_id: number }[]) => new Map(list.flatMap((r) => (r.id === undefined ? [] : [[r.id, r.tenant_id] as const])));
  const check = async (field: "backup_set_id" | "operation_run_id", table: Table, inWrite: Map<number, number>, known: Map<number, Row>, what: string) => {
    const wanted = [...new Set(records.restore_runs.flatMap((r) => (r[field] !== null && !inWrite.has(r[field]) && !known.has(r[field]) ? [r[field]] : [])))];
    const more = await loadById<Row>(tx, table, wanted);
    records.restore_runs.forEach((r, index) => {
      const ref = r[field];
      if (ref === null) return;
      const owner = inWrite.get(ref) ?? known.get(ref)?.tenantId ?? more.get(ref)?.tenantId;
      if (owner === undefined) throw new DatasetError("restore_runs", index, field, `${what} ${ref} does not exist`);
      if (owner !== r.tenant_id) throw new RecordConflictError("restore_runs", index, field);
    });
  };
  await check("backup_set_id", backupSets, local(records.backup_sets), sets, "backup set");
  await check("operation_run_id", operationRuns, local(records.operation_runs), ops, "operation run");
}

export async function writeEvidence(tx: Executor, records: EvidenceRecords, opts: WriteOptions): Promise<WriteResult> {
  const now = opts.now ?? new Date();
  const upsert = opts.mode === "upsert";
  const returning = Boolean(opts.returnRows);
  const tenantIds = [...new Set([...records.backup_sets, ...records.operation_runs, ...records.restore_runs].map((r) => r.tenant_id))];

  const storedSets = upsert ? await loadById<BackupSet>(tx, backupSets, idsOf(records.backup_sets)) : new Map<number, BackupSet>();
  const storedOps = upsert ? await loadById<OperationRun>(tx, operationRuns, idsOf(records.operation_runs)) : new Map<number, OperationRun>();
  const storedRuns = upsert ? await loadById<RestoreRun>(tx, restoreRuns, idsOf(records.restore_runs)) : new Map<number, RestoreRun>();
  refuseForeignIds("backup_sets", records.backup_sets, storedSets);
  refuseForeignIds("operation_runs", records.operation_runs, storedOps);
  refuseForeignIds("restore_runs", records.restore_runs, storedRuns);
  if (upsert) await checkRunReferences(tx, records, storedSets, storedOps);

  let written = 0;
  const pick = <R extends Row, V extends { id?: number }>(values: V[], stored: Map<number, R>) =>
    values.filter((v) => {
      const row = v.id === undefined ? undefined : stored.get(v.id);
      return !row || !unchanged(row, v as Record<string, unknown>);
    });

  // Backup sets: an omitted created_at keeps the stored one (so a repeat is a no-op) or is now() on a create.
  const setValues = records.backup_sets.map((b) => {
    const v = backupSetValues(b);
    return v.createdAt !== undefined ? v : { ...v, createdAt: (b.id !== undefined && storedSets.get(b.id)?.createdAt) || now };
  });
  const setsOut = await writeSplit<BackupSet>(tx, backupSets, "backup_sets", pick(setValues, storedSets), upsert, returning, opts.onProgress);
  written += setsOut.count;

  const opValues = records.operation_runs.map(operationRunValues);
  const opsOut = await writeSplit<OperationRun>(tx, operationRuns, "operation_runs", pick(opValues, storedOps), upsert, returning, opts.onProgress);
  written += opsOut.count;

  // Attention needs each run's operation outcome: from this write, else as stored.
  const outcome = new Map<number, string>();
  for (const [id, o] of storedOps) outcome.set(id, o.outcome);
  for (const o of records.operation_runs) if (o.id !== undefined) outcome.set(o.id, o.outcome);
  const missingOps = [...new Set(records.restore_runs.flatMap((r) => (r.operation_run_id !== null && !outcome.has(r.operation_run_id) ? [r.operation_run_id] : [])))];
  for (const [id, o] of await loadById<OperationRun>(tx, operationRuns, missingOps)) outcome.set(id, o.outcome);
  const attentionOf = (r: { status: string; isDryRun: boolean; results: unknown; metadata: unknown; operationRunId: number | null }) => {
    const o = r.operationRunId === null ? undefined : outcome.get(r.operationRunId);
    return resolveResultAttention(r, o === undefined ? null : { outcome: o }).state;
  };
  const runValues = records.restore_runs.map((r) =>
    restoreRunValues(r, attentionOf({ status: r.status, isDryRun: r.is_dry_run, results: r.results, metadata: r.metadata, operationRunId: r.operation_run_id })),
  );
  const runsOut = await writeSplit<RestoreRun>(tx, restoreRuns, "restore_runs", pick(runValues, storedRuns), upsert, returning, opts.onProgress);
  written += runsOut.count;

  // Stored runs linked to an operation run whose outcome changed: their cached attention follows it.
  const changedOutcome = records.operation_runs.flatMap((o) => {
    const before = o.id === undefined ? undefined : storedOps.get(o.id);
    return before && before.outcome !== o.outcome ? [o.id!] : [];
  });
  if (changedOutcome.length) {
    const inWrite = new Set(idsOf(records.restore_runs));
    const linked = await tx.select().from(restoreRuns).where(sql`${restoreRuns.operationRunId} in ${idSet(changedOutcome)}`);
    for (const run of linked) {
      if (inWrite.has(run.id)) continue;
      const state = attentionOf(run);
      if (state === run.attentionState) continue;
      await tx.update(restoreRuns).set({ attentionState: state }).where(sql`${restoreRuns.id} = ${run.id}`);
      written++;
    }
  }

  // The fleet projection of every tenant this write touched, from the rows as they now are (locks in
  // tenant order, before the event states below: every writer takes them in that order).
  if (written > 0) await refreshTenantEvidence(tx, tenantIds);

  // Watched tenants' state rows are locked only now, after the rows: concurrent writes to one tenant derive
  // their events in turn, each reading (READ COMMITTED, a fresh snapshot per statement) every write committed
  // before it, so the lock is held for the comparison alone. A repeat that wrote nothing takes no lock.
  const states = written > 0 ? await lockEventStates(tx, tenantIds) : new Map();
  const derived = await deriveChanges(tx, states, now, opts.assess);

  const inOrder = <R extends Row>(list: { id?: number }[], fresh: R[], stored: Map<number, R>): R[] => {
    if (!returning) return [];
    const byId = new Map(fresh.map((r) => [r.id, r]));
    return list.flatMap((r) => {
      const row = r.id === undefined ? undefined : (byId.get(r.id) ?? stored.get(r.id));
      return row ? [row] : [];
    });
  };
  return {
    stored: {
      backup_sets: inOrder(records.backup_sets, setsOut.rows, storedSets),
      operation_runs: inOrder(records.operation_runs, opsOut.rows, storedOps),
      restore_runs: inOrder(records.restore_runs, runsOut.rows, storedRuns),
    },
    written,
    events: derived.events,
    assessments: derived.assessments,
  };
}

/**
 * Rows with explicit ids through the set-based statement; rows without one (import and `--merge` only)
 * take new ids from the sequence, moved past every stored id first. The stored rows are the values
 * written (every column is given), so nothing is read back.
 */
async function writeSplit<T extends Row>(
  tx: Executor,
  table: Table & PgTable,
  array: EvidenceArray,
  rows: Array<Record<string, unknown> & { id?: number }>,
  upsert: boolean,
  returning: boolean,
  onProgress?: WriteOptions["onProgress"],
): Promise<{ rows: T[]; count: number }> {
  if (rows.length === 0) return { rows: [], count: 0 };
  const withId = rows.filter((r) => r.id !== undefined);
  const withoutId = rows.filter((r) => r.id === undefined).map(({ id: _id, ...rest }) => rest);
  await writeRowsWithIds(tx, table, array, withId, { upsert, onProgress });
  const out = returning ? (withId as unknown as T[]) : [];
  if (withoutId.length) {
    await resetSequence(tx, array);
    for (let i = 0; i < withoutId.length; i += 1000) {
      const inserted = await tx.insert(table).values(withoutId.slice(i, i + 1000) as never).returning();
      if (returning) out.push(...(inserted as unknown as T[]));
      onProgress?.(array, withId.length + Math.min(i + 1000, withoutId.length), rows.length);
    }
  }
  // The sequence must pass explicit ids before anything takes a value from it; only id-less inserts do.
  if (withId.length && !upsert) await resetSequence(tx, array);
  return { rows: out, count: rows.length };
}
