/**
 * Playwright's web server: loads the e2e scenarios into a database of the run's own (a fresh embedded
 * directory, or DATABASE_URL when set), then starts the built app. The import finishes and closes the
 * database before the server opens it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeOptions } from "../scripts/server-options";
import { buildE2eDataset } from "./fixtures/scenarios";

async function main() {
  const port = process.env.E2E_PORT ?? "3310";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_URL: `http://127.0.0.1:${port}`,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123456789",
    SIGN_IN_ATTEMPTS_PER_MINUTE: process.env.SIGN_IN_ATTEMPTS_PER_MINUTE ?? "1000",
    NODE_ENV: "production",
    // The specs' webhook receivers listen on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
  };
  if (!env.DATABASE_URL) {
    env.PGLITE_DIR = path.resolve(".data/e2e-pglite");
    fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
    fs.rmSync(`${env.PGLITE_DIR}.lock`, { force: true });
  }
  // A fresh list of the secrets the tests use (e2e/fixtures.ts rememberSecret) and of extra server logs.
  fs.mkdirSync(path.resolve(".data"), { recursive: true });
  fs.writeFileSync(path.resolve(process.env.E2E_SECRETS_FILE ?? ".data/e2e-secrets.txt"), "");
  fs.rmSync(path.resolve(".data/security-logs"), { recursive: true, force: true });
  const file = path.resolve(".data/e2e-dataset.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(buildE2eDataset()));

  const run = (args: string[], opts: { detached?: boolean } = {}) =>
    spawn(process.execPath, args, { stdio: "inherit", env, ...opts });
  const code = await new Promise<number>((resolve) =>
    run(["--import", "tsx", "scripts/import.ts", file, "--replace"]).on("exit", (c) => resolve(c ?? 1)),
  );
  if (code !== 0) process.exit(code);

  env.NODE_OPTIONS = serverNodeOptions();
  // The server's output is also kept in a file, which the run greps for the tests' secrets afterwards
  // (scripts/check-log-secrets.mjs): tokens, keys and passwords must never reach the log.
  const logFile = path.resolve(process.env.E2E_SERVER_LOG ?? ".data/e2e-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", port], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  server.stdout.on("data", (d: Buffer) => (process.stdout.write(d), log.write(d)));
  server.stderr.on("data", (d: Buffer) => (process.stderr.write(d), log.write(d)));
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (c) => process.exit(c ?? 0));
}

void main();
