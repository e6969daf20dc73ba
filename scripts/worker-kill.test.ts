/**
 * Faults caused for real: the delivery worker process (the same worker `npm start` runs in the server) is
 * SIGKILLed while its deliveries are in flight; after a restart every event arrives, signed, none lost, and
 * the interrupted ones carry their original webhook-id. Writes go through the public commands
 * (`db:import --merge`, `webhooks create`) on a database of the test's own.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WebhookReceiver } from "../test/webhook-receiver";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "rp-worker-kill-"));
const usePostgres = Boolean(process.env.DATABASE_URL);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PGLITE_DIR: path.join(work, "db"),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
  WEBHOOK_POLL_MS: "100",
  WEBHOOK_LEASE_MS: "1500",
  WEBHOOK_RETRY_BASE_MS: "200",
};
const children: ChildProcess[] = [];
const receiver = new WebhookReceiver();

function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${script} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim().split("\n");
}
function write(name: string, data: unknown) {
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  return child;
}
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await Promise.all(children.map(exited));
  await receiver.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`webhook worker killed mid-delivery (${usePostgres ? "postgres" : "embedded"})`, () => {
  it("delivers every event after a restart, with the interrupted ones under their original webhook-id", async () => {
    const url = await receiver.start();
    cli("scripts/import.ts", [write("base.json", { tenants: [{ id: 1, name: "Killed", slug: "killed" }] }), "--replace"]);
    receiver.secret = cli("scripts/webhooks.ts", ["create", "--tenant", "1", "--url", url, "--events", "recovery_evidence.changed"]).at(-1)!;
    expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    // Four writes, each changing the evidence: four events in the outbox.
    for (let i = 0; i < 4; i++) {
      const at = new Date(Date.UTC(2026, 10, 1, 10 + i)).toISOString();
      const status = i % 2 === 0 ? "failed" : "completed";
      cli("scripts/import.ts", [write(`w${i}.json`, {
        restore_runs: [{ id: 100 + i, tenant_id: 1, status, is_dry_run: false, created_at: at, completed_at: at,
          results: { items: [{ key: "p", status: status === "completed" ? "applied" : "failed" }] } }],
      }), "--merge"]);
    }

    receiver.mode = "hang";
    const first = startWorker();
    await receiver.until(() => receiver.received.length >= 1, 60_000);
    const inFlight = new Set(receiver.received.map((r) => r.webhookId));
    first.kill("SIGKILL");
    await exited(first);
    expect(first.signalCode).toBe("SIGKILL");

    receiver.mode = "ok";
    const second = startWorker();
    await receiver.until(() => receiver.ids().size === 4, 60_000);
    second.kill("SIGTERM");
    await exited(second);

    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const types = new Set(receiver.received.map((r) => r.body.type));
    expect(types).toStrictEqual(new Set(["recovery_evidence.changed"]));
    // The deliveries cut off by the kill came again, under the same ids.
    for (const id of inFlight) expect(receiver.received.filter((r) => r.webhookId === id).length).toBeGreaterThanOrEqual(2);
    for (const id of inFlight) expect(receiver.received.some((r) => r.webhookId === id && r.answered === 204)).toBe(true);
    const states = receiver.received.map((r) => r.body.data.current.overviewState);
    expect(states).toContain("weakened");
    expect(states).toContain("no_recent_issues_visible");
    // Seven commands and two worker processes, each opening the database: minutes on a shared 2-core machine.
  }, 300_000);
});
