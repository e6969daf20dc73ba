/**
 * Database unreachable → 503 (spec §7, §8). This file points DATABASE_URL at a closed port before any
 * application module is loaded (vitest gives each test file its own module graph), so every query,
 * including Better Auth's session lookup, fails to connect — no mocks.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SECRET = "unavailable-test-secret-0123456789-abcdefghijkl";
const CLOSED_PORT_URL = "postgres://x:x@127.0.0.1:1/x";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let handlers: Record<"evidence" | "health" | "run" | "fleet" | "fleetExport" | "runsExport", Handler>;

/** A session cookie signed exactly as Better Auth signs it (HMAC-SHA256, base64): only the database can reject it. */
function signedSessionCookie(token: string, secret = SECRET): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

/** Every `code` and message along the `cause` chains of the logged values. */
function causeChain(values: unknown[]): string {
  const seen: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 8 || typeof v !== "object" || v === null) return;
    const e = v as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    seen.push(String(e.code ?? ""), String(e.message ?? ""));
    walk(e.cause, depth + 1);
    if (Array.isArray(e.errors)) e.errors.forEach((inner) => walk(inner, depth + 1));
  };
  values.forEach((v) => walk(v, 0));
  return seen.join(" ");
}

beforeAll(async () => {
  // No database handle may be inherited from another file: this one must open its own, at the closed port.
  expect((globalThis as Record<symbol, unknown>)[Symbol.for("recovery-posture.db")]).toBeUndefined();
  vi.stubEnv("DATABASE_URL", CLOSED_PORT_URL);
  vi.stubEnv("BETTER_AUTH_SECRET", SECRET);
  vi.resetModules();
  handlers = {
    evidence: (await import("./tenants/[tenantId]/recovery-evidence/route")).GET as Handler,
    health: (await import("./tenants/[tenantId]/backup-health/route")).GET as Handler,
    run: (await import("./restore-runs/[id]/route")).GET as Handler,
    fleet: (await import("./fleet/route")).GET as Handler,
    fleetExport: (await import("./fleet/export/route")).GET as Handler,
    runsExport: (await import("./tenants/[tenantId]/restore-runs/export/route")).GET as Handler,
  };
  const { databaseKind } = await import("@/db/client");
  expect(databaseKind()).toBe("postgres");
});

afterAll(async () => {
  const { closeDb } = await import("@/db/client");
  await closeDb();
  vi.unstubAllEnvs();
});

const CASES = [
  ["evidence", "/api/tenants/1/recovery-evidence", { tenantId: "1" }],
  ["health", "/api/tenants/1/backup-health", { tenantId: "1" }],
  ["run", "/api/restore-runs/1", { id: "1" }],
  ["runsExport", "/api/tenants/1/restore-runs/export?format=csv", { tenantId: "1" }],
] as const;
/** Fleet routes: no id in the path (so no malformed-id case), and exports must not start a 200 body. */
const FLEET_CASES = [
  ["fleet", "/api/fleet?limit=10", {}],
  ["fleetExport", "/api/fleet/export?format=csv", {}],
  ["fleetExport", "/api/fleet/export?format=json", {}],
] as const;

async function call(endpoint: keyof typeof handlers, path: string, params: Record<string, string>, cookie?: string) {
  const request = new Request(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} });
  const response = await handlers[endpoint](request, { params: Promise.resolve(params) });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("JSON API with the database unreachable", () => {
  it.each([...CASES, ...FLEET_CASES])("%s: a signed-in request answers 503 unavailable (not 401, not 500) and logs the cause", async (endpoint, path, params) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { status, body } = await call(endpoint, path, params, signedSessionCookie("a-session-token-the-database-would-know"));
      expect(status).toBe(503);
      expect(body).toStrictEqual({ error: { code: "unavailable", message: expect.stringMatching(/\S/) } });
      expect(logged).toHaveBeenCalled();
      // What was logged traces back to the refused connection, through every wrapper's `cause`.
      expect(causeChain(logged.mock.calls.flat())).toContain("ECONNREFUSED");
    } finally {
      logged.mockRestore();
    }
  });

  it.each(CASES)("%s: requests that need no database still get their own answers (401, 400)", async (endpoint, path, params) => {
    // Without a session cookie, or with a signature that does not verify, there is no session to look up.
    expect((await call(endpoint, path, params)).status).toBe(401);
    expect((await call(endpoint, path, params, signedSessionCookie("a-session-token", "some-other-secret-0123456789-abcdefghij"))).status).toBe(401);
    const bad = Object.fromEntries(Object.keys(params).map((k) => [k, "1e3"]));
    const malformed = await call(endpoint, path, bad, signedSessionCookie("a-session-token"));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toStrictEqual({ error: { code: "invalid_id", message: expect.stringMatching(/\S/) } });
  });
});
