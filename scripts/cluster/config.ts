/**
 * Where the local cluster lives: loopback ports and one state directory (`.data/cluster` unless
 * CLUSTER_DIR says otherwise). Everything `npm run cluster` starts is recorded in `state.json` there, so
 * `npm run cluster -- --stop` stops exactly that.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0 || v > 65535) throw new Error(`${name} must be a port number`);
  return v;
};

/** PostgreSQL's server binaries: 15 as on this machine, else the newest Debian-packaged version. */
function defaultPgBin(): string {
  if (fs.existsSync("/usr/lib/postgresql/15/bin/initdb")) return "/usr/lib/postgresql/15/bin";
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  return versions.length ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : "/usr/lib/postgresql/15/bin";
}

export interface ClusterConfig {
  dir: string;
  /**
   * Where the PostgreSQL data directories go: outside the checkout (by default the system's temporary
   * directory), because the server runs as the `postgres` user, who may not reach into a checkout under
   * a private home directory.
   */
  pgDir: string;
  lbPort: number;
  appPorts: number[];
  primaryPort: number;
  replicaPort: number;
  database: string;
  pgBin: string;
}

export function clusterConfig(): ClusterConfig {
  const appPorts = (process.env.CLUSTER_APP_PORTS ?? "3610,3611").split(",").map((p) => Number(p.trim()));
  if (appPorts.length < 1 || appPorts.some((p) => !Number.isInteger(p) || p <= 0)) throw new Error("CLUSTER_APP_PORTS must be a comma-separated list of ports");
  const primaryPort = num("CLUSTER_PG_PRIMARY_PORT", 5441);
  return {
    dir: path.resolve(process.env.CLUSTER_DIR ?? ".data/cluster"),
    pgDir: path.resolve(process.env.CLUSTER_PG_DIR ?? path.join(os.tmpdir(), `rp-cluster-${primaryPort}`)),
    lbPort: num("CLUSTER_PORT", 3600),
    appPorts,
    primaryPort,
    replicaPort: num("CLUSTER_PG_REPLICA_PORT", 5442),
    database: "recovery_posture",
    pgBin: process.env.PG_BIN ?? defaultPgBin(),
  };
}

/** The app's connection strings (the `rp` role; the throwaway clusters trust loopback connections). */
export const primaryUrl = (c: ClusterConfig) => `postgres://rp:rp@127.0.0.1:${c.primaryPort}/${c.database}`;
export const replicaUrl = (c: ClusterConfig) => `postgres://rp:rp@127.0.0.1:${c.replicaPort}/${c.database}`;
/** Superuser connections, for pausing replay and other operator actions. */
export const adminUrl = (c: ClusterConfig, port: number) => `postgres://postgres@127.0.0.1:${port}/${c.database}`;
export const lbUrl = (c: ClusterConfig) => `http://127.0.0.1:${c.lbPort}`;

export interface ClusterState {
  startedAt: string;
  config: ClusterConfig;
  /** App processes by port: pid of each process group leader. */
  apps: Record<string, number>;
  nginx: { conf: string; pidFile: string } | null;
  pg: { primary: string | null; replica: string | null };
}

export const statePath = (c: ClusterConfig) => path.join(c.dir, "state.json");
