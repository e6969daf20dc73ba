/**
 * The read handle and its lag guard. Pure rules are table-driven; the status statement runs on the
 * configured database (PGlite or PostgreSQL, which are not in recovery: a "replica" there is current).
 * The real streaming replica, paused with pg_wal_replay_pause(), is exercised by `npm run test:cluster`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, resetTestDb } from "../test/db";
import type { Database } from "./client";
import { chooseRead, createReadRouter, lagFromStatus, readHandle, readReplicaStatus, type ReplicaStatus } from "./read-handle";

const T = Date.parse("2026-12-01T12:00:00Z");
const status = (over: Partial<ReplicaStatus>): ReplicaStatus => ({
  inRecovery: true,
  paused: false,
  caughtUp: true,
  streaming: true,
  replayAt: new Date(T - 60_000),
  serverNow: new Date(T),
  ...over,
});

describe("lagFromStatus", () => {
  it.each([
    ["a streaming replica that replayed all it received is current, however old its last commit", {}, 0],
    ["paused: never read, however recent its last replayed commit", { paused: true, replayAt: new Date(T - 100) }, null],
    ["paused and not caught up: never read", { paused: true, caughtUp: false }, null],
    ["nothing replayed since start and not caught up: unknown", { caughtUp: false, replayAt: null }, null],
    ["not caught up: by the last replayed commit", { caughtUp: false, replayAt: new Date(T - 2_000) }, 2_000],
    ["receiver not streaming (cut off from the primary): by the last replayed commit", { streaming: false }, 60_000],
    ["a server not in recovery is a primary", { inRecovery: false, paused: true, replayAt: null }, 0],
    ["a replay timestamp ahead of the replica's clock is no lag, not negative lag", { caughtUp: false, replayAt: new Date(T + 500) }, 0],
  ] as const)("%s", (_name, over, lag) => {
    expect(lagFromStatus(status(over))).toBe(lag);
  });
});

describe("chooseRead (bound 5 s)", () => {
  it.each([
    ["no reading yet", null, T, false, T],
    ["unknown lag", { takenAt: T, lagMs: null }, T, false, T],
    ["current replica", { takenAt: T, lagMs: 0 }, T + 400, true, T],
    ["lag within the bound", { takenAt: T, lagMs: 4_000 }, T, true, T - 4_000],
    ["lag exactly the bound", { takenAt: T, lagMs: 5_000 }, T, true, T - 5_000],
    ["lag over the bound", { takenAt: T, lagMs: 5_001 }, T, false, T],
    ["lag within the bound, but the reading has aged past it", { takenAt: T, lagMs: 4_500 }, T + 600, false, T + 600],
  ] as const)("%s", (_name, reading, now, replica, asOf) => {
    expect(chooseRead(reading, now, 5_000)).toEqual({ replica, asOfMs: asOf });
  });

  it("whenever the replica is chosen, now − asOf ≤ bound", () => {
    for (let lag = 0; lag <= 7_000; lag += 250)
      for (let age = 0; age <= 3_000; age += 250) {
        const c = chooseRead({ takenAt: T, lagMs: lag }, T + age, 5_000);
        if (c.replica) expect(T + age - c.asOfMs).toBeLessThanOrEqual(5_000);
        else expect(c.asOfMs).toBe(T + age);
      }
  });
});

describe(`read router (${databaseKind()})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await resetTestDb();
  });
  afterAll(async () => {
    await closeDb();
  });

  it("the status statement runs (a database not in recovery reads as current)", async () => {
    const s = await readReplicaStatus(db);
    expect(s.inRecovery).toBe(false);
    expect(lagFromStatus(s)).toBe(0);
    expect(Math.abs(s.serverNow.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("without a replica every read is the primary's, as of the moment the handle is taken", async () => {
    const before = Date.now();
    const h = await readHandle();
    expect(h.source).toBe("primary");
    expect(h.asOf.getTime()).toBeGreaterThanOrEqual(before);
    expect(h.asOf.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("a current replica is read; the lag is read once per check interval, not once per request", async () => {
    let calls = 0;
    let now = T;
    const replica = {} as Database;
    const router = createReadRouter({
      primary: () => db,
      replica: () => replica,
      maxLagMs: 5_000,
      checkMs: 1_000,
      clock: () => now,
      status: async () => (calls++, status({})),
    });
    const handles = await Promise.all(Array.from({ length: 50 }, () => router.readHandle()));
    expect(calls).toBe(1);
    expect(handles.every((h) => h.db === replica && h.source === "replica" && h.asOf.getTime() === T)).toBe(true);
    now = T + 999;
    await router.readHandle();
    expect(calls).toBe(1);
    now = T + 1_000;
    expect((await router.readHandle()).asOf.getTime()).toBe(T + 1_000);
    expect(calls).toBe(2);
  });

  it("a paused replica, one behind the bound, an unreachable one and a hanging one send reads to the primary", async () => {
    const cases: Array<() => Promise<ReplicaStatus>> = [
      async () => status({ paused: true, replayAt: new Date(Date.now() - 100), serverNow: new Date() }),
      async () => status({ caughtUp: false, replayAt: new Date(Date.now() - 6_000), serverNow: new Date() }),
      async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
      () => new Promise(() => {}),
    ];
    for (const s of cases) {
      const router = createReadRouter({ primary: () => db, replica: () => ({}) as Database, maxLagMs: 5_000, checkMs: 1_000, statusTimeoutMs: 50, status: s });
      const before = Date.now();
      const h = await router.readHandle();
      expect(h.source).toBe("primary");
      expect(h.db).toBe(db);
      expect(h.asOf.getTime()).toBeGreaterThanOrEqual(before);
    }
  });

  it("the configured database itself, as a 'replica', answers the real status statement and is chosen", async () => {
    const router = createReadRouter({ primary: () => ({}) as Database, replica: () => db, maxLagMs: 5_000, checkMs: 1_000 });
    const h = await router.readHandle();
    expect(h.source).toBe("replica");
    expect(router.lastReading()?.lagMs).toBe(0);
  });
});
