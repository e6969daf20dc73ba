import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The public contract as a script sees it: `npm run db:import -- <file> [--replace]`, on a throwaway database. */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "rp-import-cli-"));
const usePostgres = Boolean(process.env.DATABASE_URL);
const env = { ...process.env, PGLITE_DIR: path.join(work, "db") };

function run(args: string[], runEnv: NodeJS.ProcessEnv = env) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], { env: runEnv, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function write(name: string, data: unknown) {
  const file = path.join(work, name);
  fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  return file;
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe(`db:import (${usePostgres ? "postgres" : "embedded"})`, () => {
  const good = {
    tenants: [{ id: 1, name: "One", slug: "cli-one" }],
    restore_runs: [{ id: 5, tenant_id: 1, status: "completed", is_dry_run: false, created_at: "2026-01-01T00:00:00Z" }],
  };

  it("imports a valid file and reports what it wrote", () => {
    const r = run([write("good.json", good), "--replace"]);
    expect(r.err).not.toMatch(/rejected|failed/i);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Imported 1 tenants, 0 users \(0 memberships\), 0 backup sets, 0 operation runs, 1 restore runs/);
  });

  it("imports a future-dated record and warns about it (spec §9)", () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const data = {
      tenants: [{ id: 3, name: "Skewed", slug: "cli-skewed" }],
      restore_runs: [{ id: 9, tenant_id: 3, status: "completed", is_dry_run: false, created_at: "2026-01-01T00:00:00Z", completed_at: future }],
    };
    const r = run([write("future.json", data)]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: restore_runs[0].completed_at (id 9) is in the future (${future}, clock skew)`);
    expect(r.out).toMatch(/Imported 1 tenants/);
  });

  it("rejects a bad record with a non-zero exit, naming it, and writes nothing", () => {
    const bad = { tenants: [{ id: 2, name: "Two", slug: "cli-two" }], restore_runs: [{ ...good.restore_runs[0], id: 6, tenant_id: 2, is_dry_run: "no" }] };
    const r = run([write("bad.json", bad)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Import rejected, nothing was written. restore_runs[0].is_dry_run: must be true or false");
    // Tenant 2 was not written: importing it again alone succeeds (its id and slug are still free).
    const again = run([write("two.json", { tenants: [{ id: 2, name: "Two", slug: "cli-two" }] })]);
    expect(again.code).toBe(0);
  });

  it("--merge creates or replaces by id in one transaction instead of failing on existing ids", () => {
    expect(run([write("base.json", good), "--replace"]).code).toBe(0);
    const plain = run([write("same.json", good)]);
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/already exists \(use --replace or --merge\)/);
    const changed = {
      tenants: [{ id: 1, name: "One renamed", slug: "cli-one" }],
      restore_runs: [
        { ...good.restore_runs[0], status: "failed" },
        { id: 7, tenant_id: 1, status: "completed", is_dry_run: false, created_at: "2026-01-02T00:00:00Z" },
      ],
    };
    const merged = run([write("merge.json", changed), "--merge"]);
    expect(merged.err).not.toMatch(/rejected|failed,/i);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/Imported 1 tenants, 0 users \(0 memberships\), 0 backup sets, 0 operation runs, 2 restore runs/);
    // A bad record in a merge writes nothing: the rename below would otherwise land.
    const bad = run([write("merge-bad.json", { tenants: [{ id: 1, name: "Never", slug: "cli-one" }], restore_runs: [{ ...changed.restore_runs[1], is_dry_run: "no" }] }), "--merge"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("restore_runs[0].is_dry_run");
    expect(run(["--merge", "--replace", "x.json"]).code).toBe(2);
  });

  it("rejects a file that is not JSON", () => {
    const r = run([write("broken.json", "{ not json")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read .*broken\.json as JSON/);
  });

  it("explains its usage when called without a file", () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Usage: npm run db:import -- <file.json> [--replace | --merge]");
  });

  it("refuses an embedded database another live process holds", () => {
    fs.mkdirSync(env.PGLITE_DIR, { recursive: true });
    const holder = spawn("sleep", ["60"], { stdio: "ignore" });
    const pid = holder.pid!;
    fs.writeFileSync(`${env.PGLITE_DIR}.lock`, String(pid));
    try {
      const embedded = { ...env, DATABASE_URL: "" };
      const r = run([write("good2.json", { tenants: [{ id: 3, name: "Three", slug: "cli-three" }] })], embedded);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`open in another process \\(pid ${pid}\\)`));
    } finally {
      holder.kill();
      fs.rmSync(`${env.PGLITE_DIR}.lock`, { force: true });
    }
  });
});
