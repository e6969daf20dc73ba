import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEVERITY_FILTERS } from "./needs-attention";
import { compareTenantsWorstFirst, compareText, tenantOrderKey, type TenantOrderKey } from "./tenant-order";

const key = (over: Partial<TenantOrderKey>): TenantOrderKey => ({
  id: 1,
  name: "A",
  severity: "none",
  itemCount: 0,
  latestRelevantRestoreAt: "2025-06-01T00:00:00.000Z",
  ...over,
});

const sorted = (keys: TenantOrderKey[]) => [...keys].sort(compareTenantsWorstFirst).map((k) => k.id);

describe("compareText: names by code point (SQL collate \"C\")", () => {
  it("puts a character above U+FFFF after U+E000–U+FFFF, as UTF-8 bytes do", () => {
    const names = ["\u{1F600} smile", "\uFF5E tilde", "Zeta", "alpha", "Alpha", "", "\u00E9t\u00E9"];
    const byBytes = [...names].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
    expect([...names].sort(compareText)).toStrictEqual(byBytes);
    expect(compareText("\uFF5E", "\u{1F600}")).toBeLessThan(0);
  });

  it("agrees with UTF-8 byte order on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(Math.sign(compareText(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))));
      }),
    );
  });
});

describe("compareTenantsWorstFirst (§10 default order)", () => {
  it("orders by severity first: critical, high, medium, none", () => {
    const keys = (["none", "medium", "critical", "high"] as const).map((severity, i) => key({ id: i + 1, severity }));
    expect(sorted(keys)).toStrictEqual([3, 4, 2, 1]);
  });

  it("then more items, then older or absent restore evidence, then name, then id", () => {
    expect(sorted([key({ id: 1, severity: "high", itemCount: 1 }), key({ id: 2, severity: "high", itemCount: 2 })])).toStrictEqual([2, 1]);
    expect(
      sorted([
        key({ id: 1, latestRelevantRestoreAt: "2025-06-02T00:00:00.000Z" }),
        key({ id: 2, latestRelevantRestoreAt: "2025-06-01T00:00:00.000Z" }),
        key({ id: 3, latestRelevantRestoreAt: null }),
        key({ id: 4, latestRelevantRestoreAt: "not a time" }),
      ]),
    ).toStrictEqual([3, 4, 2, 1]);
    expect(sorted([key({ id: 1, name: "b" }), key({ id: 2, name: "B" }), key({ id: 3, name: "a" })])).toStrictEqual([2, 3, 1]);
    expect(sorted([key({ id: 9 }), key({ id: 3 })])).toStrictEqual([3, 9]);
  });

  it("is a total order: antisymmetric and transitive on generated keys", () => {
    const arbKey = fc.record({
      id: fc.integer({ min: 1, max: 5 }),
      name: fc.constantFrom("a", "b", "B"),
      severity: fc.constantFrom(...SEVERITY_FILTERS),
      itemCount: fc.integer({ min: 0, max: 3 }),
      latestRelevantRestoreAt: fc.constantFrom(null, "2025-06-01T00:00:00.000Z", "2025-06-02T00:00:00.000Z"),
    });
    fc.assert(
      fc.property(arbKey, arbKey, arbKey, (a, b, c) => {
        expect(Math.sign(compareTenantsWorstFirst(a, b))).toBe(-Math.sign(compareTenantsWorstFirst(b, a)) || 0);
        if (compareTenantsWorstFirst(a, b) <= 0 && compareTenantsWorstFirst(b, c) <= 0) {
          expect(compareTenantsWorstFirst(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it("reads its key from an assessment", () => {
    const k = tenantOrderKey(
      { id: 7, name: "T" },
      { severity: "high", needsAttention: [{}, {}], evidence: { latestRelevantRestoreAt: null } },
    );
    expect(k).toStrictEqual({
      id: 7, name: "T", severity: "high", itemCount: 2, latestRelevantRestoreAt: null, evidenceMs: Number.NEGATIVE_INFINITY,
    });
  });

  it("orders the same with the evidence time precomputed in the key or parsed from it", () => {
    const at = ["2025-01-01T00:00:00.000Z", "2025-01-02T00:00:00.000Z", null, "not a time"];
    const keys = at.map((t, i) => ({ id: i + 1, name: "T", severity: "high" as const, itemCount: 1, latestRelevantRestoreAt: t }));
    const withMs = keys.map((k) => tenantOrderKey(k, { severity: k.severity, needsAttention: [{}], evidence: { latestRelevantRestoreAt: k.latestRelevantRestoreAt } }));
    for (const a of keys.keys()) {
      for (const b of keys.keys()) {
        expect(Math.sign(compareTenantsWorstFirst(withMs[a]!, withMs[b]!))).toBe(Math.sign(compareTenantsWorstFirst(keys[a]!, keys[b]!)));
      }
    }
  });
});
