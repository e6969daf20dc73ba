/**
 * The ingest API's errors (§12), in the §8 shape. Record errors also carry `array`, `index` and `field`
 * (the same names the message starts with). Anything else falls through to the JSON API's mapper.
 */
import { DatasetError, RecordConflictError } from "../../db/import/dataset-error";
import { errorResponse, InvalidIdError } from "../api/respond";

export class IngestError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 429,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "IngestError";
  }
}

export const INGEST_MESSAGES = {
  unauthenticated: "Send an ingest API key: Authorization: Bearer <key>. The key is missing, unknown or revoked.",
  not_found: "Not found.",
  conflict: "This id belongs to another tenant. Nothing was written.",
} as const;

function body(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

const NO_STORE = { "cache-control": "no-store" };

export function ingestErrorResponse(e: unknown): Response {
  if (e instanceof IngestError) {
    return Response.json(body(e.code, e.message), { status: e.status, headers: { ...NO_STORE, ...e.headers } });
  }
  if (e instanceof RecordConflictError) {
    return Response.json(body("conflict", `${e.array}[${e.index}].${e.field}: ${INGEST_MESSAGES.conflict}`, { array: e.array, index: e.index, field: e.field }), {
      status: 409,
      headers: NO_STORE,
    });
  }
  if (e instanceof DatasetError) {
    return Response.json(body("invalid_record", `${e.message}. Nothing was written.`, { array: e.array, index: e.index, field: e.field }), {
      status: 400,
      headers: NO_STORE,
    });
  }
  if (e instanceof InvalidIdError) return errorResponse(e);
  return errorResponse(e);
}

export function statusOf(e: unknown): number {
  if (e instanceof IngestError) return e.status;
  if (e instanceof RecordConflictError) return 409;
  if (e instanceof DatasetError || e instanceof InvalidIdError) return 400;
  return 503;
}
