/**
 * Set-based statements for the write module, one JSON parameter each instead of one parameter per value:
 * PostgreSQL expands the rows with `jsonb_to_recordset`, so a 1,000-record batch is one short statement
 * to build, send and plan (drizzle's multi-row VALUES with 12,000 parameters cost most of a batch's time).
 */
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { rowsOf, type Executor } from "../client";
import { RecordConflictError } from "../import/dataset-error";
import type { backupSets, operationRuns, restoreRuns } from "../schema";
import type { EvidenceArray } from "./rows";

export type EvidenceTable = typeof backupSets | typeof operationRuns | typeof restoreRuns;
const CHUNK = 1000;

/** `(select … from jsonb_array_elements_text($ids))`: a set of ids as one parameter. */
export function idSet(ids: number[]): SQL {
  return sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`;
}

/** Stored rows by id (drizzle's select, so the row types and value parsing are the usual ones). */
export async function loadById<T>(tx: Executor, table: EvidenceTable, ids: number[]): Promise<Map<number, T>> {
  const map = new Map<number, T>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = (await tx.select().from(table).where(sql`${table.id} in ${idSet(ids.slice(i, i + 10_000))}`)) as unknown as Array<T & { id: number }>;
    for (const r of rows) map.set(r.id, r);
  }
  return map;
}

function jsonValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Inserts rows that all carry an id (in id order, so concurrent writers lock rows in one order), or with
 * `upsert` replaces them by id — never a row of another tenant: if one was taken meanwhile, the whole write
 * is refused. Every row must have the same keys (the table's camelCase column names).
 */
export async function writeRowsWithIds(
  tx: Executor,
  table: EvidenceTable,
  array: EvidenceArray,
  rows: Array<Record<string, unknown>>,
  opts: { upsert: boolean; onProgress?: (array: EvidenceArray, done: number, total: number) => void },
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!);
  const names = keys.map((k) => `"${columns[k]!.name}"`);
  const types = keys.map((k) => `"${columns[k]!.name}" ${columns[k]!.getSQLType()}`);
  const tableName = (table as unknown as { [k: symbol]: string })[Symbol.for("drizzle:Name")];
  const conflict = opts.upsert
    ? `on conflict ("id") do update set ${names.filter((n) => n !== '"id"').map((n) => `${n} = excluded.${n}`).join(", ")}
       where "${tableName}"."tenant_id" = excluded."tenant_id"`
    : "";
  const sorted = [...rows].sort((a, b) => (a.id as number) - (b.id as number));
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    const payload = JSON.stringify(chunk.map((r) => Object.fromEntries(keys.map((k) => [columns[k]!.name, jsonValue(r[k])]))));
    const result = await tx.execute(sql`
      insert into ${sql.raw(`"${tableName}"`)} (${sql.raw(names.join(", "))})
      select ${sql.raw(names.join(", "))} from jsonb_to_recordset(${payload}::jsonb) as x(${sql.raw(types.join(", "))}) order by "id"
      ${sql.raw(conflict)}
      returning "id"`);
    const written = rowsOf<{ id: number }>(result).length;
    if (written !== chunk.length) {
      const done = new Set(rowsOf<{ id: number }>(result).map((r) => Number(r.id)));
      const lost = chunk.find((r) => !done.has(r.id as number));
      throw new RecordConflictError(array, Math.max(0, rows.indexOf(lost!)), "id");
    }
    opts.onProgress?.(array, Math.min(i + CHUNK, rows.length), rows.length);
  }
}
