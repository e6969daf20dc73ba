/**
 * Sign-in through Better Auth (email + password, sessions stored in the database).
 * Sign-up is disabled: operators arrive through the dataset import. Sign-in attempts are throttled per
 * client address (the library's limiter), per (account, address) and, far higher, per account
 * (./account-throttle.ts); failures answer one generic message. The client address is the one the HTTP
 * edge resolved (server/http-edge.cjs: X-Forwarded-For only through TRUST_PROXY).
 */
import { betterAuth } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import type { Database } from "../../db/client";
import { env } from "../../lib/env";
import { twinOrigins } from "../../lib/origins";
import { describeError, redactText } from "../../lib/redact";
import { signInThrottle } from "./account-throttle";
import { signInAudit, signOutWithAudit } from "./audit-hooks";

const DEV_SECRET = "development-only-secret-do-not-use-in-production-0000";

export interface AuthOptions {
  appUrl?: string;
  secret?: string;
  /** Per client address. */
  signInAttemptsPerMinute?: number;
  signInAttemptsPerAccountAddressPerMinute?: number;
  signInAttemptsPerAccountPerMinute?: number;
}

export function createAuth(db: Database, options: AuthOptions = {}) {
  const attemptsPerMinute = options.signInAttemptsPerMinute ?? env.SIGN_IN_ATTEMPTS_PER_MINUTE;
  const throttle = signInThrottle(db, {
    perAccountAddress: options.signInAttemptsPerAccountAddressPerMinute ?? env.SIGN_IN_ATTEMPTS_PER_ACCOUNT_ADDRESS_PER_MINUTE,
    perAccount: options.signInAttemptsPerAccountPerMinute ?? env.SIGN_IN_ATTEMPTS_PER_ACCOUNT_PER_MINUTE,
  });
  const signOut = signOutWithAudit(db);
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
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        await throttle.before(ctx);
        await signOut(ctx);
      }),
      after: signInAudit(db, throttle.onSuccess),
    },
    // Everything the library logs goes through the one redaction point (lib/redact.ts).
    logger: {
      level: "error",
      log: (level, message, ...args) =>
        console.error(`[auth ${level}] ${redactText(message)}${args.length ? ` ${args.map(describeError).join("; ")}` : ""}`),
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
