/**
 * The §8 JSON API, called as Next calls it: `GET(request, { params: Promise })`, with a real session
 * cookie from a real sign-in. Hand-written histories, one per overview state; expected values are
 * written out literally (spec §2–§4 strings), not recomputed with the code under test.
 */
import { describe, expect, it } from "vitest";
import { databaseKind } from "@/test/db";
import { call, cookies, ENDPOINTS, errorBody, useApiFixture } from "./api-fixture";

useApiFixture();

/* ───────────────────────── access ───────────────────────── */

describe(`JSON API access (${databaseKind()})`, () => {
  it.each(ENDPOINTS)("%s: 401 without a session, with a forged token and with a tampered signature", async (endpoint) => {
    const id = endpoint === "run" ? "102" : "1";
    const tampered = cookies.alice.replace(/session_token=([^;]*?)(.)(;|$)/, (_m, v: string, last: string, end: string) => `session_token=${v}${last === "A" ? "B" : "A"}${end}`);
    expect(tampered).not.toBe(cookies.alice);
    for (const cookie of [undefined, "better-auth.session_token=not-a-token", tampered]) {
      const { status, body } = await call(endpoint, id, cookie);
      expect({ cookie, status }).toStrictEqual({ cookie, status: 401 });
      expect(body).toStrictEqual(errorBody("unauthenticated"));
    }
  });

  it("404 for a tenant the operator is not a member of, identical to an unknown tenant", async () => {
    for (const endpoint of ["evidence", "health"] as const) {
      const foreign = await call(endpoint, "2", cookies.alice);
      const unknown = await call(endpoint, "999", cookies.alice);
      const noMemberships = await call(endpoint, "1", cookies.nemo);
      expect([foreign.status, unknown.status, noMemberships.status]).toStrictEqual([404, 404, 404]);
      expect(foreign.body).toStrictEqual(errorBody("not_found"));
      expect(unknown.body).toStrictEqual(foreign.body);
      expect(noMemberships.body).toStrictEqual(foreign.body);
    }
    // And the owner of tenant 2 does see it.
    expect((await call("evidence", "2", cookies.bob)).status).toBe(200);
  });

  it("404 for a run of a foreign tenant (ids guessed across tenants), identical to an unknown run", async () => {
    const foreign = await call("run", "201", cookies.alice);
    const unknown = await call("run", "2147483647", cookies.alice);
    expect([foreign.status, unknown.status]).toStrictEqual([404, 404]);
    expect(foreign.body).toStrictEqual(errorBody("not_found"));
    expect(unknown.body).toStrictEqual(foreign.body);
    // A viewer guessing a foreign run also gets 404, not 403: existence is not revealed.
    expect((await call("run", "201", cookies.vic)).status).toBe(404);
    expect((await call("run", "102", cookies.nemo)).status).toBe(404);
    expect((await call("run", "201", cookies.bob)).status).toBe(200);
  });

  it("403 for a viewer-role member on the run endpoint", async () => {
    const { status, body } = await call("run", "102", cookies.vic);
    expect(status).toBe(403);
    expect(body).toStrictEqual(errorBody("forbidden"));
  });

  it("a viewer-role member gets the evidence with the action disabled, and the backup health", async () => {
    const { status, body } = await call("evidence", "1", cookies.vic);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tenantId: 1,
      overviewState: "weakened",
      latestRelevantRestoreRunId: 102,
      action: { label: "Review restore run #102", url: null, disabled: true, helperText: expect.stringMatching(/viewer/i) },
    });
    const health = await call("health", "1", cookies.vic);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ tenantId: 1, posture: "healthy" });
  });
});

/* ───────────────────────── malformed ids ───────────────────────── */

const MALFORMED = [
  "abc", "-1", "+1", "1e3", "0x10", "0b1", "1.0", "1.", " 1", "1 ", "01", "0", "", "1_000", "１",
  "99999999999999999999", "2147483648", "9007199254740993", "%00", "\u0000", "1%00", "NaN", "Infinity", "1/2", "../1",
];

describe(`JSON API malformed ids (${databaseKind()})`, () => {
  it.each(ENDPOINTS)("%s: every malformed id is a 400 invalid_id JSON error, never a 500 or a throw", async (endpoint) => {
    for (const id of MALFORMED) {
      const { status, body } = await call(endpoint, id, cookies.alice);
      expect({ id, status }).toStrictEqual({ id, status: 400 });
      expect(body).toStrictEqual(errorBody("invalid_id"));
      // Nothing from the request is echoed back.
      if (id.trim()) expect(JSON.stringify(body)).not.toContain(JSON.stringify(id).slice(1, -1));
    }
  });

  it("the largest int4 id is well formed (404 when unknown); malformed ids are 400 even without a session", async () => {
    expect((await call("evidence", "2147483647", cookies.alice)).status).toBe(404);
    expect((await call("health", "2147483647", cookies.alice)).status).toBe(404);
    expect((await call("run", "abc")).status).toBe(400);
  });
});

/* ───────────────────────── as of ───────────────────────── */

describe(`JSON API "as of" headers (${databaseKind()})`, () => {
  it.each(ENDPOINTS)("%s: a 200 names the instant and the source of the data it read; an error names none", async (endpoint) => {
    const id = endpoint === "run" ? "102" : "1";
    const before = Date.now();
    const ok = await call(endpoint, id, cookies.alice);
    expect(ok.status).toBe(200);
    const asOf = Date.parse(ok.response.headers.get("x-data-as-of") ?? "");
    expect(asOf).toBeGreaterThanOrEqual(before);
    expect(asOf).toBeLessThanOrEqual(Date.now());
    // No DATABASE_REPLICA_URL in the tests: the primary.
    expect(ok.response.headers.get("x-data-source")).toBe("primary");
    const missing = await call(endpoint, "999999", cookies.alice);
    expect(missing.status).toBe(404);
    expect(missing.response.headers.get("x-data-as-of")).toBeNull();
  });
});
