import "server-only";
/**
 * The edge of one ingest request, in the order §12's status codes are decided: the key (401), the path's
 * tenant (400 malformed, 404 not the key's tenant), the key's rate (429), the body's size (413) and
 * JSON (400).
 */
import { verifyApiKey, type VerifiedKey } from "../../db/queries/api-keys";
import { env } from "../../lib/env";
import { requireId } from "../api/respond";
import { IngestError, INGEST_MESSAGES } from "./errors";
import { KeyRateLimiter } from "./rate-limit";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const limiterKey = Symbol.for("recovery-posture.ingest-rate");
const g = globalThis as typeof globalThis & { [limiterKey]?: KeyRateLimiter };
function limiter(): KeyRateLimiter {
  return (g[limiterKey] ??= new KeyRateLimiter(env.INGEST_REQUESTS_PER_MINUTE));
}

export interface IngestContext {
  key: VerifiedKey;
  tenantId: number;
}

export async function authorizeIngest(request: Request, rawTenantId: string): Promise<IngestContext> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match ? await verifyApiKey(match[1]!) : null;
  if (!key) throw new IngestError(401, "unauthenticated", INGEST_MESSAGES.unauthenticated, { "www-authenticate": "Bearer" });
  const tenantId = requireId(rawTenantId, "tenant");
  // Any other tenant, existing or not, does not exist for this key.
  if (tenantId !== key.tenantId) throw new IngestError(404, "not_found", INGEST_MESSAGES.not_found);
  const wait = limiter().take(key.id);
  if (wait > 0) {
    throw new IngestError(429, "rate_limited", `Too many requests for this key; retry in ${wait} s.`, { "retry-after": String(wait) });
  }
  return { key, tenantId };
}

/** The JSON body, read up to 5 MB (counted as it streams, whatever Content-Length says). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const tooLarge = () => new IngestError(413, "payload_too_large", `The body is over ${MAX_BODY_BYTES / 1024 / 1024} MB. Send fewer records per request.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new IngestError(400, "invalid_json", "The body must be one JSON object (Content-Type: application/json).");
  }
}
