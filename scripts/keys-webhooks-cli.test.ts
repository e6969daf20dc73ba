/** The §12/§13 commands as a script sees them: `api-keys` and `webhooks` create / list / revoke. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "rp-keys-cli-"));
const env = { ...process.env, PGLITE_DIR: path.join(work, "db") };
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(script: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env: { ...env, ...extra }, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, lines: r.stdout.trim().split("\n"), err: r.stderr };
}

describe(`api-keys and webhooks commands (${process.env.DATABASE_URL ? "postgres" : "embedded"})`, () => {
  it("api-keys create prints the key alone on its last line; list shows no secret; revoke refuses twice", () => {
    const file = path.join(work, "t.json");
    fs.writeFileSync(file, JSON.stringify({ tenants: [{ id: 1, name: "Cli", slug: "cli-keys" }] }));
    expect(run("scripts/import.ts", [file, "--replace"]).code).toBe(0);

    const created = run("scripts/api-keys.ts", ["create", "--tenant", "1", "--name", "tooling"]);
    expect(created.code).toBe(0);
    const key = created.lines.at(-1)!;
    expect(key).toMatch(/^rpk_[A-Za-z0-9_-]{43}$/);
    const listed = run("scripts/api-keys.ts", ["list", "--tenant", "1"]);
    expect(listed.lines.join("\n")).toContain("tooling");
    expect(listed.lines.join("\n")).not.toContain(key);
    const id = listed.lines[1]!.split("\t")[0]!;
    expect(run("scripts/api-keys.ts", ["revoke", id]).code).toBe(0);
    expect(run("scripts/api-keys.ts", ["revoke", id]).code).toBe(1);
    expect(run("scripts/api-keys.ts", ["create", "--tenant", "99", "--name", "x"]).code).toBe(1);
    expect(run("scripts/api-keys.ts", ["create", "--name", "x"]).code).toBe(2);
  }, 180_000);

  it("webhooks create refuses private targets unless allowed and prints the whsec_ secret last", () => {
    const refused = run("scripts/webhooks.ts", ["create", "--tenant", "1", "--url", "http://127.0.0.1:3459/hook"], { WEBHOOK_ALLOW_PRIVATE_TARGETS: "" });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/private/);
    expect(run("scripts/webhooks.ts", ["create", "--tenant", "1", "--url", "http://x.test/", "--events", "nope"]).code).toBe(2);
    const hook = run("scripts/webhooks.ts", ["create", "--tenant", "1", "--url", "http://127.0.0.1:3459/hook", "--events", "backup_health.changed"], { WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" });
    expect(hook.code).toBe(0);
    expect(hook.lines.at(-1)).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const hooks = run("scripts/webhooks.ts", ["list"]);
    expect(hooks.lines[1]).toContain("backup_health.changed");
    expect(hooks.lines.join("\n")).not.toContain(hook.lines.at(-1)!);
    expect(run("scripts/webhooks.ts", ["revoke", hooks.lines[1]!.split("\t")[0]!]).code).toBe(0);
  }, 180_000);
});
