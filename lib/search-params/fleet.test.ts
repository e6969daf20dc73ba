import { describe, expect, it } from "vitest";
import { matchesFleetFilter, type FleetRankRow } from "../recovery/fleet";
import { decodeFleetCursor, encodeFleetCursor, fleetSearch, parseFleetQuery, parseFleetSearchParams } from "./fleet";

const values = (q: string) => {
  const p = new URLSearchParams(q);
  return (name: string) => p.getAll(name);
};

describe("fleet query string", () => {
  it("parses every filter, the limit and a cursor it wrote", () => {
    const key = { severity: "high" as const, itemCount: 2, latestRelevantRestoreAt: "2026-01-02T03:04:05.678Z", name: "Ünïcode, \"quoted\"", id: 42 };
    const cursor = encodeFleetCursor(key);
    expect(decodeFleetCursor(cursor)).toEqual(key);
    const { query, invalid } = parseFleetQuery(values(`state=weakened&backup=stale&attention=1&stale=1&q=+acme+&limit=100&cursor=${cursor}`), "strict");
    expect(invalid).toBeNull();
    expect(query).toEqual({ filter: { state: "weakened", backup: "stale", attention: true, stale: true, q: "acme" }, limit: 100, after: key });
    expect(fleetSearch(query.filter, { limit: 100 })).toBe("?state=weakened&backup=stale&attention=1&stale=1&q=acme&limit=100");
  });

  it("severity (the fleet distribution's links): each level and none, round trip; rows filter by it", () => {
    for (const severity of ["critical", "high", "medium", "none"] as const) {
      const { query, invalid } = parseFleetQuery(values(`severity=${severity}`), "strict");
      expect(invalid).toBeNull();
      expect(query.filter).toEqual({ severity });
      expect(fleetSearch(query.filter)).toBe(`?severity=${severity}`);
    }
    const row = { severity: "high" } as FleetRankRow;
    expect(matchesFleetFilter(row, { severity: "high" })).toBe(true);
    expect(matchesFleetFilter(row, { severity: "none" })).toBe(false);
  });

  it.each(["state=healthy", "severity=healthy", "severity=low", "backup=x", "attention=2", "limit=501", "limit=0", "limit=05", "cursor=e30", "q=a&q=b"])(
    "strict mode names the bad parameter of %s; lenient mode drops it",
    (q) => {
      const strict = parseFleetQuery(values(q), "strict");
      expect(strict.invalid).toBe(q.split("=")[0]);
      const lenient = parseFleetSearchParams(Object.fromEntries([[q.split("=")[0]!, q.includes("&") ? ["a", "b"] : q.split("=")[1]!]]));
      expect(lenient).toEqual({ filter: {}, limit: 50, after: null });
    },
  );

  it("never decodes a cursor it did not write", () => {
    for (const t of ["", "!!", Buffer.from('{"s":"high","n":1,"t":null,"a":"x","i":0}').toString("base64url"), Buffer.from("[]").toString("base64url")]) {
      expect(decodeFleetCursor(t)).toBeNull();
    }
  });
});
