/**
 * Where a read-only page or API read goes: the streaming replica (DATABASE_REPLICA_URL) when its lag is
 * within the bound (REPLICA_MAX_LAG_MS, default 5 s), the primary otherwise — and the "as of" instant of
 * the data that read will see, which every evidence surface shows. Sessions, sign-in, tenant switches and
 * every write never come here: they use `getDb()` (the primary), so a writer reads its own writes.
 *
 * The lag is read from the replica at most once per REPLICA_LAG_CHECK_MS per process (one tiny statement),
 * never once per request. Decision record: docs/decisions/0018-cluster-read-replica.md.
 */
import { sql } from "drizzle-orm";
import { env } from "../lib/env";
import { getDb, getReplicaDb, rowsOf, type Database } from "./client";

export type ReadSource = "primary" | "replica";

export interface ReadHandle {
  db: Database;
  source: ReadSource;
  /** Every write committed up to this instant (this process's clock) is visible through `db`. */
  asOf: Date;
}

/** What the replica says about itself (one statement, `REPLICA_STATUS_SQL`). */
export interface ReplicaStatus {
  inRecovery: boolean;
  paused: boolean;
  /** Everything received from the primary has been replayed. */
  caughtUp: boolean;
  /** The WAL receiver is connected and streaming (otherwise "caught up" may mean cut off). */
  streaming: boolean;
  /** Commit time of the last transaction replayed (null before the first since start). */
  replayAt: Date | null;
  serverNow: Date;
}

export interface LagReading {
  /** When the reading was taken (ms, this process's clock). */
  takenAt: number;
  /** How far behind the primary the replica's data was then; null = unknown (unreachable, never replayed). */
  lagMs: number | null;
}

/**
 * The replica's lag from its status. `pg_last_xact_replay_timestamp()` alone would call an idle-but-current
 * replica lagging (the primary commits nothing, the timestamp ages), so a streaming replica that has
 * replayed all it received counts as current. One whose receiver is not streaming is as far behind as its
 * last replayed commit. A paused replica is not read at all (null): its lag only grows from the moment of
 * the pause, and a write made a second after the pause must not be hidden behind a replay timestamp that
 * is still within the bound. A server not in recovery is a primary (e.g. a promoted replica): lag 0.
 */
export function lagFromStatus(s: ReplicaStatus): number | null {
  if (!s.inRecovery) return 0;
  if (s.paused) return null;
  if (s.caughtUp && s.streaming) return 0;
  if (!s.replayAt) return null;
  return Math.max(0, s.serverNow.getTime() - s.replayAt.getTime());
}

/**
 * Whether a read at `nowMs` may use the replica, given a reading taken earlier: the reading's age is added
 * to its lag (the replica may have stopped since), so whenever the replica is chosen, `nowMs − asOf` is at
 * most `maxLagMs`.
 */
export function chooseRead(reading: LagReading | null, nowMs: number, maxLagMs: number): { replica: boolean; asOfMs: number } {
  if (!reading || reading.lagMs === null) return { replica: false, asOfMs: nowMs };
  const asOfMs = reading.takenAt - reading.lagMs;
  return nowMs - asOfMs <= maxLagMs ? { replica: true, asOfMs } : { replica: false, asOfMs: nowMs };
}

export const REPLICA_STATUS_SQL = sql`select pg_is_in_recovery() as in_recovery,
  case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end as paused,
  coalesce(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false) as caught_up,
  exists (select 1 from pg_stat_wal_receiver where status = 'streaming') as streaming,
  pg_last_xact_replay_timestamp() as replay_at,
  clock_timestamp() as server_now`;

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const asBool = (v: unknown): boolean => v === true || v === "t" || v === "true";

export async function readReplicaStatus(db: Database): Promise<ReplicaStatus> {
  const [r] = rowsOf<Record<string, unknown>>(await db.execute(REPLICA_STATUS_SQL));
  if (!r) throw new Error("the replica status statement returned no row");
  return {
    inRecovery: asBool(r.in_recovery),
    paused: asBool(r.paused),
    caughtUp: asBool(r.caught_up),
    streaming: asBool(r.streaming),
    replayAt: asDate(r.replay_at),
    serverNow: asDate(r.server_now) ?? new Date(),
  };
}

export interface ReadRouterOptions {
  primary: () => Database;
  replica: () => Database | null;
  maxLagMs: number;
  checkMs: number;
  /** A reading that takes longer than this counts as "unknown" (the read goes to the primary). */
  statusTimeoutMs?: number;
  status?: (db: Database) => Promise<ReplicaStatus>;
  clock?: () => number;
}

export interface ReadRouter {
  readHandle: () => Promise<ReadHandle>;
  /** The last lag reading (null before the first): for logs and tests. */
  lastReading: () => LagReading | null;
}

export function createReadRouter(opts: ReadRouterOptions): ReadRouter {
  const clock = opts.clock ?? (() => Date.now());
  const status = opts.status ?? readReplicaStatus;
  let reading: LagReading | null = null;
  let refreshing: Promise<LagReading> | null = null;

  const refresh = (replica: Database): Promise<LagReading> => {
    refreshing ??= (async () => {
      const takenAt = clock();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), opts.statusTimeoutMs ?? 500);
      });
      try {
        const s = await Promise.race([status(replica), timeout]);
        // The lag is measured on the replica's clock; the reading is placed on ours at the moment we asked.
        return { takenAt, lagMs: s ? lagFromStatus(s) : null };
      } catch {
        return { takenAt, lagMs: null };
      } finally {
        clearTimeout(timer);
      }
    })().then((r) => {
      reading = r;
      refreshing = null;
      return r;
    });
    return refreshing;
  };

  return {
    lastReading: () => reading,
    readHandle: async () => {
      const replica = opts.replica();
      if (!replica) return { db: opts.primary(), source: "primary", asOf: new Date(clock()) };
      const r = reading && clock() - reading.takenAt < opts.checkMs ? reading : await refresh(replica);
      const choice = chooseRead(r, clock(), opts.maxLagMs);
      return choice.replica
        ? { db: replica, source: "replica", asOf: new Date(choice.asOfMs) }
        : { db: opts.primary(), source: "primary", asOf: new Date(clock()) };
    },
  };
}

const routerKey = Symbol.for("recovery-posture.read-router");
const g = globalThis as typeof globalThis & { [routerKey]?: ReadRouter };

/**
 * The one read handle for read-only page and API queries: pass `handle.db` to the queries and show
 * `handle.asOf`. Without a replica (or on the embedded database) it is the primary, as of now.
 */
export function readHandle(): Promise<ReadHandle> {
  g[routerKey] ??= createReadRouter({
    primary: getDb,
    replica: getReplicaDb,
    maxLagMs: env.REPLICA_MAX_LAG_MS,
    checkMs: env.REPLICA_LAG_CHECK_MS,
  });
  return g[routerKey].readHandle();
}
