/**
 * Fail-fast access to PostgreSQL (spec §14: with the database down, 503s stay under 1 s at p99 under
 * concurrent load, and the server recovers without a restart).
 *
 * postgres.js by default waits before reconnecting with a backoff that grows to 20 s per attempt, so
 * under load every request queued behind it (measured before this change, 8 clients, PostgreSQL stopped
 * for 30 s: median 5.3 s, p99 18.6 s, requests held 15.9 s after it was back). The client is configured
 * here with no reconnect backoff, a bounded connect timeout and server-side statement and
 * idle-in-transaction timeouts. A refused connection then fails in milliseconds; a black-holed host
 * costs at most the connect timeout, and the breaker in lib/errors.ts (`withDatabase`) spares the
 * requests right after such a failure even that.
 */
export const CONNECT_TIMEOUT_SECONDS = 2;
export const STATEMENT_TIMEOUT_MS = 5_000;

export const failFastClientOptions = {
  connect_timeout: CONNECT_TIMEOUT_SECONDS,
  backoff: () => 0,
  connection: { statement_timeout: STATEMENT_TIMEOUT_MS, idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS * 2 },
} as const;
