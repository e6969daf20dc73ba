import { describe, expect, it } from "vitest";
import { ATTENTION_STATES, RECOVERY_POSTURE_REASONS } from "../recovery/vocabulary";
import { parseBackupSetsSearchParams } from "./backup-sets";
import { cursorFromTokens, decodeCursorKey, encodeCursorKey } from "./cursor";
import { DEFAULT_RESTORE_RUNS_PARAMS, parseRestoreRunsSearchParams, restoreRunsHref } from "./restore-runs";

const token = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

describe("cursor tokens", () => {
  it("round-trip id keys and completed-at keys (with and without a completion time)", () => {
    for (const key of [
      { id: 1 },
      { id: 2_147_483_647 },
      { id: 42, completedAt: "2025-06-01T12:00:00.123456Z" },
      { id: 42, completedAt: null },
    ]) {
      const encoded = encodeCursorKey(key);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursorKey(encoded)).toEqual(key);
    }
  });

  it.each([
    ["not a string", 42],
    ["empty", ""],
    ["not base64url", "abc$%"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["JSON array", token([1])],
    ["string id", token({ i: "1" })],
    ["zero id", token({ i: 0 })],
    ["negative id", token({ i: -5 })],
    ["fractional id", token({ i: 1.5 })],
    ["huge id", token({ i: 2_147_483_648 })],
    ["extra keys", token({ i: 1, x: 1 })],
    ["instant without microseconds", token({ i: 1, c: "2025-06-01T12:00:00.123Z" })],
    ["impossible date", token({ i: 1, c: "2025-02-31T12:00:00.000000Z" })],
    ["year 0", token({ i: 1, c: "0000-01-01T00:00:00.000000Z" })],
    ["SQL in the instant", token({ i: 1, c: "2025-06-01'; drop table restore_runs; --" })],
    ["HTML", token({ i: 1, c: "<script>alert(1)</script>" })],
    ["too long", "A".repeat(500)],
  ])("rejects %s", (_name, value) => {
    expect(decodeCursorKey(value)).toBeNull();
  });

  it("uses exactly one of after/before, and only a key of the ordering in use", () => {
    const idKey = encodeCursorKey({ id: 7 });
    const completedKey = encodeCursorKey({ id: 7, completedAt: null });
    expect(cursorFromTokens(idKey, null, "id")).toEqual({ direction: "after", key: { id: 7 } });
    expect(cursorFromTokens(null, idKey, "id")).toEqual({ direction: "before", key: { id: 7 } });
    expect(cursorFromTokens(idKey, idKey, "id")).toBeNull();
    expect(cursorFromTokens(null, null, "id")).toBeNull();
    expect(cursorFromTokens(idKey, null, "completed_at")).toBeNull();
    expect(cursorFromTokens(completedKey, null, "id")).toBeNull();
    expect(cursorFromTokens(completedKey, null, "completed_at")).toEqual({
      direction: "after",
      key: { id: 7, completedAt: null },
    });
  });
});

describe("parseRestoreRunsSearchParams", () => {
  it("defaults when nothing is given", () => {
    expect(parseRestoreRunsSearchParams({})).toEqual(DEFAULT_RESTORE_RUNS_PARAMS);
    expect(parseRestoreRunsSearchParams(undefined)).toEqual(DEFAULT_RESTORE_RUNS_PARAMS);
  });

  it.each(RECOVERY_POSTURE_REASONS)("accepts the reason %s", (reason) => {
    expect(parseRestoreRunsSearchParams({ recovery_posture_reason: reason }).reason).toBe(reason);
  });

  it.each([
    ["unknown", "everything_is_fine"],
    ["wrong case", "FAILED"],
    ["padded", " failed"],
    ["HTML", '<img src=x onerror="alert(1)">'],
    ["script", "failed<script>alert(1)</script>"],
    ["empty", ""],
    ["prototype key", "__proto__"],
    ["repeated, both valid", ["failed", "partial"]],
    ["repeated, same value", ["failed", "failed"]],
    ["repeated, one valid", ["failed", "<b>x</b>"]],
  ])("ignores a %s reason", (_name, value) => {
    const parsed = parseRestoreRunsSearchParams({ recovery_posture_reason: value });
    expect(parsed.reason).toBeNull();
    expect(JSON.stringify(parsed)).not.toContain("<");
  });

  it("never returns a raw value anywhere", () => {
    const hostile = '"><script>alert(1)</script>';
    const parsed = parseRestoreRunsSearchParams({
      recovery_posture_reason: hostile,
      state: hostile,
      sort: hostile,
      order: hostile,
      after: hostile,
      before: [hostile, hostile],
      unknown: hostile,
    });
    expect(parsed).toEqual(DEFAULT_RESTORE_RUNS_PARAMS);
  });

  it.each(ATTENTION_STATES)("filters by the attention state %s (ordered by id)", (state) => {
    const parsed = parseRestoreRunsSearchParams({ state, sort: "completed_at", order: "asc" });
    expect(parsed.state).toBe(state);
    expect(parsed.sort).toBe("id");
    expect(parsed.order).toBe("asc");
  });

  it("falls back per field: a bad value does not discard the good ones", () => {
    const parsed = parseRestoreRunsSearchParams({ state: "bogus", sort: "completed_at", order: ["asc", "desc"] });
    expect(parsed).toMatchObject({ state: null, sort: "completed_at", order: "desc" });
  });

  it("reads a cursor of the ordering in use and drops a foreign one", () => {
    const completed = encodeCursorKey({ id: 9, completedAt: "2025-06-01T12:00:00.000000Z" });
    expect(parseRestoreRunsSearchParams({ sort: "completed_at", after: completed }).cursor).toEqual({
      direction: "after",
      key: { id: 9, completedAt: "2025-06-01T12:00:00.000000Z" },
    });
    expect(parseRestoreRunsSearchParams({ after: completed }).cursor).toBeNull();
    expect(parseRestoreRunsSearchParams({ before: encodeCursorKey({ id: 9 }) }).cursor).toEqual({
      direction: "before",
      key: { id: 9 },
    });
    expect(parseRestoreRunsSearchParams({ before: [encodeCursorKey({ id: 9 }), encodeCursorKey({ id: 8 })] }).cursor).toBeNull();
  });

  it("round-trips through restoreRunsHref", () => {
    const params = {
      reason: "partial" as const,
      state: null,
      sort: "completed_at" as const,
      order: "asc" as const,
      cursor: { direction: "before" as const, key: { id: 3, completedAt: null } },
    };
    const href = restoreRunsHref(params);
    const query = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseRestoreRunsSearchParams(query)).toEqual(params);
    expect(restoreRunsHref(DEFAULT_RESTORE_RUNS_PARAMS)).toBe("/restore-runs");
  });
});

describe("parseBackupSetsSearchParams", () => {
  it("accepts only a completed-at cursor", () => {
    const key = { id: 4, completedAt: "2025-06-01T12:00:00.000000Z" };
    expect(parseBackupSetsSearchParams({ after: encodeCursorKey(key) }).cursor).toEqual({ direction: "after", key });
    expect(parseBackupSetsSearchParams({ after: encodeCursorKey({ id: 4 }) }).cursor).toBeNull();
    expect(parseBackupSetsSearchParams({ after: "<b>" }).cursor).toBeNull();
    expect(parseBackupSetsSearchParams({}).cursor).toBeNull();
  });
});
