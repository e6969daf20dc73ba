/**
 * Start-up migrations with several processes (a cluster's app processes starting together): on
 * PostgreSQL every migrating process takes the advisory lock first, so they take turns and the later
 * ones find nothing to apply. Caused for real: two `scripts/migrate.ts` processes against a fresh
 * database, with the lock held by the test until both are seen waiting for it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, getDb, rowsOf } from "./client";
import { sql } from "drizzle-orm";
import { migrateDb, MIGRATION_LOCK_KEY } from "./migrate";

afterAll(() => closeDb());

const journal = JSON.parse(fs.readFileSync(new URL("./migrations/meta/_journal.json", import.meta.url), "utf8"));

function runMigrate(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`migrations with several processes (${databaseKind()})`, () => {
  it("concurrent migrations in one process both succeed and apply each migration once", async () => {
    await Promise.all([migrateDb(), migrateDb()]);
    const [row] = rowsOf<{ n: number }>(await getDb().execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(row!.n).toBe(journal.entries.length);
  });

  if (databaseKind() === "postgres") {
    it("two processes migrating a fresh database wait for the advisory lock, then both succeed", async () => {
      const base = new URL(process.env.DATABASE_URL!);
      const name = `${base.pathname.slice(1)}_miglock_${process.pid}`;
      const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(base.toString());
      url.pathname = `/${name}`;
      const fresh = postgres(url.toString(), { max: 2, onnotice: () => {} });
      try {
        const holder = await fresh.reserve();
        await holder`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        const runs = [runMigrate(url.toString()), runMigrate(url.toString())];
        await until("both migrate processes to wait for the lock", async () => {
          const [r] = await fresh`select count(*)::int as n from pg_locks
            where locktype = 'advisory' and not granted and objid = ${MIGRATION_LOCK_KEY}`;
          return r!.n === 2;
        });
        const [before] = await fresh`select to_regclass('public.tenants') is null as absent`;
        expect(before!.absent).toBe(true);
        await holder`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        holder.release();
        const results = await Promise.all(runs);
        for (const r of results) expect(r, r.output).toMatchObject({ code: 0 });
        const [after] = await fresh`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(after!.n).toBe(journal.entries.length);
        const [lock] = await fresh`select count(*)::int as n from pg_locks where locktype = 'advisory'`;
        expect(lock!.n).toBe(0);
      } finally {
        await fresh.end({ timeout: 5 });
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end({ timeout: 5 });
      }
    });
  }
});
