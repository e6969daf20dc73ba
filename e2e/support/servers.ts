/**
 * Extra production servers for the security suite, each on a port of the run's own range (E2E_PORT + n)
 * with a database of its own: an embedded directory, or a throwaway PostgreSQL cluster the test stops
 * for real. Their output goes to .data/security-logs/, which the run greps for secrets afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { serverNodeOptions } from "../../scripts/server-options";
import { buildE2eDataset } from "../fixtures/scenarios";

type Env = Record<string, string | undefined>;

export const E2E_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";

export function portOffset(n: number): number {
  return Number(process.env.E2E_PORT ?? "3310") + n;
}

export interface TestServer {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

function baseEnv(extra: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BETTER_AUTH_SECRET: E2E_SECRET, ...extra, NODE_ENV: "production" };
  delete env.TRUST_PROXY;
  if (extra.TRUST_PROXY) env.TRUST_PROXY = extra.TRUST_PROXY;
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** Imports the e2e dataset into the database `dbEnv` names (PGLITE_DIR or DATABASE_URL). */
export async function importE2eDataset(dbEnv: Env, name: string): Promise<void> {
  const file = path.resolve(`.data/security-${name}-dataset.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(buildE2eDataset()));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", file, "--replace"], { env: baseEnv(dbEnv), stdio: "pipe" });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const code = await new Promise<number>((r) => child.on("exit", (c) => r(c ?? 1)));
  if (code !== 0) throw new Error(`import into ${name} failed: ${out}`);
}

/** Refuses a port something else already listens on (a readiness check would otherwise ask that server). */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (e) => reject(new Error(`port ${port} is already in use: ${(e as Error).message}`)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

export async function startServer(name: string, port: number, env: Env): Promise<TestServer> {
  const url = `http://127.0.0.1:${port}`;
  await assertPortFree(port);
  const logDir = path.resolve(".data/security-logs");
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...baseEnv(env), APP_URL: url, NODE_OPTIONS: serverNodeOptions() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const deadline = Date.now() + 60_000;
  const fail = (why: string): never => {
    child.kill("SIGKILL");
    throw new Error(`${name} server ${why}: ${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
  };
  for (;;) {
    if (child.exitCode !== null) fail("exited");
    try {
      const res = await fetch(`${url}/api/ping`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) fail("did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: () => fs.readFileSync(logFile, "utf8"),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      log.end();
    },
  };
}

/** Signs in and returns the Cookie header. */
export async function signInCookie(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string }> {
  const send = () =>
    fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...headers },
      body: JSON.stringify({ email, password }),
    });
  // A kept-alive socket the server closed in the meantime is the client's transport race, not an answer.
  const res = await send().catch((e: Error & { cause?: { code?: string } }) => {
    if (e.cause?.code === "ECONNRESET" || e.cause?.code === "UND_ERR_SOCKET") return send();
    throw e;
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  await res.arrayBuffer();
  return { status: res.status, cookie };
}
