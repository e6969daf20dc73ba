import { breakerOpen, noteDatabaseFailure, noteDatabaseSuccess } from "./db-breaker";
import { describeError, errorCode, logError } from "./redact";

/** Typed errors thrown by query and domain code, mapped at the edge (route handlers → JSON, pages → not-found/error). */

/** Tells the HTTP edge (server/http-edge.cjs) that this request met an unreachable database: a 500 becomes 503. */
function markRequestDatabaseUnavailable(): void {
  const context = (globalThis as Record<symbol, { getStore(): { databaseUnavailable?: boolean } | undefined } | undefined>)[
    Symbol.for("recovery-posture.request-context")
  ];
  const store = context?.getStore();
  if (store) store.databaseUnavailable = true;
}

export class DatabaseUnavailableError extends Error {
  /** The first code along the original error's cause chain (ECONNREFUSED, 57P01, 22021…). */
  readonly code: string | undefined;
  constructor(cause?: unknown) {
    // The original error is not kept: drivers put the statement's parameters (session tokens, password
    // hashes) on it, and frameworks log causes. Its redacted description is (lib/redact.ts).
    super("The database could not be reached or did not answer.", {
      cause: cause === undefined ? undefined : cause instanceof DatabaseUnavailableError ? cause.cause : new Error(describeError(cause)),
    });
    this.name = "DatabaseUnavailableError";
    markRequestDatabaseUnavailable();
    this.code = cause instanceof DatabaseUnavailableError ? cause.code : errorCode(cause);
  }
}

export class NotFoundError extends Error {
  constructor(what = "Not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(message = "Your role may not view this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class UnauthenticatedError extends Error {
  constructor() {
    super("Sign in first.");
    this.name = "UnauthenticatedError";
  }
}

/** Any failure of the database layer becomes DatabaseUnavailableError: never a calm answer, never a 500. */
export async function withDatabase<T>(work: () => Promise<T>): Promise<T> {
  // Right after a connection failure, fail at once rather than wait for another connect (lib/db-breaker.ts).
  if (breakerOpen()) throw new DatabaseUnavailableError(Object.assign(new Error("database unreachable moments ago"), { code: "DB_BREAKER_OPEN" }));
  try {
    const result = await work();
    noteDatabaseSuccess();
    return result;
  } catch (e) {
    if (!(e instanceof NotFoundError || e instanceof ForbiddenError || e instanceof UnauthenticatedError)) noteDatabaseFailure(errorCode(e));
    if (e instanceof NotFoundError || e instanceof ForbiddenError || e instanceof UnauthenticatedError) throw e;
    if (e instanceof DatabaseUnavailableError) throw e;
    logError("db", e);
    throw new DatabaseUnavailableError(e);
  }
}

const MAX_INT = 2_147_483_647;

/** Path ids: decimal digits only, 1..2^31-1. Anything else (signs, exponents, hex, spaces, huge) is null. */
export function parseId(raw: string | undefined | null): number | null {
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= MAX_INT ? n : null;
}
