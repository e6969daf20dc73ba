import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { databaseKind, dbReady, getDb } from "./client";
import { refreshAllTenantEvidence } from "./write/tenant-evidence";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies the committed drizzle-kit migrations: one path for PGlite and PostgreSQL. */
export async function migrateDb(folder: string = migrationsFolder): Promise<void> {
  await dbReady();
  const db = getDb();
  if (databaseKind() === "postgres") {
    await migratePostgres(db as never, { migrationsFolder: folder });
  } else {
    await migratePglite(db as never, { migrationsFolder: folder });
  }
  // Tenants stored before the fleet projection existed (migration 0009) get theirs; a no-op afterwards.
  await db.transaction((tx) => refreshAllTenantEvidence(tx, { onlyMissing: true }));
}
