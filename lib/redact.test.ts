import { describe, expect, it } from "vitest";
import { describeError, errorCode, redactDetail, redactText } from "./redact";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const COOKIE = `${TOKEN}.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU=`;

describe("the one redaction point", () => {
  it("drops a failed statement's parameters (where session tokens and password hashes travel)", () => {
    const drizzle = new Error(`Failed query: select * from sessions where token = $1\nparams: ${TOKEN},10`, {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    });
    const text = describeError(drizzle);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain("Failed query: select * from sessions where token = $1");
    expect(text).toContain("[ECONNREFUSED]");
    expect(errorCode(drizzle)).toBe("ECONNREFUSED");
  });

  it("removes cookies, bearer keys, webhook secrets and password hashes from any text", () => {
    const text = redactText(
      `cookie better-auth.session_token=${encodeURIComponent(COOKIE)}; Authorization: Bearer rp_live_abc.def whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw ${COOKIE} 0123456789abcdef0123456789abcdef:${"a1".repeat(64)}`,
    );
    for (const secret of [TOKEN, "rp_live_abc", "whsec_MfKQ", "a1a1a1a1a1a1"]) expect(text).not.toContain(secret);
  });

  it("redacts detail keys that name secrets, at any depth", () => {
    expect(redactDetail({ password: "x", nested: [{ apiKey: "k", ok: 1 }], webhookSecret: "s", note: "fine" })).toEqual({
      password: "[redacted]", nested: [{ apiKey: "[redacted]", ok: 1 }], webhookSecret: "[redacted]", note: "fine",
    });
  });

  it("does not keep PostgreSQL's own parameter echo (postgres.js `parameters`)", () => {
    const e = Object.assign(new Error("invalid byte sequence"), { code: "22021", parameters: [TOKEN], query: "select $1" });
    expect(describeError(e)).not.toContain(TOKEN);
  });
});
