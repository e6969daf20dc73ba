import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataset, parseDataset } from "../../db/import/importer";
import { countQueries } from "../../db/query-counter";
import { closeDb, resetTestDb } from "../../test/db";
import { createAuth, type Auth } from "./auth";

const APP = "http://127.0.0.1:3999";
let auth: Auth;

function signIn(email: string, password: string, ip = "203.0.113.7") {
  return auth.handler(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

beforeAll(async () => {
  const db = await resetTestDb();
  await importDataset(
    db,
    parseDataset({
      tenants: [{ id: 1, name: "A", slug: "a" }],
      // One account per test: the per-account budget must not leak between tests.
      users: ["op", "op-b", "op-c", "op-d", "op-e", "op-f", "op-g"].map((n) => ({
        email: `${n}@example.com`, name: n, password: "right-password", memberships: [{ tenant_id: 1, role: "owner" }],
      })),
    }).dataset,
  );
  auth = createAuth(db, {
    appUrl: APP, secret: "x".repeat(40),
    signInAttemptsPerMinute: 3, signInAttemptsPerAccountAddressPerMinute: 2, signInAttemptsPerAccountPerMinute: 12,
  });
});
afterAll(() => closeDb());

describe("sign-in", () => {
  it("accepts the imported password and sets a session cookie", async () => {
    const res = await signIn("op@example.com", "right-password", "203.0.113.1");
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/session_token=/);
  });

  it("reads a session and its user back in one statement (advanced.database.joins)", async () => {
    const res = await signIn("op-e@example.com", "right-password", "203.0.113.20");
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const { result: session, count, statements } = await countQueries(() =>
      auth.api.getSession({ headers: new Headers({ cookie }) }),
    );
    expect(session?.user.email).toBe("op-e@example.com");
    expect(count, statements.join("\n")).toBe(1);
    // A forged token reads nothing and is not a session.
    const forged = cookie.replace(/session_token=[^.;]+/, "session_token=forged");
    expect(await auth.api.getSession({ headers: new Headers({ cookie: forged }) })).toBeNull();
  });

  it("answers a wrong password and an unknown account identically", async () => {
    const wrong = await signIn("op-b@example.com", "nope", "203.0.113.2");
    const unknown = await signIn("ghost@example.com", "nope", "203.0.113.3");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("throttles repeated attempts from one address, and the right password does not bypass it", async () => {
    const statuses: number[] = [];
    // Different accounts each time, so only the address budget is in play.
    for (let i = 0; i < 3; i++) statuses.push((await signIn(`guess-${i}@example.com`, "nope", "203.0.113.9")).status);
    expect(statuses).toEqual([401, 401, 401]);
    const blocked = await signIn("op-c@example.com", "right-password", "203.0.113.9");
    expect(blocked.status).toBe(429);
    // Another address is unaffected by that address's budget (the account budget is tested below).
    expect((await signIn("other@example.com", "x", "203.0.113.10")).status).toBe(401);
  });

  it("throttles one address guessing one account below the address budget; the same account elsewhere is unaffected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn("op-d@example.com", `guess-${i}`, "198.51.100.1")).status);
    expect(statuses).toEqual([401, 401, 429]);
    // Even the right password waits out the window from that address…
    expect((await signIn("op-d@example.com", "right-password", "198.51.100.1")).status).toBe(429);
    // …but the owner at their own address signs in.
    expect((await signIn("op-d@example.com", "right-password", "198.51.100.2")).status).toBe(200);
  });

  it("issue 13 (1): wrong passwords from many addresses do not lock the owner out of their account", async () => {
    // 10 guesses at one account from 5 addresses: over three times the per-address budget, under the per-account one.
    for (let i = 0; i < 10; i++) expect((await signIn("op-f@example.com", `guess-${i}`, `192.0.2.${1 + (i % 5)}`)).status).toBe(401);
    expect((await signIn("op-f@example.com", "right-password", "192.0.2.200")).status).toBe(200);
  });

  it("bounds a distributed guesser with a per-account budget far above the per-address one, without revealing whether the account exists", async () => {
    for (const email of ["op-g@example.com", "ghost-2@example.com"]) {
      const statuses: number[] = [];
      for (let i = 0; i < 13; i++) statuses.push((await signIn(email, `guess-${i}`, `10.9.${i}.1`)).status);
      expect(statuses.slice(0, 12).every((s) => s === 401), email).toBe(true);
      expect(statuses[12], email).toBe(429);
    }
  });

  it("refuses sign-up: operators only arrive through the import", async () => {
    const res = await auth.handler(
      new Request(`${APP}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.20" },
        body: JSON.stringify({ email: "new@example.com", password: "whatever-123", name: "New" }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
