/**
 * `npm run test:cluster`: the cluster suite (scripts/cluster/*.cluster.ts) against a real local cluster
 * (nginx, two app processes, a PostgreSQL primary and streaming replica) that the global setup starts
 * with scripts/cluster/cluster.ts and stops afterwards. Its own directory; the default loopback ports.
 */
import { defineConfig } from "vitest/config";
import { testResolve } from "./vitest.config";

process.env.CLUSTER_DIR ??= ".data/cluster-test";
// One client address (nginx on loopback) signs in many times here.
process.env.SIGN_IN_ATTEMPTS_PER_MINUTE ??= "1000";
process.env.SIGN_IN_ATTEMPTS_PER_ACCOUNT_ADDRESS_PER_MINUTE ??= "1000";
// The suite's webhook receiver listens on 127.0.0.1; short polls and leases keep the kill scenario short.
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ??= "1";
process.env.WEBHOOK_POLL_MS ??= "200";
process.env.WEBHOOK_LEASE_MS ??= "3000";
process.env.WEBHOOK_RETRY_BASE_MS ??= "200";

export default defineConfig({
  resolve: testResolve,
  test: {
    include: ["scripts/cluster/**/*.cluster.ts"],
    globalSetup: ["scripts/cluster/global-setup.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
