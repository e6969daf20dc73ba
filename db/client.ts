/**
 * The only file that chooses the database: PostgreSQL (postgres.js) when DATABASE_URL is set,
 * embedded PGlite otherwise. One connection per process, cached on globalThis so hot reloads and
 * multiple bundles in one `next` process reuse it, closed on SIGTERM/SIGINT.
 */
import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../lib/env";
import { noteDatabaseFailure, noteDatabaseOpening } from "../lib/db-breaker";
import { DatabaseUnavailableError } from "../lib/errors";
import { failFastClientOptions } from "./fail-fast";
import { queryCountingLogger } from "./query-counter";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

interface Handle {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  ready: Promise<void>;
}

const globalKey = Symbol.for("recovery-posture.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Handle };
const g = globalThis as GlobalWithDb;

/**
 * The embedded directory is held by another process. For a server this is an outage like an unreachable
 * PostgreSQL (a DatabaseUnavailableError: 503 and the no-claim state, and a later request tries again);
 * for the tools its message says what to do.
 */
export class EmbeddedDatabaseBusyError extends DatabaseUnavailableError {
  constructor(dir: string, pid: number) {
    super(Object.assign(new Error(`embedded database ${dir} is held by pid ${pid}`), { code: "PGLITE_BUSY" }));
    this.message =
      `The embedded database at ${dir} is open in another process (pid ${pid}). ` +
      `PGlite cannot be shared between processes: stop that process (e.g. the running app) first, ` +
      `or point DATABASE_URL at PostgreSQL.`;
    this.name = "EmbeddedDatabaseBusyError";
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Refuse to open a PGlite directory that another live process holds (two writers silently lose rows). */
function claimDirectory(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(path.dirname(path.resolve(dir)), `${path.basename(dir)}.lock`);
  try {
    const held = Number(fs.readFileSync(lock, "utf8").trim());
    if (Number.isInteger(held) && held > 0 && held !== process.pid && pidAlive(held)) {
      throw new EmbeddedDatabaseBusyError(dir, held);
    }
  } catch (e) {
    if (e instanceof EmbeddedDatabaseBusyError) throw e;
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lock, "utf8").trim() === String(process.pid)) fs.unlinkSync(lock);
    } catch {
      /* already gone */
    }
  };
}

function openPostgres(url: string): Handle {
  {
    // Fail fast when the database is down, recover without a restart (db/fail-fast.ts).
    const client = postgres(url, {
      max: 10,
      ...failFastClientOptions,
      idle_timeout: 30,
      onnotice: () => {},
      // Short OLTP reads only: PostgreSQL's JIT compiled the fleet statement (5,000 tenants' LATERAL reads)
      // for ~480 ms to save nothing (execution ~220 ms without it). See docs/decisions/0011-fleet-read-path.md.
      connection: { jit: "off" },
    });
    const db = drizzlePostgres(client, { schema, logger: queryCountingLogger }) as unknown as Database;
    return { db, kind: "postgres", ready: Promise.resolve(), close: () => client.end({ timeout: 5 }) };
  }
}

function open(): Handle {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const dir = env.PGLITE_DIR;
  const memory = dir.startsWith("memory://");
  const release = memory ? () => {} : claimDirectory(dir);
  const client = new PGlite(memory ? dir : path.resolve(dir));
  const db = drizzlePglite(client, { schema, logger: queryCountingLogger }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    ready: client.waitReady,
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

const signalsKey = Symbol.for("recovery-posture.db-signals");
const gs = globalThis as typeof globalThis & { [signalsKey]?: true };

function handle(): Handle {
  if (!g[globalKey]) {
    // open() throws when the embedded directory is held by another process: nothing is cached, and the
    // next request tries again (the server recovers once the directory is free, without a restart).
    let h: Handle;
    try {
      h = open();
    } catch (e) {
      if (e instanceof EmbeddedDatabaseBusyError) noteDatabaseFailure("PGLITE_BUSY");
      throw e;
    }
    g[globalKey] = h;
    if (h.kind === "pglite") noteDatabaseOpening(h.ready);
    // An embedded database that fails to start is dropped too, so a later request opens it afresh.
    h.ready.catch(() => {
      if (g[globalKey] !== h) return;
      g[globalKey] = undefined;
      void h.close().catch(() => {});
    });
    if (!gs[signalsKey]) {
      gs[signalsKey] = true;
      const shutdown = () => {
        void closeDb().finally(() => process.exit(0));
      };
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    }
  }
  return g[globalKey];
}

export function getDb(): Database {
  return handle().db;
}

export function databaseKind(): "postgres" | "pglite" {
  return env.DATABASE_URL ? "postgres" : "pglite";
}

export async function dbReady(): Promise<void> {
  await handle().ready;
}

const replicaKey = Symbol.for("recovery-posture.db-replica");
const gr = globalThis as typeof globalThis & { [replicaKey]?: Handle };

/**
 * The streaming replica (DATABASE_REPLICA_URL), or null when none is configured (or without DATABASE_URL:
 * PGlite has no replicas). Only db/read-handle.ts calls this: it decides, by the lag guard, whether a
 * read may go there.
 */
export function getReplicaDb(): Database | null {
  if (!env.DATABASE_URL || !env.DATABASE_REPLICA_URL) return null;
  gr[replicaKey] ??= openPostgres(env.DATABASE_REPLICA_URL);
  return gr[replicaKey].db;
}

export async function closeDb(): Promise<void> {
  const h = g[globalKey];
  const r = gr[replicaKey];
  g[globalKey] = undefined;
  gr[replicaKey] = undefined;
  await Promise.all([h?.close(), r?.close()]);
}

/** Rows of a raw `db.execute(sql…)` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown })?.rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

const rawDialect = new PgDialect();

/**
 * `db.execute(statement)` as a prepared statement: PostgreSQL parses and plans its text once per connection
 * (postgres.js keys prepared statements by their text) instead of on every request. For hot statements
 * whose text is fixed and whose values are all parameters (the fleet's; a plan of the 5-way join of the
 * page's inputs cost ~2–3 ms per request). PGlite runs it like `execute`.
 */
export async function executePrepared(db: Executor, statement: SQL): Promise<unknown> {
  return db._.session.prepareQuery(rawDialect.sqlToQuery(statement), undefined, "prepared", false).execute();
}
