import { createHash, randomUUID } from "node:crypto";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "../../db/client";

/**
 * Per-account sign-in throttle, beside the library's per-address one: attempts for one email (existing
 * or not — no enumeration) are counted in `rate_limits` with an atomic upsert, so rotating the client
 * address does not buy more guesses. The key stores a hash, not the email.
 */
export function accountThrottle(db: Database, maxPerWindow: number, windowSeconds = 60) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const raw = (ctx.body as { email?: unknown } | undefined)?.email;
    if (typeof raw !== "string" || !raw.trim()) return;
    const key = `account|${createHash("sha256").update(raw.trim().toLowerCase()).digest("hex")}`;
    const now = Date.now();
    const windowStart = now - windowSeconds * 1000;
    const [row] = rowsOf<{ count: number; last_request: string | number }>(
      await db.execute(sql`
        insert into rate_limits (id, key, count, last_request) values (${randomUUID()}, ${key}, 1, ${now})
        on conflict (key) do update set
          count = case when rate_limits.last_request < ${windowStart} then 1 else rate_limits.count + 1 end,
          last_request = case when rate_limits.last_request < ${windowStart} then ${now} else rate_limits.last_request end
        returning count, last_request`),
    );
    if (row && row.count > maxPerWindow) {
      const retryAfter = Math.max(1, Math.ceil((Number(row.last_request) + windowSeconds * 1000 - now) / 1000));
      throw new APIError(
        "TOO_MANY_REQUESTS",
        { message: "Too many sign-in attempts. Try again later.", code: "TOO_MANY_ATTEMPTS" },
        { "X-Retry-After": String(retryAfter), "Retry-After": String(retryAfter) },
      );
    }
  });
}
