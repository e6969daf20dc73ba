/**
 * The JSON API's edge: typed errors from query and domain code become the §8 error shape here, and only
 * here. Decisions (status codes, why malformed ids are 400, why unexpected errors are 503 and never 500):
 * docs/decisions/0004-api-errors.md.
 */
import { DatabaseUnavailableError, ForbiddenError, NotFoundError, UnauthenticatedError, parseId } from "../../lib/errors";
import { API_ERROR_MESSAGES } from "../../lib/recovery/surface-copy";

export type ApiErrorCode = "invalid_id" | "invalid_parameter" | "unauthenticated" | "forbidden" | "not_found" | "unavailable";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

/** A path id that is not a canonical positive int4 decimal ("abc", "-1", "+1", "1e3", "01", " 1", huge…). */
export class InvalidIdError extends Error {
  constructor(readonly what: string) {
    super(`The ${what} id must be a positive whole number written in decimal digits, without a sign or leading zeros.`);
    this.name = "InvalidIdError";
  }
}

/** A query parameter that is not one of its documented values. The message names the parameter (from a fixed list), never the value. */
export class InvalidParameterError extends Error {
  constructor(readonly parameter: string) {
    super(`The "${parameter}" parameter is not one of its documented values.`);
    this.name = "InvalidParameterError";
  }
}

const NO_STORE = { "cache-control": "no-store" } as const;

export function jsonOk(body: unknown): Response {
  return Response.json(body, { status: 200, headers: NO_STORE });
}

export function jsonError(status: number, code: ApiErrorCode, message: string): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers: NO_STORE });
}

/** The id in a path segment, or InvalidIdError (→ 400). Uses the one id rule of lib/errors (`parseId`). */
export function requireId(raw: string | undefined, what: string): number {
  const id = parseId(raw);
  if (id === null) throw new InvalidIdError(what);
  return id;
}

/** Maps any error to its response. Unknown errors are logged and answered 503: never a 500, never a calm body. */
export function errorResponse(e: unknown): Response {
  if (e instanceof InvalidIdError) return jsonError(400, "invalid_id", e.message);
  if (e instanceof InvalidParameterError) return jsonError(400, "invalid_parameter", e.message);
  if (e instanceof UnauthenticatedError) return jsonError(401, "unauthenticated", API_ERROR_MESSAGES.unauthenticated);
  if (e instanceof ForbiddenError) return jsonError(403, "forbidden", API_ERROR_MESSAGES.forbidden);
  // One body for "unknown" and "not yours": the response must not reveal that a foreign id exists.
  if (e instanceof NotFoundError) return jsonError(404, "not_found", API_ERROR_MESSAGES.not_found);
  if (e instanceof DatabaseUnavailableError) {
    console.error("[api] database unavailable:", e.cause ?? e);
  } else {
    console.error("[api] unexpected error, answered 503:", e);
  }
  return jsonError(503, "unavailable", API_ERROR_MESSAGES.unavailable);
}

/** Runs a route handler's work; its result is the 200 JSON body, any throw is mapped by `errorResponse`. */
export async function handleApi(work: () => Promise<unknown>): Promise<Response> {
  try {
    // Serialize inside the try: a value JSON cannot encode is an unexpected error too, not a 500.
    return jsonOk(await work());
  } catch (e) {
    return errorResponse(e);
  }
}

/** Like handleApi, for handlers that build their own response (streamed exports). */
export async function handleApiResponse(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (e) {
    return errorResponse(e);
  }
}
