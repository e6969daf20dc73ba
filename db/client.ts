/**
 * The only file that chooses the database: PostgreSQL (postgres.js) when DATABASE_URL is set,
 * embedded PGlite otherwise. One connection per process, cached on globalThis so hot reloads and
 * multiple bundles in one `next` process reuse it, closed on SIGTERM/SIGINT.
 */
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../lib/env";
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

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is open in another process (pid ${pid}). ` +
        `PGlite cannot be shared between processes: stop that process (e.g. the running app) first, ` +
        `or point DATABASE_URL at PostgreSQL.`,
    );
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

function open(): Handle {
  if (env.DATABASE_URL) {
    const client = postgres(env.DATABASE_URL, {
      max: 10,
      connect_timeout: 5,
      idle_timeout: 30,
      onnotice: () => {},
      // Short OLTP reads only: PostgreSQL's JIT compiled the fleet statement (5,000 tenants' LATERAL reads)
      // for ~480 ms to save nothing (execution ~220 ms without it). See docs/decisions/0011-fleet-read-path-fleet.md.
      connection: { jit: "off" },
    });
    const db = drizzlePostgres(client, { schema, logger: queryCountingLogger }) as unknown as Database;
    return { db, kind: "postgres", ready: Promise.resolve(), close: () => client.end({ timeout: 5 }) };
  }
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

function handle(): Handle {
  if (!g[globalKey]) {
    g[globalKey] = open();
    const shutdown = () => {
      void closeDb().finally(() => process.exit(0));
    };
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
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

export async function closeDb(): Promise<void> {
  const h = g[globalKey];
  if (!h) return;
  g[globalKey] = undefined;
  await h.close();
}

/** Rows of a raw `db.execute(sql…)` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown })?.rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
