import { z } from "zod";

/** Configuration, validated once. Everything else imports `env` from here. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** When set, PostgreSQL through postgres.js; when absent, embedded PGlite under PGLITE_DIR. */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Optional PostgreSQL streaming replica for read-only page and API reads (db/read-handle.ts). Sessions,
   * sign-in, tenant switches and every write stay on DATABASE_URL. Ignored without DATABASE_URL.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Lag guard: a replica further behind than this (ms) is not read; reads go to the primary. */
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** How long one lag reading of the replica is reused by a process (ms) before it is read again. */
  REPLICA_LAG_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** Embedded database location: a directory, or `memory://` for throwaway use. */
  PGLITE_DIR: z.string().trim().min(1).default(".data/pglite"),
  /** Public origin the app is served at (used by the auth library for cookies and origin checks). */
  APP_URL: z.string().url().default("http://127.0.0.1:3000"),
  /** Signing secret for sessions. Required in production; `npm run demo` generates one under .data/. */
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  /** Sign-in attempts allowed per client address per minute before throttling. */
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Sign-in attempts allowed per (account, client address) per minute; a success resets the pair. */
  SIGN_IN_ATTEMPTS_PER_ACCOUNT_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(5),
  /** Sign-in attempts allowed per account from all addresses together: far above the per-address budget. */
  SIGN_IN_ATTEMPTS_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /**
   * Which proxies may tell the client address through X-Forwarded-For: unset (none: the socket's peer is
   * the client), "1"/"true" (loopback proxies), or a comma-separated list of addresses and CIDR ranges.
   * Read by the HTTP edge (server/http-edge.cjs); validated here.
   */
  TRUST_PROXY: z.string().trim().optional(),
  /** Ingest requests allowed per API key per minute (a token bucket of this size, refilled continuously). */
  INGEST_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** `1` lets webhook endpoints target loopback and private addresses (local receivers in tests). */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "true"),
  /** `off` keeps the delivery worker out of `npm start` (run `npm run worker` instead, e.g. to scale out). */
  WEBHOOK_WORKER: z.enum(["on", "off"]).default("on"),
  /** How often the worker looks for due deliveries, and how often it sweeps for time-driven changes. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).max(300_000).default(60_000),
  /** First retry delay; each further retry doubles it (capped at 10 min), for WEBHOOK_RETRY_HOURS in all. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  WEBHOOK_RETRY_HOURS: z.coerce.number().min(0.001).max(168).default(25),
  /** How long a claimed delivery stays claimed: a process killed mid-delivery leaves it due again after this. */
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export const env: Env = load();

export function describeDatabase(e: Env = env): string {
  if (e.DATABASE_URL) {
    try {
      const u = new URL(e.DATABASE_URL);
      return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return "PostgreSQL (DATABASE_URL)";
    }
  }
  return `embedded PGlite at ${e.PGLITE_DIR}`;
}
