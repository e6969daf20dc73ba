import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countByFilter, ENTRY_FILTERS, entryFilterOf, sortForTriage, triageEntries } from "./entry-triage";

const e = (status: string | null, key: string) => ({ status, key });

describe("entry triage", () => {
  const entries = [e("applied", "a1"), e("skipped", "s1"), e("failed", "f1"), e("Weird", "o1"), e("partial", "p1"), e(null, "o2"), e("failed", "f2")];

  it("lists failed entries first, then partial, unreadable, skipped, applied — stable within each", () => {
    expect(sortForTriage(entries).map((x) => x.key)).toEqual(["f1", "f2", "p1", "o1", "o2", "s1", "a1"]);
  });

  it("filters by status", () => {
    expect(triageEntries(entries, "failed").map((x) => x.key)).toEqual(["f1", "f2"]);
    expect(triageEntries(entries, "other").map((x) => x.key)).toEqual(["o1", "o2"]);
    expect(triageEntries(entries, null)).toHaveLength(entries.length);
    expect(countByFilter(entries)).toEqual({ failed: 2, partial: 1, other: 2, skipped: 1, applied: 1 });
  });

  it("property: the filters partition the entries, and nothing is lost or invented", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ status: fc.oneof(fc.constantFrom("applied", "partial", "failed", "skipped"), fc.string(), fc.constant(null)), key: fc.string() })), (list) => {
        const parts = ENTRY_FILTERS.flatMap((f) => triageEntries(list, f));
        expect(parts).toHaveLength(list.length);
        expect(new Set(parts)).toEqual(new Set(list));
        expect(sortForTriage(list).map(entryFilterOf)).toEqual([...list.map(entryFilterOf)].sort((a, b) => ENTRY_FILTERS.indexOf(a) - ENTRY_FILTERS.indexOf(b)));
      }),
    );
  });
});
