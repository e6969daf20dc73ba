import "server-only";
import { logError } from "../../lib/redact";
import { API_ERROR_MESSAGES } from "../../lib/recovery/surface-copy";
import { jsonError } from "../api/respond";
import { getAuth } from "./server";

/**
 * The auth library's HTTP endpoints behind the §8 error shape: a failure it cannot answer (the database
 * is down during a sign-in) is a 503 with the "unavailable" body, never a 500.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  try {
    const response = await getAuth().handler(request);
    if (response.status < 500) return response;
    logError("auth", new Error(`the auth handler answered ${response.status}; answered 503`));
  } catch (e) {
    logError("auth", e);
  }
  return jsonError(503, "unavailable", API_ERROR_MESSAGES.unavailable);
}
