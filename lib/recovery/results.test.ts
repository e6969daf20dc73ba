import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMetadata, parseResults } from "./results";
import { CLEAN_RESULTS } from "./test-support";

describe("parseResults", () => {
  it("reads the documented shape, grouped, with snake_case item_key", () => {
    const parsed = parseResults(CLEAN_RESULTS);
    expect(parsed.wellFormed).toBe(true);
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.byGroup.items[0]).toEqual({
      group: "items",
      key: "policy:1",
      type: "deviceConfiguration",
      name: "Baseline",
      status: "applied",
      message: null,
      target: null,
      itemKey: null,
      wellFormed: true,
    });
    expect(parsed.byGroup.assignments[0]).toMatchObject({ itemKey: "policy:1", target: "group:77", group: "assignments" });
    expect(parsed.entries.map((e) => e.group)).toEqual(["items", "foundations", "assignments"]);
  });

  it("an object with no groups is well formed and empty", () => {
    expect(parseResults({})).toEqual({ wellFormed: true, entries: [], byGroup: { items: [], foundations: [], assignments: [] } });
    expect(parseResults({ items: [], other: 1 }).wellFormed).toBe(true);
  });

  it.each<[string, unknown, number]>([
    ["null", null, 0],
    ["undefined", undefined, 0],
    ["a string", "applied", 0],
    ["a number", 42, 0],
    ["an array", [{ status: "applied" }], 0],
    ["a group that is not an array", { items: { status: "applied" } }, 0],
    ["a group that is null", { items: [{ status: "applied" }], foundations: null }, 1],
    ["a junk entry", { items: [{ status: "applied" }, 7] }, 2],
    ["an entry missing status", { items: [{ key: "k" }] }, 1],
    ["an entry with a non-string status", { items: [{ status: 1 }] }, 1],
    ["an entry with an unknown status", { items: [{ status: "done" }] }, 1],
    ["an entry whose status is only inherited", { items: [Object.create({ status: "applied" })] }, 1],
  ])("is not well formed for %s", (_name, raw, entryCount) => {
    const parsed = parseResults(raw);
    expect(parsed.wellFormed).toBe(false);
    expect(parsed.entries).toHaveLength(entryCount);
  });

  it("keeps an unknown status string for display but marks the entry malformed", () => {
    const [entry] = parseResults({ foundations: [{ status: "done", key: 5 }] }).entries;
    expect(entry).toMatchObject({ group: "foundations", status: "done", key: null, wellFormed: false });
  });

  it("never throws on any value, and entries are exactly the three groups", () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const parsed = parseResults(raw);
        expect(parsed.entries).toEqual([...parsed.byGroup.items, ...parsed.byGroup.foundations, ...parsed.byGroup.assignments]);
        if (parsed.wellFormed) expect(parsed.entries.every((e) => e.wellFormed)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseMetadata", () => {
  it.each<[string, unknown, number, boolean, string | null]>([
    ["null metadata", null, 0, false, null],
    ["undefined metadata", undefined, 0, false, null],
    ["no non_applied", { scope_basis: "selected" }, 0, false, "selected"],
    ["empty non_applied", { non_applied: [], scope_basis: "full" }, 0, false, "full"],
    ["one non_applied", { non_applied: [{ key: "policy:2", reason: "unsupported" }] }, 1, false, null],
    ["non_applied is a string", { non_applied: "policy:2" }, 0, true, null],
    ["non_applied is null", { non_applied: null }, 0, true, null],
    ["non_applied holds junk", { non_applied: [{ key: "a" }, 3] }, 1, true, null],
    ["metadata is a string", "oops", 0, true, null],
    ["metadata is an array", [], 0, true, null],
    ["unknown scope_basis", { scope_basis: "everything" }, 0, false, null],
  ])("%s", (_name, raw, count, malformed, scope) => {
    const parsed = parseMetadata(raw);
    expect(parsed.nonApplied).toHaveLength(count);
    expect(parsed.nonAppliedMalformed).toBe(malformed);
    expect(parsed.scopeBasis).toBe(scope);
  });

  it("coerces non-string fields to null", () => {
    expect(parseMetadata({ non_applied: [{ key: 1, reason: "r" }] }).nonApplied).toEqual([{ key: null, reason: "r" }]);
  });

  it("never throws on any value", () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const parsed = parseMetadata(raw);
        expect(Array.isArray(parsed.nonApplied)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
