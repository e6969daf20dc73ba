/**
 * The cluster's app processes: each a production `next start` (the same Node options as `npm start`),
 * detached in a process group of its own, logging to `<dir>/app-<port>.log`. Every process runs the
 * start-up migrations (they take turns on the advisory lock) and the webhook worker (outbox claims are
 * exclusive), and shares one auth secret, so a session made on one is valid on the other.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { serverNodeOptions } from "../server-options";
import { lbUrl, primaryUrl, replicaUrl, type ClusterConfig } from "./config";

export function clusterSecret(c: ClusterConfig): string {
  const file = path.join(c.dir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

export function appEnv(c: ClusterConfig, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: primaryUrl(c),
    DATABASE_REPLICA_URL: process.env.CLUSTER_NO_REPLICA === "1" ? "" : replicaUrl(c),
    APP_URL: lbUrl(c),
    BETTER_AUTH_SECRET: clusterSecret(c),
    // The client address comes from nginx's X-Forwarded-For (loopback proxy).
    TRUST_PROXY: "1",
    NODE_OPTIONS: serverNodeOptions(),
  };
}

export function startApp(c: ClusterConfig, port: number): number {
  const log = fs.openSync(path.join(c.dir, `app-${port}.log`), "a");
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: appEnv(c, port),
    stdio: ["ignore", log, log],
    detached: true,
  });
  child.unref();
  fs.closeSync(log);
  if (!child.pid) throw new Error(`app process on ${port} did not start`);
  return child.pid;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Signals the whole process group (next start leaves a next-server child). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

export async function stopApp(pid: number, timeoutMs = 15_000): Promise<void> {
  signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) signalGroup(pid, "SIGKILL");
}

/** Until `url` answers 200 (the server is up), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await r.body?.cancel();
      if (r.status === 200) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
