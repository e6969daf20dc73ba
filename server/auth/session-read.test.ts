/**
 * The session read path answers only what Better Auth would answer, and delegates everything else
 * (server/auth/session-read.ts). Each case is checked against `auth.api.getSession` on the same headers.
 */
import { serializeSignedCookie } from "better-call";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataset, parseDataset } from "../../db/import/importer";
import { countQueries } from "../../db/query-counter";
import type { Database } from "../../db/client";
import { sessions } from "../../db/schema";
import { closeDb, resetTestDb } from "../../test/db";
import { createAuth, type Auth } from "./auth";
import { createSessionReader, type SessionRead } from "./session-read";

const APP = "http://127.0.0.1:3998";
const SECRET = "s".repeat(40);
const HOUR = 3600_000;
let db: Database;
let auth: Auth;
let read: (h: Headers) => Promise<SessionRead>;

async function signIn(email: string): Promise<{ cookie: string; token: string }> {
  const res = await auth.handler(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.50" },
      body: JSON.stringify({ email, password: "pw" }),
    }),
  );
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  const token = decodeURIComponent(/session_token=([^;]+)/.exec(cookie)![1]!).split(".")[0]!;
  return { cookie, token };
}

const headers = (cookie?: string) => new Headers(cookie === undefined ? {} : { cookie });

beforeAll(async () => {
  db = await resetTestDb();
  await importDataset(
    db,
    parseDataset({
      tenants: [{ id: 1, name: "A", slug: "a" }],
      users: ["r1", "r2", "r3"].map((n) => ({
        email: `${n}@example.com`, name: n, password: "pw", memberships: [{ tenant_id: 1, role: "owner" }],
      })),
    }).dataset,
  );
  auth = createAuth(db, { appUrl: APP, secret: SECRET, signInAttemptsPerMinute: 100 });
  read = createSessionReader(auth, db);
});
afterAll(() => closeDb());

describe("session read path", () => {
  it("a valid, fresh session: the same user and session as Better Auth, in one statement", async () => {
    const { cookie } = await signIn("r1@example.com");
    await db.update(sessions).set({ activeTenantId: 1 });
    const { result, count } = await countQueries(() => read(headers(`theme=dark; ${cookie}`)));
    const expected = await auth.api.getSession({ headers: headers(cookie) });
    expect(count).toBe(1);
    expect(result.kind).toBe("session");
    const got = (result as Extract<SessionRead, { kind: "session" }>).value;
    expect(got.user).toStrictEqual({ id: expected!.user.id, name: expected!.user.name, email: expected!.user.email });
    expect(got.session.id).toBe(expected!.session.id);
    expect(got.session.activeTenantId).toBe(1);
    expect(got.session.expiresAt.getTime()).toBe(expected!.session.expiresAt.getTime());
  });

  it("no session cookie: no session, as Better Auth says, without a statement", async () => {
    for (const cookie of [undefined, "", "theme=dark", "better-auth.session_token="]) {
      const { result, count } = await countQueries(() => read(headers(cookie)));
      expect(result, String(cookie)).toStrictEqual({ kind: "none" });
      expect(count).toBe(0);
      expect(await auth.api.getSession({ headers: headers(cookie) })).toBeNull();
    }
  });

  it("a cookie Better Auth would refuse is never accepted here: it is handed back", async () => {
    const { cookie, token } = await signIn("r2@example.com");
    const name = "better-auth.session_token";
    const signedWith = async (value: string, secret: string) => (await serializeSignedCookie(name, value, secret)).split(";")[0]!;
    const flipFirstSignatureChar = (c: string) =>
      c.replace(/(session_token=[^;.]+\.)(.)/, (_, head: string, ch: string) => `${head}${ch === "A" ? "B" : "A"}`);
    const cases: Record<string, string> = {
      "tampered signature": flipFirstSignatureChar(cookie),
      "no signature": `${name}=${token}`,
      "signed with another secret": await signedWith(token, "o".repeat(40)),
      "unknown token, correctly signed": await signedWith("not-a-stored-token", SECRET),
    };
    // Node's base64 decoder would also accept the url-safe alphabet; better-call's atob does not.
    const urlSafe = cookie.replace(/session_token=[^;]+/, (m) => m.replace(/%2B/g, "-").replace(/%2F/g, "_"));
    if (urlSafe !== cookie) cases["signature in base64url form"] = urlSafe;
    for (const [label, c] of Object.entries(cases)) {
      expect(c, label).not.toBe(cookie);
      expect((await read(headers(c))).kind, label).toBe("delegate");
      expect(await auth.api.getSession({ headers: headers(c) }), label).toBeNull();
    }
    // The untouched cookie is still a session: the cases above failed for their own reasons.
    expect((await read(headers(cookie))).kind).toBe("session");
  });

  it("an expired session and a session due for its sliding refresh are Better Auth's to handle", async () => {
    const { cookie, token } = await signIn("r3@example.com");
    const ctx = await auth.$context;
    const expiresIn = ctx.sessionConfig.expiresIn * 1000;
    const updateAge = ctx.sessionConfig.updateAge * 1000;

    // Due for refresh: issued more than updateAge ago. Better Auth extends it; this path must not answer.
    const due = new Date(Date.now() + expiresIn - updateAge - HOUR / 60);
    await db.update(sessions).set({ expiresAt: due }).where(eq(sessions.token, token));
    expect((await read(headers(cookie))).kind).toBe("delegate");
    const refreshed = await auth.api.getSession({ headers: headers(cookie) });
    expect(refreshed!.session.expiresAt.getTime()).toBeGreaterThan(due.getTime());
    // Once refreshed, it is fresh again and answered here.
    expect((await read(headers(cookie))).kind).toBe("session");

    // Expired: Better Auth refuses it (and deletes it); this path hands it over rather than answer.
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.token, token));
    expect((await read(headers(cookie))).kind).toBe("delegate");
    expect(await auth.api.getSession({ headers: headers(cookie) })).toBeNull();
  });
});
