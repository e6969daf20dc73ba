/**
 * Test database: PostgreSQL when DATABASE_URL is set (CI runs every suite once that way), otherwise an
 * in-memory PGlite private to the test file's worker. `resetTestDb()` migrates and empties every table.
 */
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, type Database } from "../db/client";
import { emptyDatasetTables, importDataset, parseDataset } from "../db/import/importer";
import { migrateDb } from "../db/migrate";

if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR?.startsWith("memory://")) {
  throw new Error("Tests run on DATABASE_URL or PGLITE_DIR=memory:// (set by vitest.config.ts), never on the app's data directory.");
}

export async function resetTestDb(): Promise<Database> {
  await migrateDb();
  const db = getDb();
  await db.transaction(async (tx) => {
    await emptyDatasetTables(tx);
    await tx.execute(sql`delete from rate_limits`);
  });
  return db;
}

/** Imports like `npm run db:import -- --replace` does: the dataset goes through JSON text first. */
export async function loadDataset(db: Database, raw: unknown): Promise<void> {
  await importDataset(db, parseDataset(JSON.parse(JSON.stringify(raw))).dataset, { replace: true });
}

export { closeDb, databaseKind, getDb };
