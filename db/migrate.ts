import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "../lib/env";
import { databaseKind, dbReady, getDb, type Database } from "./client";
import { CONNECT_TIMEOUT_SECONDS } from "./fail-fast";
import * as schema from "./schema";
import { refreshAllTenantEvidence } from "./write/tenant-evidence";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * The advisory lock every process that migrates PostgreSQL takes first (an arbitrary constant: "rp-migr").
 * Several app processes starting together (a cluster behind a load balancer) each run the start-up
 * migrations; the lock makes them take turns, and each later one finds nothing left to apply.
 */
export const MIGRATION_LOCK_KEY = 0x72702d6d;

/** How long a process waits for another's migrations before giving up (the server then serves 503s). */
export const MIGRATION_LOCK_WAIT_MS = 120_000;

/**
 * Applies the committed drizzle-kit migrations: one path for PGlite and PostgreSQL. On PostgreSQL they run
 * on one dedicated connection holding `pg_advisory_lock(MIGRATION_LOCK_KEY)` (released with the
 * connection, even if the process dies); PGlite is single-process and needs none.
 */
export function migrateDb(folder: string = migrationsFolder): Promise<void> {
  // Within one process, migrations take turns too (PGlite has no advisory lock across its one connection).
  const run = (g[chainKey] ?? Promise.resolve()).catch(() => {}).then(() => migrateOnce(folder));
  g[chainKey] = run;
  return run;
}

const chainKey = Symbol.for("recovery-posture.migrate-chain");
const g = globalThis as typeof globalThis & { [chainKey]?: Promise<void> };

async function migrateOnce(folder: string): Promise<void> {
  if (databaseKind() !== "postgres") {
    await dbReady();
    await migratePglite(getDb() as never, { migrationsFolder: folder });
    await backfill(getDb());
    return;
  }
  const client = postgres(env.DATABASE_URL!, {
    max: 1,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
    // Waiting for the lock is bounded; the migrations themselves are not cut short by the app's 5 s limit.
    connection: { lock_timeout: MIGRATION_LOCK_WAIT_MS, statement_timeout: 0, application_name: "recovery-posture migrate" },
  });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    const locked = drizzlePostgres(client, { schema }) as unknown as Database;
    await migratePostgres(locked as never, { migrationsFolder: folder });
    // Still under the lock: two processes starting together must not both fill in missing projections.
    await backfill(locked);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Tenants stored before the fleet projection existed (migration 0009) get theirs; a no-op afterwards. */
async function backfill(db: Database): Promise<void> {
  await db.transaction((tx) => refreshAllTenantEvidence(tx, { onlyMissing: true }));
}
