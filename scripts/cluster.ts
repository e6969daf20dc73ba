/**
 * `npm run cluster`: a local "past one machine" setup on loopback ports — a throwaway PostgreSQL primary
 * and streaming replica, demo data, two production app processes (the replica for read-only pages and
 * APIs behind the lag guard) and nginx in front. Prints the URL and returns; `npm run cluster -- --stop`
 * stops exactly what it started. Ports and directory: scripts/cluster/config.ts (CLUSTER_* variables).
 */
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/demo-dataset";
import { startCluster, stopCluster } from "./cluster/cluster";
import { lbUrl } from "./cluster/config";

const args = process.argv.slice(2);

if (args.includes("--stop")) {
  const stopped = await stopCluster();
  console.log(stopped ? "Cluster stopped." : "No cluster is recorded here (nothing to stop).");
} else {
  try {
    const { state, seedOutput } = await startCluster({ build: args.includes("--build") });
    const c = state.config;
    const key = seedOutput.trim().split("\n").at(-1)?.trim();
    console.log(`
  Recovery Posture cluster is running at ${lbUrl(c)}/sign-in   (nginx → app processes ${c.appPorts.join(", ")})
  PostgreSQL primary 127.0.0.1:${c.primaryPort}, streaming replica 127.0.0.1:${c.replicaPort} (reads behind the lag guard)
  Sign in with password "${DEMO_PASSWORD}" as ${DEMO_USERS.owner} (owner), ${DEMO_USERS.operator} or ${DEMO_USERS.viewer}.
  Demo ingest key for the first demo tenant: ${key}
  Pause the replica:   psql postgres://postgres@127.0.0.1:${c.replicaPort}/postgres -c 'select pg_wal_replay_pause()'
  Resume it:           psql postgres://postgres@127.0.0.1:${c.replicaPort}/postgres -c 'select pg_wal_replay_resume()'
  Logs: ${c.dir}/app-<port>.log, ${c.dir}/nginx/, ${c.pgDir}/pg-*/server.log
  Stop everything:     npm run cluster -- --stop
`);
  } catch (e) {
    console.error(`✖ ${(e as Error).message}`);
    console.error("Stopping what was started…");
    await stopCluster();
    process.exitCode = 1;
  }
}
