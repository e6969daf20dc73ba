import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, malformedPath } from "./security-headers";

describe("security headers and request checks", () => {
  it("a CSP with the nonce, no unsafe-inline scripts, no framing", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(/script-src ([^;]*)/.exec(csp)![1]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it.each([["/api/restore-runs/%zz"], ["/api/restore-runs/%"], ["/api/restore-runs/%C0%AF"], ["/api/auth/%E0%A4%A"], ["/x/%00"], ["/x/1%00"]])(
    "%s is a malformed path",
    (p) => expect(malformedPath(p)).toBe(true),
  );

  it("well-formed paths pass", () => {
    expect(malformedPath("/restore-runs/12")).toBe(false);
    expect(malformedPath("/tenants/%E2%9C%93")).toBe(false);
  });
});
