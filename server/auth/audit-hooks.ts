import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../../db/audit";
import { rowsOf, type Database } from "../../db/client";
import { users } from "../../db/schema";
import { clientIpOf, signInEmailOf } from "./account-throttle";

/**
 * Audit rows for the auth library's own endpoints (spec §14).
 * - Sign-out: the session is deleted here, with its audit row, in one transaction; the library then finds
 *   no session and only clears the cookie. (The origin check has already run: it is router middleware.)
 * - Sign-in: the library writes the session in a statement of its own, so success and failure are
 *   recorded right after it answers. Throttled attempts (429) never reach the credential check and are
 *   not sign-in attempts in the log.
 */
export function signOutWithAudit(db: Database) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-out") return;
    const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
    if (!token) return;
    const ip = clientIpOf(ctx);
    await db.transaction(async (tx) => {
      const [gone] = rowsOf<{ user_id: string; email: string | null }>(
        await tx.execute(sql`
          with gone as (delete from sessions where token = ${token} returning user_id)
          select gone.user_id, users.email from gone left join users on users.id = gone.user_id`),
      );
      if (!gone) return;
      await recordAudit(tx, {
        actorType: "user", actorId: gone.user_id, actorLabel: gone.email, tenantId: null,
        action: "sign_out", target: `user:${gone.user_id}`, clientAddress: ip,
      });
    });
  });
}

export function signInAudit(db: Database, onSuccess: (email: string, ip: string) => Promise<void>) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const email = signInEmailOf(ctx);
    if (!email) return;
    const ip = clientIpOf(ctx);
    const session = ctx.context.newSession;
    if (session) {
      await recordAudit(db, {
        actorType: "user", actorId: session.user.id, actorLabel: session.user.email, tenantId: null,
        action: "sign_in.succeeded", target: `user:${session.user.id}`, clientAddress: ip,
      });
      await onSuccess(email, ip);
      return;
    }
    const returned = ctx.context.returned;
    if (isAPIError(returned) && returned.statusCode === 401) {
      // The account the guess was aimed at, if it exists: its owner sees the failure in /audit.
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      await recordAudit(db, {
        actorType: "user", actorId: user?.id ?? null, actorLabel: user ? email : null, tenantId: null,
        action: "sign_in.failed", target: user ? `user:${user.id}` : null, clientAddress: ip,
        detail: { reason: "invalid_credentials" },
      });
    }
  });
}
