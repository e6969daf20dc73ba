/**
 * One command for a newcomer: prepares the embedded database with demo data, builds, starts the app
 * and prints where to sign in. Uses DATABASE_URL instead when it is set.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/demo-dataset";
import { serverNodeOptions } from "./server-options";

const port = process.env.PORT ?? "3000";
const appUrl = process.env.APP_URL ?? `http://127.0.0.1:${port}`;

function secret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.resolve(".data/auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

const env = { ...process.env, APP_URL: appUrl, BETTER_AUTH_SECRET: secret(), PORT: port };

function step(title: string, cmd: string, args: string[]) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

step("Loading demo data", process.execPath, ["--import", "tsx", "scripts/seed.ts"]);
step("Building the app", process.execPath, ["node_modules/next/dist/bin/next", "build"]);

console.log("\n▶ Starting the app");
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", port], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...env, NODE_ENV: "production", NODE_OPTIONS: serverNodeOptions() },
});
let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
    announced = true;
    console.log(`\n  Recovery Posture is running at ${appUrl}/sign-in`);
    console.log(`  Sign in with password "${DEMO_PASSWORD}" as:`);
    console.log(`    ${DEMO_USERS.owner}    (owner of every demo tenant)`);
    console.log(`    ${DEMO_USERS.operator} (operator of Northwind Traders)`);
    console.log(`    ${DEMO_USERS.viewer}   (viewer of Contoso and Northwind)`);
    console.log("  Press Ctrl+C to stop.\n");
  }
});
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));
