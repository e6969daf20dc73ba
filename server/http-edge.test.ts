import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustProxy, resolveClientAddress } from "./http-edge.cjs";

describe("the client address (X-Forwarded-For only through TRUST_PROXY)", () => {
  it("without TRUST_PROXY a forged header is ignored: the socket peer is the client", () => {
    const none = parseTrustProxy(undefined);
    expect(none).toBeNull();
    for (const forged of ["203.0.113.9", "1.1.1.1, 2.2.2.2", "garbage"]) expect(resolveClientAddress("::ffff:127.0.0.1", forged, none)).toBe("127.0.0.1");
    expect(parseTrustProxy("0")).toBeNull();
    expect(parseTrustProxy("false")).toBeNull();
  });

  it("behind a trusted proxy the nearest untrusted hop is the client; a spoofed leftmost entry does not win", () => {
    const loopback = parseTrustProxy("1");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", loopback)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", loopback)).toBe("203.0.113.9");
    const list = parseTrustProxy("10.0.0.0/8, 192.0.2.1");
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 198.51.100.4, 192.0.2.1", list)).toBe("198.51.100.4");
    // A peer that is not a listed proxy is the client, whatever it forwards.
    expect(resolveClientAddress("198.51.100.7", "6.6.6.6", list)).toBe("198.51.100.7");
    // A malformed hop stops the walk at the last trusted address.
    expect(resolveClientAddress("127.0.0.1", "not-an-ip", loopback)).toBe("127.0.0.1");
  });

  it("normalises addresses and refuses a TRUST_PROXY that is not addresses or ranges", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("nope")).toBeNull();
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/TRUST_PROXY/);
  });
});
