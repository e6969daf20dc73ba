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
  const server = run(["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", port]);
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (c) => process.exit(c ?? 0));
}

void main();
