/**
 * Next 16's request proxy (the former middleware): security headers with a per-request CSP nonce, and
 * the bad requests Next would otherwise answer with a 500 (spec §14):
 * - a path whose percent-escapes do not decode ("%zz", "%", "%C0%AF") or that carries a NUL → 400;
 * - while the database is known to be unreachable, pages and the API → 503 with the no-claim state;
 * - a server-action POST (Next-Action header) from a foreign or `null` Origin → 403 (Next blocks it too,
 *   but by throwing: a 500).
 */
import { NextResponse, type NextRequest } from "next/server";
import { breakerOpen } from "@/lib/db-breaker";
import { allowedOrigins } from "@/lib/origins";
import { unavailableHtml } from "@/lib/unavailable-page";
import { API_ERROR_MESSAGES } from "@/lib/recovery/surface-copy";
import { STATIC_SECURITY_HEADERS, contentSecurityPolicy, malformedPath } from "@/lib/security-headers";

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

function refuse(request: NextRequest, status: 400 | 403, message: string, csp: string): NextResponse {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const response = api
    ? NextResponse.json({ error: { code: status === 400 ? "bad_request" : "forbidden", message } }, { status })
    : new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  response.headers.set("cache-control", "no-store");
  return withSecurityHeaders(response, csp);
}

function rawPathAndQuery(request: NextRequest): { path: string; query: string } {
  // request.url keeps the escapes as sent; nextUrl may already have normalised them.
  const url = request.url;
  const afterHost = url.replace(/^[a-z]+:\/\/[^/]*/i, "");
  const q = afterHost.indexOf("?");
  return q < 0 ? { path: afterHost, query: "" } : { path: afterHost.slice(0, q), query: afterHost.slice(q) };
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  // A NUL in the query is not refused here: each page's parameter schema ignores values it cannot use
  // (spec §7: the page still renders), and no query text the database cannot hold reaches it.
  const { path } = rawPathAndQuery(request);
  if (malformedPath(path)) return refuse(request, 400, "The request path is not valid (a broken percent-escape or a NUL byte).", csp);

  if (request.method === "POST" && request.headers.has("next-action")) {
    const origin = request.headers.get("origin");
    if (origin !== null && !allowedOrigins().includes(origin)) {
      return refuse(request, 403, "This action may only be sent from the app's own pages.", csp);
    }
  }

  // The database failed moments ago: answer a signed-in request at once with the no-claim state instead of
  // rendering pages (or running API handlers) that cannot load. The sign-in page and the auth endpoints run.
  // Requests without a session cookie need no database to be answered (401, the sign-in page): they pass.
  const hasSession = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/.test(request.headers.get("cookie") ?? "");
  if (hasSession && breakerOpen() && !path.startsWith("/sign-in") && !path.startsWith("/api/auth/")) {
    const response = path.startsWith("/api/")
      ? NextResponse.json({ error: { code: "unavailable", message: API_ERROR_MESSAGES.unavailable } }, { status: 503 })
      : new NextResponse(unavailableHtml(), { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
    response.headers.set("cache-control", "no-store");
    response.headers.set("retry-after", "1");
    return withSecurityHeaders(response, csp);
  }

  // Next reads the nonce for its own scripts from the request's CSP header.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
