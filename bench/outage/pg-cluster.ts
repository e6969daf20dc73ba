/**
 * A throwaway PostgreSQL cluster on a port of the caller's choosing (never the shared one): initdb into a
 * temporary directory, start, stop and start again for real, and remove. PostgreSQL refuses to run as
 * root, so as root the binaries run as the `postgres` user.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

function binDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
  return ""; // on PATH
}

export interface PgCluster {
  url: string;
  port: number;
  dir: string;
  stop: () => void;
  start: () => void;
  destroy: () => void;
}

export function createPgCluster(port: number): PgCluster {
  const bin = binDir();
  const exe = (name: string) => (bin ? path.join(bin, name) : name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rp-pg-${port}-`));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const run = (args: string[]) => {
    const [cmd, ...rest] = args;
    if (asRoot) {
      const line = [cmd, ...rest].map((a) => `'${a!.replace(/'/g, `'\\''`)}'`).join(" ");
      execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", line], { stdio: "pipe" });
    } else {
      execFileSync(cmd!, rest, { stdio: "pipe" });
    }
  };
  const data = path.join(dir, "data");
  run([exe("initdb"), "-D", data, "-U", "rp", "--auth=trust", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run([exe("pg_ctl"), "-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  // Fast shutdown: open connections are terminated, new ones refused, as in a real outage.
  const stop = () => run([exe("pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]);
  start();
  run([exe("psql"), "-h", "127.0.0.1", "-p", String(port), "-U", "rp", "-d", "postgres", "-c", "create database rp"]);
  return {
    url: `postgres://rp@127.0.0.1:${port}/rp`,
    port,
    dir,
    start,
    stop,
    destroy: () => {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
