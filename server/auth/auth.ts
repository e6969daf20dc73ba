/**
 * Sign-in through Better Auth (email + password, sessions stored in the database).
 * Sign-up is disabled: operators arrive through the dataset import. Repeated sign-in attempts are
 * throttled per client address; failures answer one generic message.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import type { Database } from "../../db/client";
import { env } from "../../lib/env";
import { accountThrottle } from "./account-throttle";

function twinOrigins(appUrl: string): string[] {
  const u = new URL(appUrl);
  const origins = [u.origin];
  // Auth libraries treat localhost and 127.0.0.1 as different origins; accept both for the same port.
  if (u.hostname === "127.0.0.1") origins.push(`${u.protocol}//localhost${u.port ? `:${u.port}` : ""}`);
  if (u.hostname === "localhost") origins.push(`${u.protocol}//127.0.0.1${u.port ? `:${u.port}` : ""}`);
  return origins;
}

const DEV_SECRET = "development-only-secret-do-not-use-in-production-0000";

export interface AuthOptions {
  appUrl?: string;
  secret?: string;
  signInAttemptsPerMinute?: number;
}

export function createAuth(db: Database, options: AuthOptions = {}) {
  const attemptsPerMinute = options.signInAttemptsPerMinute ?? env.SIGN_IN_ATTEMPTS_PER_MINUTE;
  const appUrl = options.appUrl ?? env.APP_URL;
  const secret = options.secret ?? env.BETTER_AUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : DEV_SECRET);
  if (!secret) {
    throw new Error("BETTER_AUTH_SECRET must be set (32+ characters) in production. `npm run demo` generates one.");
  }
  return betterAuth({
    appName: "Recovery Posture",
    baseURL: appUrl,
    secret,
    trustedOrigins: twinOrigins(appUrl),
    // The tables are taken from the drizzle instance itself (`usePlural`: users, sessions, accounts,
    // verifications, rateLimits), not from a schema import: Next bundles db/schema.ts into more than one
    // chunk, and the adapter's joins find their relational query by table identity, so passing this
    // module's copy made them fall back to one statement per table in the production server.
    database: drizzleAdapter(db, { provider: "pg", usePlural: true }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 1, maxPasswordLength: 512 },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      additionalFields: {
        activeTenantId: { type: "number", required: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: attemptsPerMinute },
      },
    },
    advanced: {
      // joins: a session and its user in one statement (schema.sessionsRelations) instead of two.
      database: { generateId: () => crypto.randomUUID(), joins: true },
      useSecureCookies: appUrl.startsWith("https://"),
    },
    // The same budget per account, so rotating the client address does not buy more guesses.
    hooks: { before: accountThrottle(db, attemptsPerMinute) },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
