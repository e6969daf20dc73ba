/**
 * The cluster's throwaway PostgreSQL: a primary and a streaming replica (pg_basebackup -R), each an
 * initdb'd directory of its own on a loopback port, started with pg_ctl. PostgreSQL refuses to run as
 * root, so when this runs as root the server commands run as the `postgres` OS user (runuser).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { adminUrl, type ClusterConfig } from "./config";

const asRoot = process.getuid?.() === 0;

function pg(c: ClusterConfig, bin: string, args: string[], what: string): string {
  const exe = path.join(c.pgBin, bin);
  const r = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", exe, ...args], { encoding: "utf8" })
    : spawnSync(exe, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${what} failed (${bin} exit ${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  return r.stdout;
}

/** A data directory with a postmaster.pid belongs to a running (or crashed) server: never wipe it. */
function refuseRunning(dir: string) {
  if (fs.existsSync(path.join(dir, "postmaster.pid"))) {
    throw new Error(`PostgreSQL is running in ${dir} (another cluster on these ports?): stop it first (npm run cluster -- --stop)`);
  }
}

function ownedDir(dir: string) {
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asRoot) spawnSync("chown", ["postgres:postgres", dir]);
}

const serverConf = (port: number, dir: string) => `
# recovery-posture cluster (npm run cluster): throwaway, loopback only
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = '${dir}'
wal_level = replica
max_wal_senders = 4
hot_standby = on
hot_standby_feedback = on
max_connections = 100
shared_buffers = 64MB
`;

export function pgDataDir(c: ClusterConfig, which: "primary" | "replica") {
  return path.join(c.pgDir, `pg-${which}`);
}

export function startPrimary(c: ClusterConfig): string {
  const dir = pgDataDir(c, "primary");
  refuseRunning(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  ownedDir(dir);
  // Trust on loopback only: a throwaway cluster for this machine, never exposed.
  pg(c, "initdb", ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"], "initdb (primary)");
  fs.appendFileSync(path.join(dir, "postgresql.conf"), serverConf(c.primaryPort, dir));
  pg(c, "pg_ctl", ["-D", dir, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"], "starting the primary");
  return dir;
}

/** The app's role and database on the primary (they reach the replica by replication). */
export async function createAppDatabase(c: ClusterConfig): Promise<void> {
  const admin = postgres(`postgres://postgres@127.0.0.1:${c.primaryPort}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create role rp login password 'rp'`);
    // The lag guard reads pg_stat_wal_receiver on the replica: its status is visible to this role only.
    await admin.unsafe(`grant pg_read_all_stats to rp`);
    await admin.unsafe(`create database ${c.database} owner rp`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export function startReplica(c: ClusterConfig): string {
  const dir = pgDataDir(c, "replica");
  refuseRunning(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  ownedDir(dir);
  pg(c, "pg_basebackup", ["-h", "127.0.0.1", "-p", String(c.primaryPort), "-U", "postgres", "-D", dir, "-R", "-X", "stream", "-c", "fast"], "pg_basebackup (replica)");
  fs.appendFileSync(path.join(dir, "postgresql.conf"), serverConf(c.replicaPort, dir));
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  pg(c, "pg_ctl", ["-D", dir, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"], "starting the replica");
  return dir;
}

/** Starts an initdb'd directory again (after stopPostgres), e.g. a replica stopped by a test. */
export function restartPostgres(c: ClusterConfig, dir: string): void {
  pg(c, "pg_ctl", ["-D", dir, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"], `starting PostgreSQL in ${dir}`);
}

export function stopPostgres(c: ClusterConfig, dir: string): void {
  if (!fs.existsSync(path.join(dir, "postmaster.pid"))) return;
  pg(c, "pg_ctl", ["-D", dir, "-m", "fast", "-w", "-t", "60", "stop"], `stopping PostgreSQL in ${dir}`);
}

/** Runs `work` with a superuser connection to the primary or the replica. */
export async function withAdmin<T>(c: ClusterConfig, which: "primary" | "replica", work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl(c, which === "primary" ? c.primaryPort : c.replicaPort), { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Until the replica has replayed everything the primary has written so far. */
export async function waitForReplica(c: ClusterConfig, timeoutMs = 60_000): Promise<void> {
  const [row] = await withAdmin(c, "primary", (sql) => sql`select pg_current_wal_lsn()::text as lsn`);
  const lsn = String(row!.lsn);
  const deadline = Date.now() + timeoutMs;
  await withAdmin(c, "replica", async (sql) => {
    for (;;) {
      const [r] = await sql`select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`;
      if (r!.done) return;
      if (Date.now() > deadline) throw new Error("the replica did not catch up with the primary");
      await new Promise((res) => setTimeout(res, 100));
    }
  });
}
