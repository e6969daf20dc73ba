/**
 * The read path of a session check, for the requests that only need to know who is asking (every page
 * and API read). Better Auth stays the authority: it signs in, creates, refreshes and deletes sessions;
 * this module answers only the one case it can answer exactly as Better Auth would, and hands every other
 * case back to `auth.api.getSession` (decision 0008: getSession costs ~1.9 ms of CPU per request, almost
 * twice the whole floor route, through its endpoint machinery; this path costs one prepared statement).
 *
 * Answered here:
 * - no session cookie → no session (Better Auth: `if (!sessionCookieToken) return null`);
 * - a cookie whose HMAC-SHA256 signature (Better Auth's cookie signing: `token.base64(hmac(secret, token))`)
 *   verifies, whose token names a stored session with its user, that has not expired and is not yet due
 *   for Better Auth's sliding refresh (`expiresAt - expiresIn + updateAge > now`) → that session.
 * Delegated ("ask Better Auth"): a malformed or wrongly signed cookie, an unknown token, an expired
 * session (Better Auth deletes it and clears the cookie), a session due for refresh (Better Auth extends
 * it and re-sets the cookie). So this path never accepts a session Better Auth would refuse, and never
 * skips a write Better Auth would make.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-call";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { Auth } from "./auth";

export interface SessionUser {
  session: { id: string; userId: string; expiresAt: Date; activeTenantId?: number | null };
  user: { id: string; name: string; email: string };
}

export type SessionRead = { kind: "session"; value: SessionUser } | { kind: "none" } | { kind: "delegate" };

const NONE: SessionRead = { kind: "none" };
const DELEGATE: SessionRead = { kind: "delegate" };
/** A padded standard-base64 HMAC-SHA256 (32 bytes): the only form better-call's `atob` check accepts. */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

interface Settings {
  cookieName: string;
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}

export function createSessionReader(auth: Auth, db: Database): (headers: Headers) => Promise<SessionRead> {
  let settings: Promise<Settings> | undefined;
  const byToken = db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      activeTenantId: sessions.activeTenantId,
      name: users.name,
      email: users.email,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder("token")))
    .limit(1)
    .prepare("session_by_token");

  return async (headers) => {
    const s = await (settings ??= auth.$context.then((ctx) => ({
      cookieName: ctx.authCookies.sessionToken.name,
      secret: ctx.secret,
      expiresInMs: ctx.sessionConfig.expiresIn * 1000,
      updateAgeMs: ctx.sessionConfig.updateAge * 1000,
    })));
    const header = headers.get("cookie");
    const value = header ? parseCookies(header).get(s.cookieName) : undefined;
    if (!value) return NONE;
    const token = signedValue(value, s.secret);
    if (token === null) return DELEGATE;
    const [row] = await byToken.execute({ token });
    if (!row) return DELEGATE;
    const now = Date.now();
    const expiresAt = row.expiresAt.getTime();
    if (!(expiresAt > now) || expiresAt - s.expiresInMs + s.updateAgeMs <= now) return DELEGATE;
    return {
      kind: "session",
      value: {
        session: { id: row.id, userId: row.userId, expiresAt: row.expiresAt, activeTenantId: row.activeTenantId },
        user: { id: row.userId, name: row.name, email: row.email },
      },
    };
  };
}

/** The token of a `token.signature` cookie value whose signature verifies under `secret`, else null. */
function signedValue(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (!SIGNATURE.test(signature)) return null;
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}
