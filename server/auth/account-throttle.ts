import { createHash, randomUUID } from "node:crypto";
import { APIError, createAuthMiddleware, getIP } from "better-auth/api";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "../../db/client";

/**
 * Sign-in throttles beside the library's per-address one (spec §14: never lock a legitimate user out).
 *
 * - per (account, address): a low budget, so one address cannot keep guessing one account; a successful
 *   sign-in resets it for that pair;
 * - per account, from any address: a budget far above the per-address one (default 100×), so a
 *   distributed guesser is still bounded, while wrong passwords sent to someone's account at 10/s do not
 *   keep its owner out: they sign in from their own address, whose budgets the guesser never touched.
 *
 * Attempts for an email are counted whether or not the account exists (no enumeration). Keys store
 * hashes, not emails or addresses. Both counters move in one atomic upsert.
 */
export interface SignInThrottleLimits {
  perAccountAddress: number;
  perAccount: number;
  windowSeconds?: number;
}

const digest = (v: string) => createHash("sha256").update(v).digest("hex");

export function signInEmailOf(ctx: { body?: unknown }): string | null {
  const raw = (ctx.body as { email?: unknown } | undefined)?.email;
  return typeof raw === "string" && raw.trim() ? raw.trim().toLowerCase() : null;
}

export function clientIpOf(ctx: { request?: Request; headers?: Headers; context: { options: object } }): string {
  const source = ctx.request ?? ctx.headers;
  return (source && getIP(source, ctx.context.options as never)) || "unknown";
}

const pairKey = (email: string, ip: string) => `account-address|${digest(`${email}|${ip}`)}`;
const accountKey = (email: string) => `account|${digest(email)}`;

export function signInThrottle(db: Database, limits: SignInThrottleLimits) {
  const windowSeconds = limits.windowSeconds ?? 60;
  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const email = signInEmailOf(ctx);
    if (!email) return;
    const ip = clientIpOf(ctx);
    const now = Date.now();
    const windowStart = now - windowSeconds * 1000;
    const keys = [
      [pairKey(email, ip), limits.perAccountAddress],
      [accountKey(email), limits.perAccount],
    ] as const;
    const rows = rowsOf<{ key: string; count: number; last_request: string | number }>(
      await db.execute(sql`
        insert into rate_limits (id, key, count, last_request)
        values (${randomUUID()}, ${keys[0][0]}, 1, ${now}), (${randomUUID()}, ${keys[1][0]}, 1, ${now})
        on conflict (key) do update set
          count = case when rate_limits.last_request < ${windowStart} then 1 else rate_limits.count + 1 end,
          last_request = case when rate_limits.last_request < ${windowStart} then ${now} else rate_limits.last_request end
        returning key, count, last_request`),
    );
    for (const [key, max] of keys) {
      const row = rows.find((r) => r.key === key);
      if (row && row.count > max) {
        const retryAfter = Math.max(1, Math.ceil((Number(row.last_request) + windowSeconds * 1000 - now) / 1000));
        throw new APIError(
          "TOO_MANY_REQUESTS",
          { message: "Too many sign-in attempts. Try again later.", code: "TOO_MANY_ATTEMPTS" },
          { "X-Retry-After": String(retryAfter), "Retry-After": String(retryAfter) },
        );
      }
    }
  });
  /** After a successful sign-in: this address's budget for this account starts over. */
  const onSuccess = async (email: string, ip: string) => {
    await db.execute(sql`delete from rate_limits where key = ${pairKey(email, ip)}`);
  };
  return { before, onSuccess };
}
