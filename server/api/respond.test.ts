import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../../lib/errors";
import { InvalidIdError, handleApi, jsonError, requireId } from "./respond";

afterEach(() => {
  vi.restoreAllMocks();
});

async function answer(work: () => Promise<unknown>) {
  const response = await handleApi(work);
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    cacheControl: response.headers.get("cache-control"),
    contentType: response.headers.get("content-type"),
  };
}

describe("handleApi", () => {
  it("answers the work's result as 200 JSON, not cached", async () => {
    expect(await answer(async () => ({ a: 1, b: null }))).toStrictEqual({
      status: 200,
      body: { a: 1, b: null },
      cacheControl: "no-store",
      contentType: expect.stringMatching(/^application\/json/),
    });
  });

  it.each([
    [new InvalidIdError("tenant"), 400, "invalid_id"],
    [new UnauthenticatedError(), 401, "unauthenticated"],
    [new ForbiddenError(), 403, "forbidden"],
    [new NotFoundError("restore run 7 of tenant 3"), 404, "not_found"],
  ] as const)("maps %o to %i %s in the §8 shape", async (error, status, code) => {
    const result = await answer(async () => {
      throw error;
    });
    expect(result.status).toBe(status);
    expect(result.body).toStrictEqual({ error: { code, message: expect.stringMatching(/\S/) } });
    expect(result.cacheControl).toBe("no-store");
    // A not-found message never names what was looked for (it would reveal a foreign id's existence).
    if (code === "not_found") expect(JSON.stringify(result.body)).not.toMatch(/tenant 3|run 7/);
  });

  it.each([
    ["the database is unavailable", new DatabaseUnavailableError(new Error("ECONNREFUSED"))],
    ["an unexpected TypeError", new TypeError("Cannot read properties of undefined")],
    ["a thrown non-Error", "boom"],
  ])("answers 503 unavailable, never 500, when %s, and logs it", async (_name, thrown) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await answer(async () => {
      throw thrown;
    });
    expect(result.status).toBe(503);
    expect(result.body).toStrictEqual({ error: { code: "unavailable", message: expect.stringMatching(/\S/) } });
    expect(logged).toHaveBeenCalledTimes(1);
    // The internal error text is logged, not sent.
    expect(JSON.stringify(result.body)).not.toMatch(/ECONNREFUSED|Cannot read|boom/);
  });

  it("answers 503 when the result cannot be serialized, instead of throwing", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await answer(async () => ({ big: 1n }));
    expect(result.status).toBe(503);
  });
});

describe("requireId", () => {
  it("accepts canonical positive int4 decimals", () => {
    expect(requireId("1", "tenant")).toBe(1);
    expect(requireId("2147483647", "tenant")).toBe(2_147_483_647);
  });

  it.each(["0", "01", "-1", "+1", "1e3", "0x10", "1.0", " 1", "2147483648", "99999999999999999999", "", "\u0000"])(
    "rejects %j with InvalidIdError",
    (raw) => {
      expect(() => requireId(raw, "tenant")).toThrow(InvalidIdError);
    },
  );

  it("rejects a missing segment", () => {
    expect(() => requireId(undefined, "restore run")).toThrow(InvalidIdError);
  });
});

describe("jsonError", () => {
  it("builds the §8 error shape", async () => {
    const response = jsonError(404, "not_found", "Not found.");
    expect(response.status).toBe(404);
    expect(await response.json()).toStrictEqual({ error: { code: "not_found", message: "Not found." } });
  });
});
