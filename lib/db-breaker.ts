/**
 * A short circuit breaker for database outages. Pure (state on globalThis, shared by every bundle of the
 * process). After a connection-level failure (refused, reset, timed out, server shutting down), database
 * work fails at once for BREAKER_OPEN_MS instead of each request waiting for its own connect attempt; the
 * first request after that interval is the probe. A success closes it.
 */
export const BREAKER_OPEN_MS = 250;

/**
 * Failures to establish a connection (driver and PostgreSQL codes). A pooled connection that dies (reset,
 * closed, terminated by a shutdown: 57P01) does not open the breaker: the next connect may well succeed,
 * and counting those would keep the breaker open for a while after the database is back.
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "CONNECT_TIMEOUT",
  "57P03", "08001", "08004",
  // The embedded directory is held by another process (db/client.ts EmbeddedDatabaseBusyError).
  "PGLITE_BUSY",
]);

interface BreakerState {
  openUntil: number;
  /** The embedded database is starting (WASM load and reopen take seconds under load): fail at once meanwhile. */
  opening: boolean;
}
const key = Symbol.for("recovery-posture.db-breaker");
const g = globalThis as typeof globalThis & { [key]?: BreakerState };
const state = (g[key] ??= { openUntil: 0, opening: false });

export function isConnectionFailure(code: string | undefined): boolean {
  return code !== undefined && CONNECTION_CODES.has(code);
}

export function breakerOpen(now = Date.now()): boolean {
  return state.opening || state.openUntil > now;
}

/** While `ready` is pending, database work fails at once instead of queueing behind the start. */
export function noteDatabaseOpening(ready: Promise<unknown>): void {
  state.opening = true;
  const done = () => {
    state.opening = false;
  };
  ready.then(done, done);
}

export function noteDatabaseFailure(code: string | undefined, now = Date.now()): void {
  // A directory held by another process is not freed within milliseconds: look again once a second.
  if (isConnectionFailure(code)) state.openUntil = now + (code === "PGLITE_BUSY" ? 1_000 : BREAKER_OPEN_MS);
}

export function noteDatabaseSuccess(): void {
  state.openUntil = 0;
}
