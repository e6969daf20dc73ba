import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/** How tests resolve modules (also the cluster suite's, vitest.cluster.config.ts). */
export const testResolve = {
  alias: {
    "@": fileURLToPath(new URL("./", import.meta.url)),
    // `server-only` throws outside a React Server Components bundle; tests import query modules directly.
    "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
  },
};

export default defineConfig({
  resolve: testResolve,
  test: {
    include: ["lib/**/*.test.ts", "server/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // Without DATABASE_URL every test file gets its own in-memory embedded database.
    env: process.env.DATABASE_URL ? {} : { PGLITE_DIR: "memory://" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
