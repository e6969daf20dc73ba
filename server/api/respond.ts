/**
 * The JSON API's edge: typed errors from query and domain code become the §8 error shape here, and only
 * here. Decisions (status codes, why malformed ids are 400, why unexpected errors are 503 and never 500):
 * docs/decisions/0004-api-errors.md.
 */
import { logError } from "../../lib/redact";
import { DatabaseUnavailableError, ForbiddenError, NotFoundError, UnauthenticatedError, parseId } from "../../lib/errors";
import { API_ERROR_MESSAGES } from "../../lib/recovery/surface-copy";
import { DATA_AS_OF_HEADER, DATA_SOURCE_HEADER, type DataSource } from "../../lib/recovery/data-as-of";

export type ApiErrorCode = "invalid_id" | "invalid_parameter" | "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "unavailable";

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

export function jsonOk(body: unknown, read?: { asOf: Date; source: DataSource }): Response {
  const headers = read ? { ...NO_STORE, [DATA_AS_OF_HEADER]: read.asOf.toISOString(), [DATA_SOURCE_HEADER]: read.source } : NO_STORE;
  return Response.json(body, { status: 200, headers });
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
  if (e instanceof ForbiddenError) return jsonError(403, "forbidden", e.message === new ForbiddenError().message ? API_ERROR_MESSAGES.forbidden : e.message);
  // One body for "unknown" and "not yours": the response must not reveal that a foreign id exists.
  if (e instanceof NotFoundError) return jsonError(404, "not_found", API_ERROR_MESSAGES.not_found);
  if (e instanceof DatabaseUnavailableError) logError("api", e);
  else logError("api unexpected, answered 503", e);
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

/**
 * handleApi for evidence reads: `work` returns the body and the read handle's instant and source
 * (db/read-handle.ts), which the response carries as `X-Data-As-Of` and `X-Data-Source`.
 */
export async function handleReadApi(work: () => Promise<{ body: unknown; read: { asOf: Date; source: DataSource } }>): Promise<Response> {
  try {
    const { body, read } = await work();
    return jsonOk(body, read);
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
