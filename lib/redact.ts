/**
 * The one redaction point for anything that may be logged or stored as context (spec §14: logs never
 * contain passwords, session tokens, API keys or webhook secrets, even in database errors). Pure: imports
 * nothing. Database errors carry the failed statement's parameters (postgres.js `parameters`, drizzle's
 * "Failed query: … params: …" message, PGlite's `query`); those are exactly where a session token or a
 * password hash travels, so they are dropped, and the message keeps only its first line without params.
 */

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|signature|hash|credential/i;
const REDACTED = "[redacted]";

/** Shapes that are secrets wherever they appear in text. */
const SECRET_PATTERNS: RegExp[] = [
  /better-auth\.session_token=[^;\s]+/gi,
  /\bwhsec_[A-Za-z0-9+/=_-]+/g,
  /\brpk_[A-Za-z0-9_-]+/g, // an ingest API key
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\$argon2[a-z]*\$[^\s'",]+/gi,
  /\b[0-9a-f]{32,}:[0-9a-f]{64,}\b/gi, // scrypt salt:key (Better Auth's password hash)
  /\b[A-Za-z0-9]{32}\.[A-Za-z0-9+/=%]{20,}/g, // a signed session cookie value
];

export function redactText(text: string): string {
  let out = text;
  // drizzle: "Failed query: <sql>\nparams: <values>" — the values are never logged.
  out = out.replace(/\bparams:[\s\S]*$/i, "params: [redacted]");
  for (const p of SECRET_PATTERNS) out = out.replace(p, REDACTED);
  return out;
}

/** Redacts structured context: keys naming a secret lose their value; strings are scrubbed. */
export function redactDetail<T>(value: T, depth = 0): T {
  if (depth > 8) return REDACTED as T;
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDetail(v, depth + 1)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactDetail(v, depth + 1);
    return out as T;
  }
  return value;
}

/**
 * A database (or any) error reduced to what is safe to log: its name, code, redacted first message line,
 * and the same for its causes. Never the statement's parameters, never the full query text.
 */
export function describeError(error: unknown, depth = 0): string {
  if (depth > 5) return "…";
  if (!(error instanceof Error) && (typeof error !== "object" || error === null)) return redactText(String(error));
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const message = redactText(String(e.message ?? "")).split("\n")[0]!.slice(0, 300);
  const code = typeof e.code === "string" || typeof e.code === "number" ? ` [${e.code}]` : "";
  let text = `${String(e.name ?? "Error")}${code}: ${message}`;
  if (Array.isArray(e.errors) && e.errors.length) text += ` (${e.errors.map((x) => describeError(x, depth + 1)).join("; ")})`;
  if (e.cause !== undefined && e.cause !== error) text += ` ← ${describeError(e.cause, depth + 1)}`;
  return text;
}

/** The first error code along an error's cause chain (e.g. ECONNREFUSED, 22021), for typed handling. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === "string" && e.code) return e.code;
  return errorCode(e.cause, depth + 1) ?? (Array.isArray(e.errors) ? errorCode(e.errors[0], depth + 1) : undefined);
}

/**
 * The one way server code logs an error: redacted, one line, with its cause chain. Database errors pass
 * through here (and through DatabaseUnavailableError, whose cause is already this description).
 */
export function logError(scope: string, error: unknown): void {
  console.error(`[${scope}] ${describeError(error)}`);
}
