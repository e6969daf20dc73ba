import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathAfterTenantSwitch, safeReturnPath, signInHref } from "./navigation";

describe("safeReturnPath: same-origin relative paths only", () => {
  it.each<[unknown, string | null]>([
    ["/dashboard", "/dashboard"],
    ["/restore-runs?recovery_posture_reason=failed&state=partial", "/restore-runs?recovery_posture_reason=failed&state=partial"],
    ["/restore-runs/1013", "/restore-runs/1013"],
    ["/backup-sets/5#top", "/backup-sets/5#top"],
    ["/a/../dashboard", "/dashboard"],
    ["/", "/"],
    // Open redirects and other origins
    ["//evil.example", null],
    ["//evil.example/path", null],
    ["/\\evil.example", null],
    ["\\\\evil.example", null],
    ["https://evil.example/", null],
    ["http://127.0.0.1:3000/dashboard", null],
    ["javascript:alert(1)", null],
    ["data:text/html,hi", null],
    ["evil.example", null],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/\tevil", null],
    ["/\nevil", null],
    ["/x\u0000", null],
    ["", null],
    [null, null],
    [["/dashboard"], null],
    ["/" + "a".repeat(2_000), null],
    // Never a destination
    ["/sign-in", null],
    ["/sign-in?next=/dashboard", null],
    ["/api/tenants/1/recovery-evidence", null],
    ["/api", null],
    ["/apiary", "/apiary"],
  ])("%j → %j", (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });

  it("whatever it returns resolves to the same origin", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `/${s}`), fc.webUrl()), (raw) => {
        const path = safeReturnPath(raw);
        if (path === null) return;
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
        expect(new URL(path, "https://app.example").origin).toBe("https://app.example");
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("signInHref", () => {
  it("remembers a requested page, and nothing unsafe", () => {
    expect(signInHref("/restore-runs/5?x=1")).toBe("/sign-in?next=%2Frestore-runs%2F5%3Fx%3D1");
    expect(signInHref("//evil.example")).toBe("/sign-in");
    expect(signInHref("/")).toBe("/sign-in");
    expect(signInHref(null)).toBe("/sign-in");
  });
});

describe("pathAfterTenantSwitch: the same kind of page, where it exists for the new tenant", () => {
  const op = { stay: false, canViewRestoreHistory: true };
  it.each<[string | null, { stay: boolean; canViewRestoreHistory: boolean }, string]>([
    ["/dashboard", op, "/dashboard"],
    ["/restore-runs", op, "/restore-runs"],
    ["/restore-runs?recovery_posture_reason=failed&after=abc", op, "/restore-runs"],
    ["/restore-runs/1013", op, "/restore-runs"],
    ["/restore-runs/1013", { ...op, stay: true }, "/restore-runs/1013"],
    ["/restore-runs/1013?entries=failed", { ...op, stay: true }, "/restore-runs/1013"],
    ["/backup-sets", op, "/backup-sets"],
    ["/backup-sets/7", op, "/backup-sets"],
    ["/backup-sets/7", { stay: true, canViewRestoreHistory: false }, "/backup-sets/7"],
    // A viewer of the new tenant has no restore history: the dashboard.
    ["/restore-runs", { stay: false, canViewRestoreHistory: false }, "/dashboard"],
    ["/restore-runs/1013", { stay: true, canViewRestoreHistory: false }, "/dashboard"],
    ["/tenants?q=x", op, "/dashboard"],
    ["/somewhere-else", op, "/dashboard"],
    ["//evil.example/restore-runs", op, "/dashboard"],
    ["https://evil.example/backup-sets", op, "/dashboard"],
    [null, op, "/dashboard"],
  ])("%s %j → %s", (from, opts, expected) => {
    expect(pathAfterTenantSwitch(from, opts)).toBe(expected);
  });
});
