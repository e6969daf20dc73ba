/**
 * The client address of a request as the HTTP edge resolved it (server/http-edge.cjs replaces
 * X-Forwarded-For with one trusted address: the socket peer, or via TRUST_PROXY the proxy's client).
 */
export function clientAddressFrom(headers: Headers): string | null {
  const value = headers.get("x-forwarded-for")?.trim();
  if (!value || value.includes(",") || value.length > 64) return null;
  return value;
}
