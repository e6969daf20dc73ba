import { sql } from "drizzle-orm";
import type { Executor } from "../client";

/**
 * Moves a table's identity sequence past every stored id (records arrive with explicit ids). Never moves it
 * back: a concurrent writer may already have taken values its snapshot cannot see.
 */
export async function resetSequence(tx: Executor, tableName: string): Promise<void> {
  await tx.execute(
    sql.raw(
      `select setval(s.seq, greatest(coalesce((select max(id) from "${tableName}"), 0), coalesce(pg_sequence_last_value(s.seq), 0)) + 1, false)
       from (select pg_get_serial_sequence('"${tableName}"', 'id')::regclass as seq) s`,
    ),
  );
}
