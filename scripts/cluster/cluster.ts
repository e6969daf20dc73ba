/**
 * Starting and stopping the whole local cluster: PostgreSQL primary + streaming replica, demo data, the
 * app processes and nginx in front. `startCluster` records each part in state.json as soon as it runs,
 * so a start that fails half-way is still stopped completely by `stopCluster`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { alive, startApp, stopApp, waitForHttp } from "./apps";
import { clusterConfig, lbUrl, primaryUrl, statePath, type ClusterConfig, type ClusterState } from "./config";
import { readPid, startNginx, stopNginx } from "./nginx";
import { createAppDatabase, pgDataDir, startPrimary, startReplica, stopPostgres, waitForReplica } from "./postgres";

export function readState(c: ClusterConfig = clusterConfig()): ClusterState | null {
  try {
    return JSON.parse(fs.readFileSync(statePath(c), "utf8")) as ClusterState;
  } catch {
    return null;
  }
}

function save(s: ClusterState) {
  fs.writeFileSync(statePath(s.config), JSON.stringify(s, null, 2));
}

export interface StartOptions {
  build?: boolean;
  /** Called with each step's title. */
  log?: (m: string) => void;
}

function run(title: string, args: string[], env: NodeJS.ProcessEnv, log: (m: string) => void) {
  log(title);
  const r = spawnSync(process.execPath, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export async function startCluster(opts: StartOptions = {}): Promise<{ state: ClusterState; seedOutput: string }> {
  const log = opts.log ?? ((m: string) => console.log(`▶ ${m}`));
  const c = clusterConfig();
  const previous = readState(c);
  if (previous) throw new Error(`a cluster is already recorded in ${statePath(c)}: run \`npm run cluster -- --stop\` first`);
  fs.mkdirSync(c.dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(c.dir, 0o755);
  const state: ClusterState = { startedAt: new Date().toISOString(), config: c, apps: {}, nginx: null, pg: { primary: null, replica: null } };
  save(state);

  log(`PostgreSQL primary on 127.0.0.1:${c.primaryPort}`);
  for (const which of ["primary", "replica"] as const) {
    if (fs.existsSync(`${pgDataDir(c, which)}/postmaster.pid`)) {
      // Not recorded in this state (so not ours to stop or wipe): say so and record nothing to stop.
      fs.rmSync(statePath(c), { force: true });
      throw new Error(`PostgreSQL is running in ${pgDataDir(c, which)} (a cluster started from another directory?): stop that one first`);
    }
  }
  state.pg.primary = pgDataDir(c, "primary");
  save(state);
  startPrimary(c);
  await createAppDatabase(c);
  log(`PostgreSQL streaming replica on 127.0.0.1:${c.replicaPort}`);
  state.pg.replica = pgDataDir(c, "replica");
  save(state);
  startReplica(c);

  const toolEnv = { ...process.env, DATABASE_URL: primaryUrl(c), DATABASE_REPLICA_URL: "" };
  run("Migrating the primary", ["--import", "tsx", "scripts/migrate.ts"], toolEnv, log);
  const seedOutput = run("Loading demo data", ["--import", "tsx", "scripts/seed.ts"], toolEnv, log);
  await waitForReplica(c);

  if (opts.build || !fs.existsSync(".next/BUILD_ID")) run("Building the app (next build)", ["node_modules/next/dist/bin/next", "build"], process.env, log);

  for (const port of c.appPorts) {
    log(`App process on 127.0.0.1:${port}`);
    state.apps[String(port)] = startApp(c, port);
    save(state);
  }
  await Promise.all(c.appPorts.map((p) => waitForHttp(`http://127.0.0.1:${p}/api/ping`)));

  log(`nginx on 127.0.0.1:${c.lbPort}`);
  state.nginx = startNginx(c);
  save(state);
  await waitForHttp(`${lbUrl(c)}/api/ping`);
  return { state, seedOutput };
}

/** Stops exactly what state.json records, in reverse order, and forgets it. */
export async function stopCluster(log: (m: string) => void = (m) => console.log(`■ ${m}`)): Promise<boolean> {
  const c = clusterConfig();
  const s = readState(c);
  if (!s) return false;
  if (s.nginx) {
    log("nginx");
    const pid = readPid(s.nginx.pidFile);
    stopNginx(s.nginx);
    const deadline = Date.now() + 10_000;
    while (pid && alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  for (const [port, pid] of Object.entries(s.apps)) {
    log(`app process on ${port} (pid ${pid})`);
    await stopApp(pid);
  }
  for (const dir of [s.pg.replica, s.pg.primary]) {
    if (!dir) continue;
    log(`PostgreSQL in ${dir}`);
    try {
      stopPostgres(s.config, dir);
    } catch (e) {
      log(`  ${(e as Error).message}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    fs.rmdirSync(s.config.pgDir);
  } catch {
    /* not empty (something else put files there) or already gone */
  }
  fs.rmSync(statePath(c), { force: true });
  return true;
}
